#!/usr/bin/env python3
"""Extra golden fixtures for the pointwise ops (math, comparison, selection, in-place forms),
beyond the ones in ops.json.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_pointwise_fixtures.py

Writes pointwise.json next to this file, in the same format as ops.json (see README.md): it
reuses the case recorder of make_fixtures.py, so the encoding is identical. Deterministic:
inputs come from literals or from numpy Generators seeded from the group name (crc32),
cotangents from the case id. The cases cover what ops.json leaves out: clamp with tensor
bounds at ties and with min > max, fmod/remainder by numbers of either sign, lerp dtype
rules and errors, integer powers with negative exponents, and the in-place forms of more
unary ops.
"""

import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_fixtures as mf  # noqa: E402
from make_fixtures import C, M, T, V, F, B, f32, f64, i64, i32, INF, NAN  # noqa: E402

mf.CASES = []
mf.IDS = set()


def gen_clamp():
    mf.seed("pw_clamp")
    x = [-1.0, 0.0, 1.0, 2.0, 3.0]
    C("clamp/tensor_ties_both", "clamp", [V(x), V([0.0] * 5), V([2.0] * 5)], [T(0)], {"min": T(1), "max": T(2)})
    C("clamp/tensor_min_gt_max", "clamp", [V(x), V([1.0] * 5), V([0.0] * 5)], [T(0)], {"min": T(1), "max": T(2)})
    C("clamp/tensor_max_only_ties", "clamp", [V(x), V([1.0, 0.0, 1.0, 3.0, 2.0])], [T(0)], {"max": T(1)})
    C("clamp/tensor_broadcast_bounds", "clamp", [F(3, 4), F(4, lo=-2, hi=-0.5), F(3, 1, lo=0.5, hi=2)], [T(0)],
      {"min": T(1), "max": T(2)})
    C("clamp/tensor_nan_bound", "clamp", [V([1.0, 2.0]), V([NAN, 0.0])], [T(0)], {"min": T(1)})
    C("clamp/scalar_nan_bound", "clamp", [V([1.0, 2.0])], [T(0)], {"min": NAN})
    C("clamp/int32_bounds", "clamp", [V([-5, 0, 7], dt=i32)], [T(0)], {"min": -1, "max": 3})
    C("clamp/bool_int_bounds", "clamp", [V([True, False])], [T(0)], {"min": 0, "max": 1})
    M("clamp_/tensor_bounds", "clamp_", [F(2, 3, rg=False), F(3, lo=-1, hi=0, rg=False)], [], {"min": T(1)})
    M("clip_/scalar", "clip_", [F(5, rg=False)], [-0.5, 0.5])


def gen_division():
    mf.seed("pw_division")
    num = [7.5, -7.5, 3.0, -3.0, 0.0, -0.0]
    for d in [2.0, -2.0, 0.5]:
        tag = str(d).replace(".", "p").replace("-", "neg")
        C(f"fmod/scalar_{tag}_f32", "fmod", [V(num)], [T(0), d])
        C(f"remainder/scalar_{tag}_f32", "remainder", [V(num)], [T(0), d])
    C("fmod/scalar_int64", "fmod", [V([7, -7, 3, -3], dt=i64)], [T(0), -2])
    C("remainder/scalar_int64_negative", "remainder", [V([7, -7, 3, -3], dt=i64)], [T(0), -2])
    C("remainder/int64_by_zero_error", "remainder", [V([1, 2], dt=i64)], [T(0), 0], err=True)
    C("fmod/int64_by_zero_error", "fmod", [V([1, 2], dt=i64), V([1, 0], dt=i64)], [T(0), T(1)], err=True)
    C("remainder/tensor_broadcast_grads", "remainder", [F(2, 3, lo=1, hi=5), F(3, lo=0.5, hi=2)], [T(0), T(1)])
    C("fmod/tensor_broadcast_grads", "fmod", [F(2, 3, lo=-5, hi=5), F(3, lo=0.5, hi=2)], [T(0), T(1)])
    C("floor_divide/scalar_f32", "floor_divide", [V([7.5, -7.5, 0.5])], [T(0), 2.0])
    C("floor_divide/by_zero_f32", "floor_divide", [V([1.0, -1.0, 0.0])], [T(0), 0.0])
    C("floor_divide/int32_scalar", "floor_divide", [V([7, -7], dt=i32)], [T(0), 2])


