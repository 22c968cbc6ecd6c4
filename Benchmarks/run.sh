#!/usr/bin/env bash
# Times each benchmark workload on wick (wick-bench, release build) and on python3 + torch
# running the PyTorch script of the same name, then prints both times and their ratio.
# For matmul it also times numpy's float32 `a @ b` (OpenBLAS) the same way.
#
#   Benchmarks/run.sh                 # every workload
#   Benchmarks/run.sh matmul          # some of them
#   PYTHON=/work/venv/bin/python Benchmarks/run.sh
#
# Environment: PYTHON (default python3), BENCH_DIR (the PyTorch scripts; default
# ../shared/bench beside the clone when present, else this folder), SWIFT_BUILD_ARGS (extra arguments for
# `swift build`, such as `--scratch-path .build-bench`). Both sides inherit the same
# environment, so OPENBLAS_* settings (OPENBLAS_NUM_THREADS, OPENBLAS_CORETYPE,
# OPENBLAS_L2_SIZE) apply to wick's and numpy's OpenBLAS alike; they are printed first.
set -u
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
HERE="$(pwd)/Benchmarks"
if [ -z "${BENCH_DIR:-}" ]; then
    # The team's shared folder sits beside the clone (../shared), as in CI.
    if [ -d ../shared/bench ]; then BENCH_DIR="$(cd ../shared/bench && pwd)"
    elif [ -d /work/shared/bench ]; then BENCH_DIR=/work/shared/bench
    else BENCH_DIR="$HERE"; fi
fi
ALL_WORKLOADS="matmul elementwise cnn lstm"
WORKLOADS="${*:-$ALL_WORKLOADS}"
export PATH="$PATH:/opt/swift/usr/bin"

echo "== building wick-bench (release) =="
# shellcheck disable=SC2086
swift build -c release ${SWIFT_BUILD_ARGS:-} --product wick-bench >/dev/null || { echo "build failed" >&2; exit 1; }
# shellcheck disable=SC2086
BIN="$(swift build -c release ${SWIFT_BUILD_ARGS:-} --show-bin-path)/wick-bench"

echo "== machine: $(nproc) cores; $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
env | grep -E '^(OPENBLAS|OMP|MKL)_' | sed 's/^/   env: /' || true
have_torch=0; have_numpy=0
if "$PYTHON" -c "import torch" 2>/dev/null; then
    have_torch=1
    echo "   torch $("$PYTHON" -c 'import torch; print(torch.__version__, "threads", torch.get_num_threads())')"
fi
"$PYTHON" -c "import numpy" 2>/dev/null && have_numpy=1

# numpy's float32 GEMM, timed as matmul.py times torch (best of 5 blocks).
NUMPY_MATMUL='
import time, numpy as np
rng = np.random.default_rng(0)
for n in [128, 512, 1024]:
    a = rng.standard_normal((n, n), dtype=np.float32)
    b = rng.standard_normal((n, n), dtype=np.float32)
    c = a @ b
    reps = max(3, int(4e8 / (2 * n ** 3)))
    dt = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(reps):
            c = a @ b
        dt = min(dt, (time.perf_counter() - t0) / reps)
    print(f"matmul_{n}: {dt * 1e3:.3f} ms  {2 * n ** 3 / dt / 1e9:.1f} GFLOP/s")
'

# "name: 1.234 ms ..." lines -> "name 1.234"
times() { sed -n 's/^\([A-Za-z0-9_]*\): *\([0-9.]*\) ms.*/\1 \2/p'; }

