// gnuplot-iostream behind a C header: Swift sees only cgnuplot.h.
//
// A run pipes the script into `timeout -k 2 <T> gnuplot` started by gnuplot-iostream (popen
// through /bin/sh); gnuplot's stdout and stderr go to temporary files that are read back, and
// the shell records gnuplot's exit status in a third file, so nothing can hang or leak to the
// terminal. SIGPIPE is ignored while writing, in case gnuplot exits before reading everything.
#include "cgnuplot.h"
#include <gnuplot-iostream.h>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>

namespace {

/// Quotes `s` for /bin/sh: 'text' with each ' written as '\''.
std::string shell_quote(const std::string &s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

/// Creates an empty temporary file and returns its path ("" on failure).
std::string make_temp(const char *tag) {
    const char *dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && dir[0] ? dir : "/tmp") + "/wick-gnuplot-" + tag + "-XXXXXX";
    std::string buf = pattern;
    int fd = mkstemp(&buf[0]);
    if (fd < 0) return "";
    close(fd);
    return buf;
}

std::string read_all(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

char *dup_text(const std::string &s) {
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p) return nullptr;
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

bool find_timeout(std::string &path) {
    for (const char *candidate : {"/usr/bin/timeout", "/bin/timeout"}) {
        if (access(candidate, X_OK) == 0) { path = candidate; return true; }
    }
    return false;
}

} // namespace

extern "C" int cgnuplot_available(void) {
    const char *path = std::getenv("PATH");
    if (!path) return 0;
    std::string all(path);
    size_t start = 0;
    while (start <= all.size()) {
        size_t end = all.find(':', start);
        if (end == std::string::npos) end = all.size();
        std::string candidate = all.substr(start, end - start) + "/gnuplot";
        if (access(candidate.c_str(), X_OK) == 0) return 1;
        start = end + 1;
    }
    return 0;
}

extern "C" int cgnuplot_run(const char *gnuplot_path, const char *script, size_t script_length,
                            double timeout_seconds, cgnuplot_result *result) {
    if (!result) return -1;
    result->status = -1;
    result->timed_out = 0;
    result->output = nullptr;
    result->errors = nullptr;
    if (!gnuplot_path || access(gnuplot_path, X_OK) != 0) {
        result->output = dup_text("");
        result->errors = dup_text(std::string("cannot execute gnuplot at ") + (gnuplot_path ? gnuplot_path : "(null)"));
        return -1;
    }
    std::string out = make_temp("out"), err = make_temp("err"), status = make_temp("status");
    std::string timeout_cmd;
    if (out.empty() || err.empty() || status.empty() || !find_timeout(timeout_cmd)) {
        result->output = dup_text("");
        result->errors = dup_text("cannot create temporary files or find the `timeout` program to run gnuplot");
        for (const std::string &p : {out, err, status}) if (!p.empty()) unlink(p.c_str());
        return -1;
    }
    double t = timeout_seconds > 0 && timeout_seconds < 86400 ? timeout_seconds : 30;
    char seconds[64];
    std::snprintf(seconds, sizeof seconds, "%.3f", t);
    std::string cmd = shell_quote(timeout_cmd) + " -k 2 " + seconds + " " + shell_quote(gnuplot_path)
        + " >" + shell_quote(out) + " 2>" + shell_quote(err) + "; echo $? >" + shell_quote(status);

    struct sigaction ignore {}, previous {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &previous);
    try {
        Gnuplot gp(cmd);
        gp.write(script, static_cast<std::streamsize>(script_length));
        gp << "\nexit\n";
        gp.flush();
    } catch (const std::exception &e) {
        // A write into a pipe gnuplot already closed: its status and stderr tell what happened.
    }
    sigaction(SIGPIPE, &previous, nullptr);

    std::string code = read_all(status);
    result->status = code.empty() ? -1 : std::atoi(code.c_str());
    result->timed_out = result->status == 124 || result->status == 137 ? 1 : 0;
    result->output = dup_text(read_all(out));
    result->errors = dup_text(read_all(err));
    unlink(out.c_str());
    unlink(err.c_str());
    unlink(status.c_str());
    return result->status;
}

extern "C" void cgnuplot_result_free(cgnuplot_result *result) {
    if (!result) return;
    std::free(result->output);
    std::free(result->errors);
    result->output = nullptr;
    result->errors = nullptr;
}
