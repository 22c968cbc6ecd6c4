#!/usr/bin/env python3
"""Extra golden fixtures for the reduction ops (sum mean std var prod max min argmax argmin
amax amin logsumexp norm cumsum all any), beyond the ones in ops.json.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_reduction_fixtures.py

Writes reductions.json next to this file, in the same format as ops.json (see README.md):
it reuses the case recorder of make_fixtures.py, so the encoding is identical. Deterministic:
inputs come from literals or from numpy Generators seeded from the group name (crc32),
cotangents from the case id. The cases cover what ops.json leaves out: dtype= rules, larger
inputs that exercise the inner/outer/strided kernel paths and float64 accuracy, dims tuples
that are not adjacent, empty tensors, NaN/inf, corrections beyond N, zeros in prod, every
norm order branch of the backward, and more error messages.
"""

import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_fixtures as mf  # noqa: E402
from make_fixtures import C, M, T, V, F, I, B, f32, f64, i64, i32, bol, INF, NAN  # noqa: E402

mf.CASES = []
mf.IDS = set()


def gen_sum_mean_prod():
    mf.seed("reductions-extra/sum")
    C("sum/dtype_int32_from_f32", "sum", [V([1.5, -2.7, 3.9, 0.2], rg=False)], [T(0)], {"dtype": i32})
    C("sum/dtype_int64_requires_grad_error", "sum", [F(3)], [T(0)], {"dtype": i64}, err=True)
    C("sum/dtype_bool", "sum", [V([True, False, True])], [T(0)], {"dtype": bol})
    C("sum/int64_overflow_wraps", "sum", [V([2 ** 62, 2 ** 62, 2 ** 62], dt=i64)], [T(0)])
    C("sum/large_2000_f64", "sum", [F(2000, dt=f64)], [T(0)])
    C("sum/large_dim0_300x3_f64", "sum", [F(300, 3, dt=f64)], [T(0)], {"dim": 0})
    C("sum/large_dim1_3x300_f64", "sum", [F(3, 300, dt=f64)], [T(0)], {"dim": 1})
    C("sum/large_dim0_300x4_f32", "sum", [F(300, 4)], [T(0)], {"dim": 0})
    C("sum/dimtuple_0_2_3x4x5x2", "sum", [F(3, 4, 5, 2)], [T(0)], {"dim": (0, 2)})
    C("sum/dimtuple_1_3_keepdim_3x4x5x2", "sum", [F(3, 4, 5, 2)], [T(0)], {"dim": (1, 3), "keepdim": True})
    C("sum/dimtuple_1_2_3x4x5x2", "sum", [F(3, 4, 5, 2)], [T(0)], {"dim": (1, 2)})
    C("sum/duplicate_dim_error", "sum", [F(2, 3)], [T(0)], {"dim": (0, -2)}, err=True)
    C("sum/0d_dimneg1", "sum", [F()], [T(0)], {"dim": -1})
    C("sum/0d_dim1_error", "sum", [F()], [T(0)], {"dim": 1}, err=True)
    C("sum/int32_dim_keepdim", "sum", [I(3, 4, dt=i32)], [T(0)], {"dim": 0, "keepdim": True})
    C("sum/bool_dim", "sum", [B(3, 4)], [T(0)], {"dim": 1})
    C("sum/dtype_f64_dim", "sum", [F(3, 4)], [T(0)], {"dim": 1, "dtype": f64})

    C("mean/int_dtype_arg_error", "mean", [V([1.0, 2.0])], [T(0)], {"dtype": i64}, err=True)
    C("mean/int_input_dim_error", "mean", [V([[1, 2], [3, 4]], dt=i64)], [T(0)], {"dim": 0}, err=True)
    C("mean/dtype_f64_from_f32", "mean", [F(3, 2)], [T(0)], {"dtype": f64})
    C("mean/large_dim0_300x5_f64", "mean", [F(300, 5, dt=f64)], [T(0)], {"dim": 0})
    C("mean/large_dim1_3x500_f32", "mean", [F(3, 500)], [T(0)], {"dim": 1})
    C("mean/empty_0x3_dim1", "mean", [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 1})
    C("mean/dimtuple_0_2_keepdim_3x4x5", "mean", [F(3, 4, 5)], [T(0)], {"dim": (0, 2), "keepdim": True})
    C("mean/nan", "mean", [V([1.0, NAN, 2.0])], [T(0)])

    mf.seed("reductions-extra/prod")
    C("prod/dim0_keepdim_with_zeros", "prod",
      [V([[1.5, 0.0, 2.0], [0.0, 0.0, -1.0], [3.0, 2.0, 0.5]])], [T(0)], {"dim": 0, "keepdim": True})
    C("prod/dim1_two_zeros_in_row", "prod", [V([[0.0, 2.0, 0.0, 3.0], [1.0, 2.0, 3.0, 4.0]])], [T(0)], {"dim": 1})
    C("prod/int64_dim", "prod", [I(3, 4, lo=-3, hi=4)], [T(0)], {"dim": 1})
    C("prod/int64_overflow_wraps", "prod", [V([2 ** 40, 2 ** 40, 3], dt=i64)], [T(0)])
    C("prod/dtype_int_requires_grad_error", "prod", [F(3)], [T(0)], {"dtype": i64}, err=True)
    C("prod/empty_0x3_dim0", "prod", [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 0})
    C("prod/large_row_2x30", "prod", [F(2, 30, lo=0.8, hi=1.25)], [T(0)], {"dim": 1})
    C("prod/f64_dim0_4x3", "prod", [F(4, 3, dt=f64)], [T(0)], {"dim": 0})
    C("prod/0d_zero", "prod", [V(0.0)], [T(0)])
    C("prod/0d_dim0_zero", "prod", [V(0.0)], [T(0)], {"dim": 0})
    C("prod/single_zero_3d_dim2", "prod", [V([[[1.0, 2.0, 0.0], [3.0, 4.0, 5.0]], [[0.5, 0.0, 0.0], [2.0, 2.0, 2.0]]])],
      [T(0)], {"dim": 2})
    C("prod/int32_dtype_int32", "prod", [V([2, 3, 4], dt=i32)], [T(0)], {"dtype": i32})
    C("prod/nan", "prod", [V([2.0, NAN, 0.0])], [T(0)])


