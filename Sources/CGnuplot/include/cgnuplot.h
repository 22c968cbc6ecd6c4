// C interface to gnuplot through gnuplot-iostream (C++ and Boost stay in cgnuplot.cpp).
#ifndef CGNUPLOT_H
#define CGNUPLOT_H

#ifdef __cplusplus
extern "C" {
#endif

/// Nonzero when a `gnuplot` executable is found on PATH.
int cgnuplot_available(void);

#ifdef __cplusplus
}
#endif

#endif