def gen_lerp_pow_where():
    mf.seed("pw_lerp")
    C("lerp/weight_0d_f64", "lerp", [F(3), F(3), V(0.25, dt=f64, rg=False)], [T(0), T(1), T(2)])
    C("lerp/weight_0d_f64_grad", "lerp", [F(3), F(3), V(0.75, dt=f64)], [T(0), T(1), T(2)])
    C("lerp/end_dtype_error", "lerp", [F(3), F(3, dt=f64)], [T(0), T(1), 0.5], err=True)
    C("lerp/weight_dtype_error", "lerp", [F(3), F(3), F(3, dt=f64)], [T(0), T(1), T(2)], err=True)
    C("lerp/int_error", "lerp", [V([1, 2], dt=i64), V([3, 4], dt=i64)], [T(0), T(1), 0.5], err=True)
    C("lerp/broadcast_error", "lerp", [F(3), F(2)], [T(0), T(1), 0.5], err=True)
    C("lerp/weight_one", "lerp", [F(4), F(4)], [T(0), T(1), 1.0])
    C("pow/int64_negative_tensor_exponent", "pow", [V([1, -1, -1, 2, -2, 0], dt=i64), V([-1, -1, -2, -1, -3, 2], dt=i64)],
      [T(0), T(1)])
    C("pow/int32_scalar", "pow", [V([2, -3, 0], dt=i32)], [T(0), 3])
    C("pow/bool_scalar_int", "pow", [V([True, False])], [T(0), 2])
    C("pow/f32_scalar_neg2", "pow", [V([0.5, -2.0, 0.0])], [T(0), -2])
    C("pow/f32_scalar_3_negbase", "pow", [V([-1.5, 2.0, 0.0])], [T(0), 3])
    C("pow/scalar_base_zero_grad", "pow", [V([-1.0, 0.0, 2.0])], [0.0, T(0)])
    C("pow/scalar_base_one", "pow", [V([-1.0, NAN, 2.0])], [1.0, T(0)])
    C("where/int32_float_scalar", "where", [B(3), V([1, 2, 3], dt=i32)], [T(0), T(1), 2.5])
    C("where/int32_int_scalar", "where", [B(3), V([1, 2, 3], dt=i32)], [T(0), T(1), 7])
    C("where/bool_values", "where", [B(4), B(4), B(4)], [T(0), T(1), T(2)])
    C("where/broadcast_error", "where", [B(2), F(3), F(3)], [T(0), T(1), T(2)], err=True)


def gen_inplace():
    mf.seed("pw_inplace")
    nr = lambda *s, **k: F(*s, rg=False, **k)
    for op, lo in [("tanh_", -2), ("sin_", -2), ("log_", 0.1), ("floor_", -2), ("reciprocal_", 0.5), ("sign_", -2),
                   ("square_", -2), ("rsqrt_", 0.1), ("expm1_", -1), ("erf_", -1)]:
        M(f"{op}/basic", op, [nr(5, lo=lo)])
    M("round_/decimals", "round_", [V([1.2345, -2.555, 0.125], rg=False)], [], {"decimals": 2})
    M("neg_/int64", "neg_", [V([1, -2, 0], dt=i64)])
    M("exp_/int64_error", "exp_", [V([1, 2], dt=i64)], err=True)
    M("copy_/broadcast_column", "copy_", [nr(3, 2), nr(3, 1)], [T(1)])
    M("copy_/int64_to_bool", "copy_", [V([False, False, False]), V([2, 0, -1], dt=i64)], [T(1)])
    M("fill_/bool_on_f32", "fill_", [nr(2)], [True])


def main():
    gen_clamp()
    gen_division()
    gen_lerp_pow_where()
    gen_inplace()
    meta = {"torch_version": torch.__version__, "made_by": "make_pointwise_fixtures.py",
            "default_dtype": mf.dtype_name(torch.get_default_dtype())}
    path = os.path.join(HERE, "pointwise.json")
    mf.dump(path, meta, mf.CASES)
    print("pointwise.json: %d cases, %d bytes" % (len(mf.CASES), os.path.getsize(path)))


if __name__ == "__main__":
    main()