def gen_std_var():
    mf.seed("reductions-extra/stdvar")
    for op in ["std", "var"]:
        C(f"{op}/dim_empty_list", op, [F(2, 3)], [T(0)], {"dim": []})
        C(f"{op}/large_offset_f32", op, [F(500, lo=9999.0, hi=10001.0)], [T(0)])
        C(f"{op}/large_offset_dim0_f32", op, [F(300, 2, lo=9999.0, hi=10001.0)], [T(0)], {"dim": 0})
        C(f"{op}/large_dim0_200x3_f64", op, [F(200, 3, dt=f64)], [T(0)], {"dim": 0})
        C(f"{op}/large_dim1_3x300_f64", op, [F(3, 300, dt=f64)], [T(0)], {"dim": 1})
        C(f"{op}/dim1_correction_exceeds_n", op, [F(2, 3)], [T(0)], {"dim": 1, "correction": 4})
        C(f"{op}/dim1_correction_equals_n", op, [F(2, 3)], [T(0)], {"dim": 1, "correction": 3})
        C(f"{op}/correction_negative", op, [F(2, 2)], [T(0)], {"correction": -1})
        C(f"{op}/dimtuple_keepdim_unbiased_false", op, [F(3, 2, 4)], [T(0), (0, 2)], {"unbiased": False, "keepdim": True})
        C(f"{op}/dim_size1_nan", op, [F(3, 1)], [T(0)], {"dim": 1})
        C(f"{op}/empty_0x3_dim0", op, [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 0})
        C(f"{op}/empty_0x3_dim1", op, [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 1})
        C(f"{op}/nan", op, [V([1.0, NAN, 2.0])], [T(0)])
        C(f"{op}/inf", op, [V([1.0, INF, 2.0])], [T(0)])
        C(f"{op}/dim_constant_rows_grad", op, [V([[2.0, 2.0], [1.0, 3.0]])], [T(0)], {"dim": 1})
        C(f"{op}/dim_out_of_range_error", op, [F(2, 3)], [T(0)], {"dim": 2}, err=True)
        C(f"{op}/f64_all", op, [F(4, 5, dt=f64)], [T(0)])
        C(f"{op}/0d_dim0_correction0", op, [F()], [T(0)], {"dim": 0, "correction": 0})