for w in $WORKLOADS; do
    echo
    echo "== $w =="
    wick_out="$("$BIN" "$w" 2>&1)"; echo "$wick_out" | sed 's/^/   wick:  /'
    torch_out=""
    # cnn and lstm time forward + backward only (the optimizer step is issue 5's), so their
    # PyTorch side is this folder's *_fwd_bwd.py rather than the shared *_train.py.
    case "$w" in
        cnn|lstm) script="$HERE/${w}_fwd_bwd.py" ;;
        *) script="$BENCH_DIR/$w.py" ;;
    esac
    if [ "$have_torch" = 1 ] && [ -f "$script" ]; then
        torch_out="$("$PYTHON" "$script" 2>&1)"; echo "$torch_out" | sed 's/^/   torch: /'
    elif [ "$have_torch" = 0 ]; then
        echo "   torch: skipped: torch not installed (for $PYTHON)"
    else
        echo "   torch: skipped: no $script"
    fi
    numpy_out=""
    if [ "$w" = matmul ] && [ "$have_numpy" = 1 ]; then
        numpy_out="$("$PYTHON" -c "$NUMPY_MATMUL" 2>&1)"; echo "$numpy_out" | sed 's/^/   numpy: /'
    fi
    awk -v torch="$(echo "$torch_out" | times)" -v numpy="$(echo "$numpy_out" | times)" '
        BEGIN {
            n = split(torch, t, "\n"); for (i = 1; i <= n; i++) { split(t[i], f, " "); tm[f[1]] = f[2] }
            n = split(numpy, u, "\n"); for (i = 1; i <= n; i++) { split(u[i], f, " "); nm[f[1]] = f[2] }
            printf "   %-26s %10s %10s %11s %10s %13s\n", "", "wick ms", "torch ms", "wick/torch", "numpy ms", "wick/numpy"
        }
        {
            ts = ($1 in tm) ? sprintf("%10.3f", tm[$1]) : sprintf("%10s", "-")
            tr = ($1 in tm && tm[$1] > 0) ? sprintf("%10.2fx", $2 / tm[$1]) : sprintf("%11s", "-")
            ns = ($1 in nm) ? sprintf("%10.3f", nm[$1]) : sprintf("%10s", "-")
            nr = ($1 in nm && nm[$1] > 0) ? sprintf("%12.2fx", $2 / nm[$1]) : sprintf("%13s", "-")
            printf "   %-26s %10.3f %s %s %s %s\n", $1, $2, ts, tr, ns, nr
        }' <<< "$(echo "$wick_out" | times)"
done

# The PyTorch scripts themselves, run by `wick run` and by python3 (+torch) — the interpreter,
# the bindings and the engine together. scalar_autograd needs no torch.
SCRIPT_WORKLOADS="${SCRIPT_WORKLOADS:-scalar_autograd mlp_train cnn_train lstm_train}"
if [ -z "$*" ] && [ -n "$SCRIPT_WORKLOADS" ]; then
    echo
    echo "== building wick (release) =="
    # shellcheck disable=SC2086
    swift build -c release ${SWIFT_BUILD_ARGS:-} --product wick >/dev/null || { echo "build failed" >&2; exit 1; }
    # shellcheck disable=SC2086
    WICK="$(swift build -c release ${SWIFT_BUILD_ARGS:-} --show-bin-path)/wick"
    for w in $SCRIPT_WORKLOADS; do
        [ -f "$BENCH_DIR/$w.py" ] || { echo "== $w: skipped: no $BENCH_DIR/$w.py"; continue; }
        echo
        echo "== $w.py (wick run vs $PYTHON) =="
        wick_out="$("$WICK" run "$BENCH_DIR/$w.py" 2>&1)"; echo "$wick_out" | sed 's/^/   wick:   /'
        if [ "$w" = scalar_autograd ] || [ "$have_torch" = 1 ]; then
            py_out="$("$PYTHON" "$BENCH_DIR/$w.py" 2>&1)"; echo "$py_out" | sed 's/^/   python: /'
            awk -v a="$(echo "$wick_out" | times)" -v b="$(echo "$py_out" | times)" 'BEGIN {
                split(a, x, " "); split(b, y, " ")
                if (x[2] > 0 && y[2] > 0) printf "   %-26s wick/python %.2fx\n", x[1], x[2] / y[2] }'
        fi
    done
fi
echo
echo "(ratios are time ratios: below 1.00x wick is faster)"
