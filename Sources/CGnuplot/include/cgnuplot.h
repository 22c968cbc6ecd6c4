// C interface to gnuplot through gnuplot-iostream (C++ and Boost stay in cgnuplot.cpp).
#ifndef CGNUPLOT_H
#define CGNUPLOT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Nonzero when a `gnuplot` executable is found on PATH.
int cgnuplot_available(void);

/// What one gnuplot run produced. Free the texts with `cgnuplot_result_free`.
typedef struct cgnuplot_result {
    /// gnuplot's exit status (0 = success); -1 when it could not be started.
    int status;
    /// 1 when gnuplot was killed because it exceeded the timeout.
    int timed_out;
    /// Everything gnuplot wrote to stdout (NUL-terminated, malloc'd; never NULL after a run).
    char *output;
    /// Everything gnuplot wrote to stderr: errors and warnings (NUL-terminated, malloc'd).
    char *errors;
} cgnuplot_result;

/// Runs `gnuplot_path` (an executable) on `script` (`script_length` bytes), fed through a
/// gnuplot-iostream pipe, killing it after `timeout_seconds`. Fills `result`; returns its status.
int cgnuplot_run(const char *gnuplot_path, const char *script, size_t script_length,
                 double timeout_seconds, cgnuplot_result *result);

/// Frees the texts of a result filled by `cgnuplot_run` (safe to call twice).
void cgnuplot_result_free(cgnuplot_result *result);

#ifdef __cplusplus
}
#endif

#endif