def gen_extrema():
    mf.seed("reductions-extra/extrema")
    for op in ["max", "min"]:
        C(f"{op}/dim0_keepdim_0d", op, [F()], [T(0)], {"dim": 0, "keepdim": True})
        C(f"{op}/bool_dim", op, [V([[True, False], [False, False]])], [T(0)], {"dim": 1})
        C(f"{op}/int64_dim_ties", op, [V([[4, 4, 1], [-2, 3, 3]], dt=i64)], [T(0)], {"dim": 1})
        C(f"{op}/int32_dim", op, [I(3, 4, dt=i32)], [T(0)], {"dim": 0})
        C(f"{op}/large_dim0_200x3", op, [F(200, 3)], [T(0)], {"dim": 0})
        C(f"{op}/large_dim1_2x300", op, [F(2, 300)], [T(0)], {"dim": 1})
        C(f"{op}/large_all_f64", op, [F(20, 30, dt=f64)], [T(0)])
        C(f"{op}/nan_ties_grad", op, [V([NAN, 1.0, NAN])], [T(0)])
        C(f"{op}/dim1_3d", op, [F(2, 3, 4)], [T(0)], {"dim": 1})
        C(f"{op}/nan_dim0_keepdim", op, [V([[1.0, NAN], [NAN, 2.0], [3.0, 0.0]])], [T(0)], {"dim": 0, "keepdim": True})
        C(f"{op}/inf_all", op, [V([-INF, INF, 1.0])], [T(0)])
        C(f"{op}/int64_all", op, [I(4, 5)], [T(0)])
    for op in ["argmax", "argmin"]:
        C(f"{op}/bool_error", op, [V([True, False])], [T(0)], err=True)
        C(f"{op}/empty_0x3_dim0_error", op, [torch.zeros(0, 3)], [T(0)], {"dim": 0}, err=True)
        C(f"{op}/empty_0x3_dim1", op, [torch.zeros(0, 3)], [T(0)], {"dim": 1})
        C(f"{op}/0d_dim0_keepdim", op, [F()], [T(0)], {"dim": 0, "keepdim": True})
        C(f"{op}/0d_keepdim", op, [F()], [T(0)], {"keepdim": True})
        C(f"{op}/dim0_3d", op, [F(2, 3, 4)], [T(0)], {"dim": 0})
        C(f"{op}/nan_dim", op, [V([[1.0, NAN, NAN], [3.0, 2.0, 1.0]])], [T(0)], {"dim": 1})
        C(f"{op}/int32_dim", op, [I(3, 4, dt=i32)], [T(0)], {"dim": 1})
        C(f"{op}/large_dim0_300x5", op, [F(300, 5, dec=1)], [T(0)], {"dim": 0})
        C(f"{op}/large_all_f64", op, [F(20, 30, dt=f64)], [T(0)])
        C(f"{op}/dim_out_of_range_error", op, [F(2, 3)], [T(0)], {"dim": -3}, err=True)
    for op in ["amax", "amin"]:
        C(f"{op}/bool", op, [V([False, True, False])], [T(0)])
        C(f"{op}/bool_dim", op, [V([[True, False], [False, False]])], [T(0)], {"dim": 1})
        C(f"{op}/dim_empty_list", op, [F(2, 3)], [T(0)], {"dim": []})
        C(f"{op}/int64_all", op, [I(3, 4)], [T(0)])
        C(f"{op}/nan_dim_grad", op, [V([[1.0, NAN, 3.0], [4.0, 5.0, 6.0]])], [T(0)], {"dim": 1})
        C(f"{op}/ties_dimtuple_grad", op, [V([[[1.0, 3.0], [3.0, 0.0]], [[2.0, 2.0], [-1.0, 2.0]]])], [T(0)],
          {"dim": (0, 2)})
        C(f"{op}/empty_0x3_dimtuple_error", op, [torch.zeros(0, 3)], [T(0)], {"dim": (0, 1)}, err=True)
        C(f"{op}/empty_2x0_dim0", op, [torch.zeros(2, 0)], [T(0)], {"dim": 0})
        C(f"{op}/large_dim0_300x5", op, [F(300, 5, dec=1)], [T(0)], {"dim": 0})
        C(f"{op}/large_dim1_5x300_f64", op, [F(5, 300, dt=f64, dec=1)], [T(0)], {"dim": 1})
        C(f"{op}/0d_dim0", op, [F()], [T(0)], {"dim": 0})
        C(f"{op}/inf", op, [V([[-INF, 1.0], [INF, INF]])], [T(0)], {"dim": 1})


