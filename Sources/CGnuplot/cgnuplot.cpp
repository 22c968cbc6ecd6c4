// gnuplot-iostream behind a C header: Swift sees only cgnuplot.h.
#include "cgnuplot.h"
#include <gnuplot-iostream.h>
#include <cstdlib>
#include <string>
#include <unistd.h>

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
