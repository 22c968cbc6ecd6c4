#ifndef WICK_COPENBLAS_SHIM_H
#define WICK_COPENBLAS_SHIM_H
// cblas as shipped by Debian's libopenblas-dev (the alternatives link points at OpenBLAS).
#include <cblas.h>
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