def gen_logsumexp_norm():
    mf.seed("reductions-extra/lse")
    C("logsumexp/dim_empty_list_keepdim", "logsumexp", [F(2, 3)], [T(0)], {"dim": [], "keepdim": True})
    C("logsumexp/dim_empty_list_error", "logsumexp", [F(2, 3)], [T(0)], {"dim": []}, err=True)
    C("logsumexp/0d_dim_empty_list", "logsumexp", [F()], [T(0)], {"dim": []})
    C("logsumexp/nan", "logsumexp", [V([1.0, NAN, 2.0])], [T(0)], {"dim": 0})
    C("logsumexp/neg_inf_row", "logsumexp", [V([[-INF, -INF], [1.0, 2.0]])], [T(0)], {"dim": 1})
    C("logsumexp/large_dim0_300x4_f64", "logsumexp", [F(300, 4, dt=f64, lo=-50, hi=50)], [T(0)], {"dim": 0})
    C("logsumexp/large_dim1_4x300", "logsumexp", [F(4, 300, lo=-50, hi=50)], [T(0)], {"dim": 1})
    C("logsumexp/int64_keepdim", "logsumexp", [I(2, 3)], [T(0)], {"dim": 1, "keepdim": True})
    C("logsumexp/bool", "logsumexp", [V([True, False])], [T(0)], {"dim": 0})
    C("logsumexp/very_negative", "logsumexp", [V([-1000.0, -1001.0])], [T(0)], {"dim": 0})

    mf.seed("reductions-extra/norm")
    C("norm/p0_5", "norm", [F(5, nz=True)], [T(0)], {"p": 0.5})
    C("norm/p0_5_with_zero", "norm", [V([0.0, 1.0, -2.0])], [T(0)], {"p": 0.5})
    C("norm/p1_5", "norm", [F(5)], [T(0)], {"p": 1.5})
    C("norm/p1_5_zero_vector", "norm", [V([0.0, 0.0])], [T(0)], {"p": 1.5})
    C("norm/p_neg1", "norm", [F(4, nz=True)], [T(0)], {"p": -1})
    C("norm/p3_with_zero", "norm", [V([0.0, 1.0, -2.0])], [T(0)], {"p": 3})
    C("norm/p3_zero_vector", "norm", [V([0.0, 0.0])], [T(0)], {"p": 3})
    C("norm/p4_dim1", "norm", [F(3, 4)], [T(0)], {"p": 4, "dim": 1})
    C("norm/p_neg_inf_ties", "norm", [V([1.0, -1.0, 3.0])], [T(0)], {"p": -INF})
    C("norm/p_neg_inf_dim0", "norm", [F(3, 2)], [T(0)], {"p": -INF, "dim": 0})
    C("norm/p2_dim_keepdim_f64", "norm", [F(3, 4, dt=f64)], [T(0)], {"p": 2, "dim": 0, "keepdim": True})
    C("norm/p2_dimtuple_0_2", "norm", [F(2, 3, 4)], [T(0)], {"dim": (0, 2)})
    C("norm/p2_large_500", "norm", [F(500)], [T(0)])
    C("norm/p2_zero_row_dim1", "norm", [V([[0.0, 0.0], [3.0, 4.0]])], [T(0)], {"dim": 1})
    C("norm/p1_dim1_with_zero", "norm", [V([[0.0, -2.0], [3.0, 4.0]])], [T(0)], {"p": 1, "dim": 1})
    C("norm/p0_dim1", "norm", [V([[0.0, -2.0], [3.0, 4.0]])], [T(0)], {"p": 0, "dim": 1})
    C("norm/fro_dim_3_error", "norm", [F(2, 2, 2)], [T(0)], {"p": "fro", "dim": (0, 1, 2)}, err=True)
    C("norm/fro_1d_dim_3_error", "norm", [F(2)], [T(0)], {"p": "fro", "dim": (0, 1, 2)}, err=True)
    C("norm/order_string_error", "norm", [F(2, 2)], [T(0)], {"p": "abc"}, err=True)
    C("norm/empty_p2", "norm", [torch.zeros(0, requires_grad=True)], [T(0)])
    C("norm/empty_inf_error", "norm", [torch.zeros(0, 3)], [T(0)], {"p": INF}, err=True)
    C("norm/empty_inf_dim0_error", "norm", [torch.zeros(0, 3)], [T(0)], {"p": INF, "dim": 0}, err=True)
    C("norm/empty_inf_dim1", "norm", [torch.zeros(0, 3)], [T(0)], {"p": INF, "dim": 1})
    C("norm/nan", "norm", [V([1.0, NAN])], [T(0)])
    C("norm/inf_p_with_nan_grad", "norm", [V([1.0, NAN, -3.0])], [T(0)], {"p": INF})
    C("norm/f64_p3_dim1", "norm", [F(2, 5, dt=f64)], [T(0)], {"p": 3, "dim": 1})


def gen_cumsum_logical():
    mf.seed("reductions-extra/cumsum")
    C("cumsum/dim0_3d", "cumsum", [F(2, 3, 4)], [T(0)], {"dim": 0})
    C("cumsum/dim1_3d", "cumsum", [F(2, 3, 4)], [T(0)], {"dim": 1})
    C("cumsum/int_dtype_f32", "cumsum", [V([1, 2, 3], dt=i64)], [T(0)], {"dim": 0, "dtype": f32})
    C("cumsum/float_dtype_int64_nograd", "cumsum", [V([1.5, 2.5, -0.7], rg=False)], [T(0)], {"dim": 0, "dtype": i64})
    C("cumsum/dtype_int_requires_grad_error", "cumsum", [F(3)], [T(0)], {"dim": 0, "dtype": i64}, err=True)
    C("cumsum/int32_dtype_int32", "cumsum", [V([1, 2, 3], dt=i32)], [T(0)], {"dim": 0, "dtype": i32})
    C("cumsum/large_500_f32", "cumsum", [F(500)], [T(0)], {"dim": 0})
    C("cumsum/large_dim0_200x3_f64", "cumsum", [F(200, 3, dt=f64)], [T(0)], {"dim": 0})
    C("cumsum/dim_out_of_range_error", "cumsum", [F(2, 3)], [T(0)], {"dim": 2}, err=True)
    C("cumsum/0d_dimneg1", "cumsum", [F()], [T(0)], {"dim": -1})
    C("cumsum/inf", "cumsum", [V([INF, 1.0, -INF])], [T(0)], {"dim": 0})
    C("cumsum/empty_0x3_dim1", "cumsum", [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 1})
    C("cumsum/size1_dim", "cumsum", [F(3, 1)], [T(0)], {"dim": 1})

    mf.seed("reductions-extra/logical")
    for op in ["all", "any"]:
        C(f"{op}/dim_empty_list", op, [V([[1.0, 0.0], [2.0, -1.0]])], [T(0)], {"dim": []})
        C(f"{op}/float_dimtuple_keepdim", op, [V([[[1.0, 0.0], [2.0, 3.0]], [[0.0, 0.0], [1.0, 1.0]]])], [T(0)],
          {"dim": (0, 2), "keepdim": True})
        C(f"{op}/int64_dim0", op, [V([[1, 0], [2, 0]], dt=i64)], [T(0)], {"dim": 0})
        C(f"{op}/int32", op, [V([1, 0, 2], dt=i32)], [T(0)])
        C(f"{op}/0d_dim0", op, [V(0.0)], [T(0)], {"dim": 0})
        C(f"{op}/dim_out_of_range_error", op, [B(2, 2)], [T(0)], {"dim": 5}, err=True)
        C(f"{op}/empty_0x3_dim1", op, [torch.zeros(0, 3)], [T(0)], {"dim": 1})
        C(f"{op}/float_nan", op, [V([NAN, 0.0])], [T(0)])
        C(f"{op}/large_dim0_300x4", op, [B(300, 4, p=0.98)], [T(0)], {"dim": 0})
        C(f"{op}/large_dim1_4x300", op, [B(4, 300, p=0.02)], [T(0)], {"dim": 1})


def main():
    meta = {"torch_version": torch.__version__, "made_by": "make_reduction_fixtures.py",
            "cpu_capability": torch.backends.cpu.get_cpu_capability(),
            "num_threads": torch.get_num_threads(), "default_dtype": mf.dtype_name(torch.get_default_dtype())}
    gen_sum_mean_prod()
    gen_std_var()
    gen_extrema()
    gen_logsumexp_norm()
    gen_cumsum_logical()
    mf.dump(os.path.join(HERE, "reductions.json"), meta, mf.CASES)
    print("reductions.json: %d cases (%d error cases)" % (len(mf.CASES), sum(1 for c in mf.CASES if "error" in c)))


if __name__ == "__main__":
    main()
