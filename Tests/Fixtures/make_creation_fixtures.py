#!/usr/bin/env python3
"""Extra golden fixtures for tensor creation, random sampling and conversion.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_creation_fixtures.py
Writes creation.json next to this file.  Deterministic: every input is a literal or comes from
a numpy Generator seeded with crc32(case id); torch runs with one thread (arange's vectorised
blocks restart at each thread's chunk, so its float results depend on the thread count).

creation.json = {"meta": {...}, "cases": [...]}, one case per line.  Tensors are encoded as in
ops.json (README.md): {"shape", "dtype", "values"}, floats exact (float32 widened to double),
non-finite values as the strings "nan"/"inf"/"-inf".  Three kinds of case:

* "kind": "op" -- like an ops.json case: "op" (arange, linspace, logspace, eye, full, empty,
  zeros, to, item ...), "args"/"kwargs" (a JSON number with a "." or an exponent is a Python
  float, otherwise an int; {"dtype": name}; {"float": "nan"|"inf"|"-inf"}; {"t": k} is
  inputs[k]), then "output" or "error" {"type", "message"}.
* "kind": "literal" -- torch.tensor(data, dtype=): "data" is the Python literal text (numbers,
  True/False, nan, inf, -inf, nested lists), optional "dtype", then "output" or "error".
* "kind": "random" -- "seed" for torch.manual_seed, "code" (what ran), "inputs", "output"
  (tensor or list of tensors), and "after": [torch.rand(2), torch.randn(1, dtype=float64)]
  drawn from the global generator right after the call, which pins down how many numbers the
  call consumed and whether it left a cached normal behind.  Cases with "grads" also ran
  output.backward(grad_output) and list the input gradients.
"""

import json
import math
import os
import zlib

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)

f32, f64, i64, i32, bol = torch.float32, torch.float64, torch.int64, torch.int32, torch.bool
NAN, INF = float("nan"), float("inf")
CASES = []


import sys  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import dtype_name, fnum, enc_t  # noqa: E402  (the shared tensor encoders)


class T:
    def __init__(self, k):
        self.k = k


def enc_arg(a):
    if isinstance(a, T):
        return {"t": a.k}
    if isinstance(a, torch.dtype):
        return {"dtype": dtype_name(a)}
    if isinstance(a, float) and (math.isnan(a) or math.isinf(a)):
        return {"float": fnum(a)}
    if isinstance(a, (list, tuple)):
        return [enc_arg(x) for x in a]
    return a


def resolve(a, inputs):
    if isinstance(a, T):
        return inputs[a.k]
    if isinstance(a, (list, tuple)):
        return type(a)(resolve(x, inputs) for x in a)
    return a


def err(e):
    return {"type": type(e).__name__, "message": str(e)}


def op_case(cid, fn, *args, inputs=(), **kwargs):
    case = {"id": cid, "kind": "op", "op": cid.split("/")[0],
            "inputs": [enc_t(t) for t in inputs],
            "args": [enc_arg(a) for a in args], "kwargs": {k: enc_arg(v) for k, v in kwargs.items()}}
    try:
        out = fn(*resolve(list(args), list(inputs)), **{k: resolve(v, list(inputs)) for k, v in kwargs.items()})
    except Exception as e:  # noqa: BLE001 - the message is the fixture
        case["error"] = err(e)
    else:
        case["output"] = enc_t(out) if isinstance(out, torch.Tensor) else {"scalar": out}
    CASES.append(case)


def literal_case(cid, data, dtype=None):
    case = {"id": cid, "kind": "literal", "data": data}
    env = {"nan": NAN, "inf": INF, "True": True, "False": False}
    kwargs = {}
    if dtype is not None:
        case["dtype"] = dtype_name(dtype)
        kwargs["dtype"] = dtype
    try:
        out = torch.tensor(eval(data, env), **kwargs)
    except Exception as e:  # noqa: BLE001
        case["error"] = err(e)
    else:
        case["output"] = enc_t(out)
    CASES.append(case)


def rng_input(cid, shape, low=-2.0, high=2.0, dtype=f32):
    g = np.random.default_rng(zlib.crc32(cid.encode()))
    return torch.tensor(np.round(g.uniform(low, high, size=shape), 3), dtype=dtype)


def random_case(cid, code, seed=0, inputs=(), backward=False):
    """Runs `code` (a lambda of the inputs) after manual_seed(seed)."""
    inputs = [t.detach().clone().requires_grad_(t.requires_grad) for t in inputs]
    torch.manual_seed(seed)
    case = {"id": cid, "kind": "random", "seed": seed, "code": code.__doc__ or "",
            "inputs": [dict(enc_t(t), requires_grad=t.requires_grad) for t in inputs]}
    try:
        out = code(*inputs)
    except Exception as e:  # noqa: BLE001
        case["error"] = err(e)
        CASES.append(case)
        return
    case["output"] = [enc_t(o) for o in out] if isinstance(out, (list, tuple)) else enc_t(out)
    case["after"] = [enc_t(torch.rand(2)), enc_t(torch.randn(1, dtype=f64))]
    if backward:
        go = torch.ones_like(out)
        out.backward(go)
        case["grad_fn"] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
        case["grads"] = [enc_t(t.grad) if t.grad is not None else None for t in inputs]
    CASES.append(case)


def R(text):
    """A lambda built from `text` ("x, y: expression"), documented by its own source."""
    params, body = text.split(":", 1) if ":" in text.split("(")[0] else ("", text)
    f = eval("lambda %s: %s" % (params, body), {"torch": torch, "F": torch.nn.functional,
                                                 "f32": f32, "f64": f64, "i64": i64, "i32": i32,
                                                 "bol": bol, "G": lambda s: torch.Generator().manual_seed(s)})
    f.__doc__ = body.strip()
    return f


# --------------------------------------------------------------------------
# creation ops
# --------------------------------------------------------------------------

def creation_cases():
    A, L, G = torch.arange, torch.linspace, torch.logspace
    # arange: float results use PyTorch's vectorised blocks (16 float32 / 8 float64 at a time)
    op_case("arange/f32_vector_blocks", A, 0, 20, 0.3)
    op_case("arange/f64_vector_blocks", A, 0, 20, 0.3, dtype=f64)
    op_case("arange/f32_offset_start", A, -5.5, 40.2, 1.7)
    op_case("arange/f64_offset_start", A, -5.5, 40.2, 1.7, dtype=f64)
    op_case("arange/f32_negative_step", A, 10.0, -10.0, -0.7)
    op_case("arange/f32_third", A, 0.1, 13.0, 1.0 / 3.0)
    op_case("arange/f64_long", A, -1.25, 70.0, 0.37, dtype=f64)
    op_case("arange/int_100", A, 100)
    op_case("arange/int_args_f32", A, 1, 50, 2, dtype=f32)
    op_case("arange/float_args_int64", A, 0.5, 30, 1, dtype=i64)
    op_case("arange/float_step_truncates_int64", A, -1.5, 3, 1.5, dtype=i64)
    op_case("arange/float_step_int32", A, 1.7, 5.2, 1.5, dtype=i32)
    op_case("arange/int32_steps", A, 0, 100, 3, dtype=i32)
    op_case("arange/int32_wraps", A, 0, 2 ** 33, 2 ** 31, dtype=i32)
    op_case("arange/big_int_exact_count", A, 2 ** 62, 2 ** 62 + 10, 3)
    op_case("arange/big_int_count_in_double", A, 5, 2 ** 62 + 10, 2 ** 61, dtype=f64)
    op_case("arange/big_float_count_int64", A, 5.0, 2 ** 62 + 10, 2 ** 61, dtype=i64)
    op_case("arange/near_int64_max", A, 2 ** 63 - 10, 2 ** 63 - 1, 2)
    op_case("arange/near_int64_min", A, -2 ** 63, -2 ** 63 + 10, 3)
    op_case("arange/bool_start", A, True, 5)
    op_case("arange/empty_float", A, 0.5, 0.5, -1)
    op_case("arange/nan_end_error", A, NAN)
    op_case("arange/inf_end_error", A, 0, INF)
    op_case("arange/huge_size_error", A, 1e20)
    op_case("arange/tiny_step_error", A, 0, 1, 1e-20)
    op_case("arange/float_zero_step_error", A, 0, 5, 0.0)
    op_case("arange/float_inconsistent_error", A, 0.5, 0.4, 1)
    op_case("arange/truncated_inconsistent_error", A, 0.9, 0.5, 1, dtype=i64)
    op_case("arange/bool_dtype_error", A, 3, dtype=bol)
    op_case("arange/int64_overflow_error", A, 0, 1e20, 1e19, dtype=i64)

    op_case("linspace/f32_50", L, 0, 1, 50)
    op_case("linspace/f32_odd_33", L, -3.3, 7.1, 33)
    op_case("linspace/f32_decreasing_21", L, 12.5, -0.3, 21)
    op_case("linspace/f64_100", L, 0.0, 1.0, 100, dtype=f64)
    op_case("linspace/f64_17", L, -1e3, 1e-3, 17, dtype=f64)
    op_case("linspace/int64_truncates", L, 0.9, 10.9, 5, dtype=i64)
    op_case("linspace/int32_19", L, -7, 20, 19, dtype=i32)
    op_case("linspace/int32_small", L, 0, 1, 5, dtype=i32)
    op_case("linspace/steps_1_f64", L, 2.5, 9.0, 1, dtype=f64)
    op_case("linspace/nan_start", L, NAN, 1, 3)
    op_case("linspace/inf_end", L, 0, INF, 3)
    op_case("linspace/int32_overflow_error", L, -2 ** 40, 2 ** 40, 5, dtype=i32)
    op_case("linspace/f32_overflow_error", L, 1e39, 0, 3)
    op_case("linspace/int64_overflow_error", L, 1e20, 0, 3, dtype=i64)
    op_case("linspace/bool_error", L, 0, 1, 3, dtype=bol)

    op_case("logspace/f32_20", G, 0, 3, 20)
    op_case("logspace/f64_base2_25", G, -2.0, 2.0, 25, base=2.0, dtype=f64)
    op_case("logspace/int64", G, 0.5, 2, 3, dtype=i64)
    op_case("logspace/int64_overflow_wraps", G, 0, 40, 3, dtype=i64)
    op_case("logspace/int32_overflow_wraps", G, 0, 40, 3, dtype=i32)
    op_case("logspace/base0", G, 0, 2, 3, base=0)
    op_case("logspace/negative_base", G, 0, 3, 4, base=-2)
    op_case("logspace/steps_0", G, 0, 3, 0)
    op_case("logspace/negative_steps_error", G, 0, 1, -1)
    op_case("logspace/bool_error", G, 0, 3, 4, dtype=bol)

    op_case("eye/3x5_int32", torch.eye, 3, 5, dtype=i32)
    op_case("eye/5x3_f64", torch.eye, 5, 3, dtype=f64)
    op_case("eye/0x3", torch.eye, 0, 3)
    op_case("eye/2x3_bool", torch.eye, 2, 3, dtype=bol)
    op_case("eye/negative_n_error", torch.eye, -1)
    op_case("eye/negative_m_error", torch.eye, 2, -1)

    op_case("full/int32_overflow_error", torch.full, [2], 2 ** 31, dtype=i32)
    op_case("full/int32_min", torch.full, [2], -2 ** 31, dtype=i32)
    op_case("full/int64_overflow_error", torch.full, [2], 1e20, dtype=i64)
    op_case("full/int64_two63_error", torch.full, [2], 2.0 ** 63, dtype=i64)
    op_case("full/int64_min_float", torch.full, [2], -2.0 ** 63, dtype=i64)
    op_case("full/nan_int64_error", torch.full, [2], NAN, dtype=i64)
    op_case("full/f32_overflow_error", torch.full, [2], 1e39, dtype=f32)
    op_case("full/f32_inf", torch.full, [2], INF, dtype=f32)
    op_case("full/int_to_bool", torch.full, [2], 5, dtype=bol)
    op_case("full/big_int_to_f32", torch.full, [2], 2 ** 63 - 1, dtype=f32)
    op_case("full/negative_error", torch.full, [2, -1], 1)
    op_case("empty/negative_error", torch.empty, [-1])
    op_case("empty/shape", lambda *s, **k: torch.empty(*s, **k).zero_(), [2, 3], dtype=i64)
    op_case("zeros/negative_error", torch.zeros, [2, -3])
    op_case("full_like/int32_overflow_error", torch.full_like, T(0), 2 ** 40,
            inputs=[torch.ones(2, dtype=i32)])
    op_case("full_like/int64_overflow_error", torch.full_like, T(0), 1e20,
            inputs=[torch.ones(2, dtype=i64)])


# --------------------------------------------------------------------------
# torch.tensor(data) and conversions
# --------------------------------------------------------------------------

def literal_cases():
    lit = literal_case
    lit("tensor/ints", "[[1, 2, 3], [4, 5, 6]]")
    lit("tensor/mixed_float", "[[1, 2.5], [3, 4]]")
    lit("tensor/bool_int", "[True, 2]")
    lit("tensor/bools", "[[True, False], [False, True]]")
    lit("tensor/scalar_float", "2.5")
    lit("tensor/scalar_int_dtype_f64", "7", f64)
    lit("tensor/empty", "[]")
    lit("tensor/empty_int64", "[]", i64)
    lit("tensor/empty_nested", "[[], []]")
    lit("tensor/empty_deep", "[[[]]]")
    lit("tensor/3d", "[[[1.5], [2]], [[3], [4]]]")
    lit("tensor/nonfinite", "[nan, inf, -inf, -0.0]")
    lit("tensor/truncate_int64", "[1.7, -1.7, 2.5, -2.5]", i64)
    lit("tensor/truncate_int32", "[1.9, -3.9]", i32)
    lit("tensor/bool_from_numbers", "[0, 2, 0.0, -0.5, nan]", bol)
    lit("tensor/int_to_f32_rounds", "[16777217, 123456789]", f32)
    lit("tensor/int64_min_from_float", "[-9223372036854775808.0]", i64)
    lit("tensor/int64_extremes", "[9223372036854775807, -9223372036854775808]")
    lit("tensor/bool_to_int32", "[True, False, 2]", i32)
    lit("tensor/f64_default_precision", "[0.1, 1e-300, 1e300]", f64)
    lit("tensor/ragged_error", "[[1, 2, 3], [1, 2]]")
    lit("tensor/ragged_longer_error", "[[1], [2, 3]]")
    lit("tensor/ragged_empty_error", "[[1], []]")
    lit("tensor/ragged_deep_error", "[[[1, 2]], [[1]]]")
    lit("tensor/scalar_then_list_int_error", "[1, [2, 3]]")
    lit("tensor/scalar_then_list_float_error", "[1.5, [2, 3]]")
    lit("tensor/scalar_then_list_bool_error", "[True, [2, 3]]")
    lit("tensor/list_then_scalar_error", "[[1, 2], 3]")
    lit("tensor/int64_overflow_error", "[1e20]", i64)
    lit("tensor/int64_two63_error", "[9223372036854775808.0]", i64)
    lit("tensor/int64_nan_error", "[nan]", i64)
    lit("tensor/int64_inf_error", "[1.0, inf]", i64)
    lit("tensor/int32_overflow_error", "[1, 1099511627776]", i32)
    lit("tensor/int32_float_overflow_error", "[3e9]", i32)
    lit("tensor/f32_overflow_is_inf", "[1e39, -1e39]", f32)

    x = torch.tensor([1.7, -2.7, NAN, 0.5, -0.0])
    op_case("to/f32_to_int64", lambda t: t.to(i64), T(0), inputs=[x])
    op_case("to/f32_to_int32", lambda t: t.to(i32), T(0), inputs=[x])
    op_case("to/f32_to_bool", lambda t: t.to(bol), T(0), inputs=[x])
    op_case("to/f32_out_of_range_int32", lambda t: t.to(i32), T(0),
            inputs=[torch.tensor([1e10, -1e10, 3e9, 2147483520.0])])
    op_case("to/f64_out_of_range_int64", lambda t: t.to(i64), T(0),
            inputs=[torch.tensor([9.25e18, -9.3e18, 1e19, 9.2e18], dtype=f64)])
    op_case("to/int64_to_int32_wraps", lambda t: t.to(i32), T(0),
            inputs=[torch.tensor([2 ** 40 + 5, -2 ** 33 - 1])])
    op_case("to/int64_to_f32", lambda t: t.float(), T(0), inputs=[torch.tensor([2 ** 53 + 1, 16777217])])
    op_case("item/two_elements_error", lambda t: t.item(), T(0), inputs=[torch.ones(2)])
    op_case("item/empty_error", lambda t: t.item(), T(0), inputs=[torch.ones(0)])
    op_case("device/gpu_error", torch.device, "gpu")
    op_case("device/bad_index_error", torch.device, "cuda:x")
    op_case("device/negative_index_error", torch.device, "cpu:-1")
    op_case("device/empty_error", torch.device, "")
    op_case("set_default_dtype/int64_error", torch.set_default_dtype, i64)


# --------------------------------------------------------------------------
# random sampling (bit-exact; see shared/spec/RNG.md)
# --------------------------------------------------------------------------

def random_cases():
    rc = random_case
    rc("rand/f32_5", R("torch.rand(5)"), seed=3)
    rc("rand/f64_2x3", R("torch.rand(2, 3, dtype=f64)"), seed=3)
    rc("rand/0d", R("torch.rand(())"), seed=4)
    rc("rand/empty", R("torch.rand(0, 3)"), seed=4)
    rc("rand/int_dtype_error", R("torch.rand(3, dtype=i64)"))
    rc("rand/generator", R("torch.rand(4, generator=G(7))"), seed=5)
    rc("randn/f32_3", R("torch.randn(3)"), seed=1)
    rc("randn/f32_17", R("torch.randn(17)"), seed=1)
    rc("randn/f32_33", R("torch.randn(33)"), seed=2)
    rc("randn/f64_4x4", R("torch.randn(4, 4, dtype=f64)"), seed=2)
    rc("randn/f64_5", R("torch.randn(5, dtype=f64)"), seed=2)
    rc("randn/0d", R("torch.randn(())"), seed=6)
    rc("randn/bool_error", R("torch.randn(3, dtype=bol)"))
    rc("randn/generator", R("torch.randn(20, generator=G(9))"), seed=5)
    rc("rand_like/f64", R("x: torch.rand_like(x)"), seed=8, inputs=[torch.zeros(2, 2, dtype=f64)])
    rc("randn_like/f32_20", R("x: torch.randn_like(x)"), seed=8, inputs=[torch.zeros(4, 5)])
    rc("randint_like/int64", R("x: torch.randint_like(x, 0, 5)"), seed=8, inputs=[torch.zeros(6, dtype=i64)])

    # in-place fills, including non-contiguous targets (drawn in memory order)
    rc("normal_/transposed", R("torch.empty(4, 5).t().normal_()"), seed=10)
    rc("normal_/transposed_f64", R("torch.empty(3, 6, dtype=f64).t().normal_(2.0, 0.5)"), seed=10)
    rc("normal_/strided_slice", R("torch.zeros(6, 8)[:, ::2].normal_(1.0, 2.0)"), seed=11)
    rc("normal_/contiguous_20", R("torch.empty(20).normal_(-1.0, 3.0)"), seed=11)
    rc("normal_/nan_mean", R("torch.empty(3).normal_(float('nan'), 1.0)"), seed=11)
    rc("normal_/negative_std_error", R("torch.empty(3).normal_(0.0, -1.0)"))
    rc("normal_/int_error", R("torch.empty(3, dtype=i64).normal_()"))
    rc("uniform_/transposed", R("torch.empty(3, 4).t().uniform_(-1.0, 2.0)"), seed=12)
    rc("uniform_/f32_7", R("torch.empty(7).uniform_(-3.0, 5.0)"), seed=12)
    rc("uniform_/f64_3", R("torch.empty(3, dtype=f64).uniform_(0.5, 0.75)"), seed=12)
    rc("uniform_/equal_bounds", R("torch.empty(3).uniform_(1.0, 1.0)"), seed=12)
    rc("uniform_/reversed_error", R("torch.empty(3).uniform_(2.0, 1.0)"))
    rc("uniform_/from_out_of_range_error", R("torch.empty(3).uniform_(-1e39, 1.0)"))
    rc("uniform_/range_too_wide_error", R("torch.empty(3).uniform_(-3e38, 3e38)"))
    rc("uniform_/expanded_error", R("torch.ones(3).expand(2, 3).uniform_()"))
    rc("exponential_/f32", R("torch.empty(5).exponential_(1.5)"), seed=13)
    rc("exponential_/f64_transposed", R("torch.empty(2, 3, dtype=f64).t().exponential_(0.5)"), seed=13)
    rc("exponential_/lambda_error", R("torch.empty(3).exponential_(0.0)"))
    rc("exponential_/int_error", R("torch.empty(3, dtype=i64).exponential_()"))
    rc("bernoulli_/f32_12", R("torch.empty(12).bernoulli_(0.3)"), seed=14)
    rc("bernoulli_/f64_5", R("torch.empty(5, dtype=f64).bernoulli_(0.7)"), seed=14)
    rc("bernoulli_/int64", R("torch.empty(6, dtype=i64).bernoulli_(0.5)"), seed=14)
    rc("bernoulli_/bool", R("torch.empty(6, dtype=bol).bernoulli_(0.5)"), seed=14)
    rc("bernoulli_/transposed", R("torch.empty(2, 5).t().bernoulli_(0.5)"), seed=14)
    rc("bernoulli_/tensor_p_broadcast", R("p: torch.empty(2, 3).bernoulli_(p)"), seed=15,
       inputs=[torch.tensor([0.5, 0.2, 0.9])])
    rc("bernoulli_/tensor_p_f64", R("p: torch.empty(4).bernoulli_(p)"), seed=15,
       inputs=[torch.tensor([0.5, 0.2, 0.9, 0.4], dtype=f64)])
    rc("bernoulli_/p_error", R("torch.empty(3).bernoulli_(1.5)"))
    rc("bernoulli/probs_f32", R("p: torch.bernoulli(p)"), seed=16, inputs=[rng_input("bp32", (2, 3), 0, 1)])
    rc("bernoulli/probs_f64", R("p: torch.bernoulli(p)"), seed=16, inputs=[rng_input("bp64", (5,), 0, 1, f64)])
    rc("bernoulli/probs_transposed", R("p: torch.bernoulli(p.t())"), seed=16,
       inputs=[rng_input("bpt", (3, 4), 0, 1)])
    rc("bernoulli/probs_range_error", R("p: torch.bernoulli(p)"), inputs=[torch.tensor([0.5, 1.5])])
    rc("bernoulli/probs_int_error", R("p: torch.bernoulli(p)"), inputs=[torch.tensor([1, 0])])
    rc("random_/int64", R("torch.empty(4, dtype=i64).random_()"), seed=17)
    rc("random_/int32", R("torch.empty(4, dtype=i32).random_()"), seed=17)
    rc("random_/f32", R("torch.empty(4).random_()"), seed=17)
    rc("random_/f64", R("torch.empty(4, dtype=f64).random_()"), seed=17)
    rc("random_/bool", R("torch.empty(6, dtype=bol).random_()"), seed=17)
    rc("random_/f32_0_10", R("torch.empty(5).random_(0, 10)"), seed=18)
    rc("random_/int32_to", R("torch.empty(5, dtype=i32).random_(10)"), seed=18)
    rc("random_/f32_big_range", R("torch.empty(4).random_(-2 ** 25, 5)"), seed=18)
    rc("random_/f32_huge_range", R("torch.empty(4).random_(0, 2 ** 40)"), seed=18)
    rc("random_/int32_29bit", R("torch.empty(4, dtype=i32).random_(0, 2 ** 29)"), seed=18)
    rc("random_/int32_full", R("torch.empty(3, dtype=i32).random_(-2 ** 31, 2 ** 31)"), seed=18)
    rc("random_/f32_from_only", R("torch.empty(3).random_(5, None)"), seed=19)
    rc("random_/int64_full_64", R("torch.empty(3, dtype=i64).random_(-2 ** 63, None)"), seed=19)
    rc("random_/int32_from_only", R("torch.empty(3, dtype=i32).random_(5, None)"), seed=19)
    rc("random_/int64_from_only", R("torch.empty(3, dtype=i64).random_(2 ** 60, None)"), seed=19)
    rc("random_/transposed", R("torch.empty(2, 3, dtype=i64).t().random_(0, 100)"), seed=19)
    rc("random_/equal_error", R("torch.empty(3).random_(5, 5)"))
    rc("random_/int32_bound_error", R("torch.empty(3, dtype=i32).random_(0, 2 ** 40)"))
    rc("random_/bool_bound_error", R("torch.empty(3, dtype=bol).random_(0, 3)"))

    # factories with integer results
    rc("randint/int64_10", R("torch.randint(0, 10, (10,))"), seed=20)
    rc("randint/high_only", R("torch.randint(3, (5,))"), seed=20)
    rc("randint/int32", R("torch.randint(-5, 5, (2, 3), dtype=i32)"), seed=20)
    rc("randint/int32_29bit", R("torch.randint(0, 2 ** 29, (4,), dtype=i32)"), seed=20)
    rc("randint/f32_30bit", R("torch.randint(0, 2 ** 30, (4,), dtype=f32)"), seed=20)
    rc("randint/bool", R("torch.randint(0, 2, (6,), dtype=bol)"), seed=20)
    rc("randint/f64_wide", R("torch.randint(-2 ** 40, 2 ** 40, (3,), dtype=f64)"), seed=20)
    rc("randint/generator", R("torch.randint(0, 5, (4,), generator=G(3))"), seed=21)
    rc("randint/equal_error", R("torch.randint(5, 5, (3,))"))
    rc("randint/reversed_error", R("torch.randint(5, 2, (3,))"))
    rc("randint/int32_bound_error", R("torch.randint(0, 2 ** 40, (3,), dtype=i32)"))
    rc("randint/bool_bound_error", R("torch.randint(-1, 2, (2,), dtype=bol)"))
    rc("randperm/10", R("torch.randperm(10)"), seed=22)
    rc("randperm/1", R("torch.randperm(1)"), seed=22)
    rc("randperm/0", R("torch.randperm(0)"), seed=22)
    rc("randperm/f32_20", R("torch.randperm(20, dtype=f32)"), seed=22)
    rc("randperm/int32_7", R("torch.randperm(7, dtype=i32)"), seed=22)
    rc("randperm/f64_100", R("torch.randperm(100, dtype=f64)"), seed=22)
    rc("randperm/generator", R("torch.randperm(6, generator=G(4))"), seed=22)
    rc("randperm/negative_error", R("torch.randperm(-1)"))
    rc("randperm/bool_error", R("torch.randperm(5, dtype=bol)"))
    rc("randperm/f32_too_big_error", R("torch.randperm(2 ** 24 + 2, dtype=f32)"))

    # torch.normal's four overloads
    rc("normal/tensor_tensor", R("m, s: torch.normal(m, s)"), seed=23,
       inputs=[rng_input("ntt_m", (2, 3)), rng_input("ntt_s", (3,), 0.1, 2)])
    rc("normal/tensor_tensor_large", R("m, s: torch.normal(m, s)"), seed=23,
       inputs=[rng_input("nttl_m", (4, 5)), rng_input("nttl_s", (4, 1), 0.1, 2)])
    rc("normal/tensor_tensor_mixed_dtype", R("m, s: torch.normal(m, s)"), seed=23,
       inputs=[rng_input("nttm_m", (2, 1)), rng_input("nttm_s", (3,), 0.1, 2, f64)])
    rc("normal/tensor_float", R("m: torch.normal(m, 2.0)"), seed=24, inputs=[rng_input("ntf", (20,))])
    rc("normal/tensor_float_small", R("m: torch.normal(m, 0.5)"), seed=24,
       inputs=[rng_input("ntfs", (3,), dtype=f64)])
    rc("normal/float_tensor", R("s: torch.normal(1.5, s)"), seed=25,
       inputs=[rng_input("nft", (4, 5), 0.1, 2, f64)])
    rc("normal/float_tensor_small", R("s: torch.normal(-0.5, s)"), seed=25,
       inputs=[rng_input("nfts", (3,), 0.1, 2)])
    rc("normal/float_float", R("torch.normal(2.0, 3.0, (3,))"), seed=26)
    rc("normal/float_float_f64_20", R("torch.normal(2.0, 3.0, (20,), dtype=f64)"), seed=26)
    rc("normal/float_float_generator", R("torch.normal(0.0, 1.0, (5,), generator=G(2))"), seed=26)
    rc("normal/grad_tensor_tensor", R("m, s: torch.normal(m, s)"), seed=27, backward=True,
       inputs=[rng_input("ng_m", (3,)).requires_grad_(), rng_input("ng_s", (3,), 0.1, 2).requires_grad_()])
    rc("normal/grad_tensor_float", R("m: torch.normal(m, 1.0)"), seed=27, backward=True,
       inputs=[rng_input("ng_m2", (3,)).requires_grad_()])
    rc("normal/grad_float_tensor", R("s: torch.normal(0.0, s)"), seed=27, backward=True,
       inputs=[rng_input("ng_s2", (3,), 0.1, 2).requires_grad_()])
    rc("normal/negative_std_tensor_error", R("m, s: torch.normal(m, s)"),
       inputs=[torch.zeros(2), torch.tensor([1.0, -1.0])])
    rc("normal/negative_std_error", R("m: torch.normal(m, -1.0)"), inputs=[torch.zeros(2)])
    rc("normal/broadcast_error", R("m, s: torch.normal(m, s)"), inputs=[torch.zeros(2), torch.ones(3)])

    # multinomial
    rc("multinomial/no_replacement_3_of_5", R("p: torch.multinomial(p, 3)"), seed=28,
       inputs=[torch.tensor([0.1, 0.3, 0.2, 0.25, 0.15])])
    rc("multinomial/replacement_2d", R("p: torch.multinomial(p, 6, True)"), seed=28,
       inputs=[rng_input("mr2", (3, 4), 0.05, 1)])
    rc("multinomial/no_replacement_2d", R("p: torch.multinomial(p, 2)"), seed=28,
       inputs=[rng_input("mn2", (3, 4), 0.05, 1)])
    rc("multinomial/f64_one", R("p: torch.multinomial(p, 1)"), seed=28,
       inputs=[rng_input("mf1", (2, 5), 0.05, 1, f64)])
    rc("multinomial/replacement_one", R("p: torch.multinomial(p, 1, True)"), seed=28,
       inputs=[torch.tensor([0.2, 0.5, 0.3])])
    rc("multinomial/generator", R("p: torch.multinomial(p, 4, True, generator=G(5))"), seed=28,
       inputs=[torch.tensor([0.2, 0.5, 0.3])])
    rc("multinomial/transposed_no_replacement", R("p: torch.multinomial(p.t(), 2)"), seed=28,
       inputs=[rng_input("mt2", (4, 3), 0.05, 1)])
    rc("multinomial/transposed_one", R("p: torch.multinomial(p.t(), 1)"), seed=28,
       inputs=[rng_input("mt1", (4, 3), 0.05, 1, f64)])
    rc("multinomial/transposed_replacement", R("p: torch.multinomial(p.t(), 5, True)"), seed=28,
       inputs=[rng_input("mtr", (4, 3), 0.05, 1)])
    rc("multinomial/too_many_error", R("p: torch.multinomial(p, 3)"), inputs=[torch.tensor([0.1, 0.2])])
    rc("multinomial/zero_samples_error", R("p: torch.multinomial(p, 0)"), inputs=[torch.tensor([0.1, 0.2])])
    rc("multinomial/int_error", R("p: torch.multinomial(p, 1)"), inputs=[torch.tensor([1, 2])])
    rc("multinomial/0d_error", R("p: torch.multinomial(p, 1)"), inputs=[torch.tensor(0.5)])
    rc("multinomial/zero_sum_error", R("p: torch.multinomial(p, 1)"), inputs=[torch.zeros(2)])
    rc("multinomial/zero_sum_replacement_error", R("p: torch.multinomial(p, 2, True)"), inputs=[torch.zeros(2)])
    rc("multinomial/negative_error", R("p: torch.multinomial(p, 1)"), inputs=[torch.tensor([-1.0, 1.0])])
    rc("multinomial/negative_replacement_error", R("p: torch.multinomial(p, 2, True)"),
       inputs=[torch.tensor([-1.0, 1.0])])
    rc("multinomial/inf_replacement_error", R("p: torch.multinomial(p, 2, True)"),
       inputs=[torch.tensor([INF, 1.0])])
    rc("multinomial/empty_rows", R("p: torch.multinomial(p, 2)"), inputs=[torch.ones(0, 3)])

    # dropout
    rc("dropout/f32_3x4", R("x: F.dropout(x, 0.3)"), seed=29, inputs=[rng_input("d1", (3, 4))])
    rc("dropout/f64_10", R("x: F.dropout(x, 0.5)"), seed=29, inputs=[rng_input("d2", (10,), dtype=f64)])
    rc("dropout/p1", R("x: F.dropout(x, 1.0)"), seed=29, inputs=[rng_input("d3", (4,))])
    rc("dropout/p0", R("x: F.dropout(x, 0.0)"), seed=29, inputs=[rng_input("d4", (4,))])
    rc("dropout/eval", R("x: F.dropout(x, 0.5, training=False)"), seed=29, inputs=[rng_input("d5", (4,))])
    rc("dropout/transposed", R("x: F.dropout(x.t(), 0.4)"), seed=29, inputs=[rng_input("d6", (3, 5))])
    rc("dropout/grad", R("x: F.dropout(x, 0.25)"), seed=30, backward=True,
       inputs=[rng_input("d7", (2, 4)).requires_grad_()])
    rc("dropout/inplace", R("x: F.dropout(x.clone(), 0.5, inplace=True)"), seed=30,
       inputs=[rng_input("d8", (6,))])
    rc("dropout/p_error", R("x: F.dropout(x, 1.5)"), inputs=[torch.ones(3)])
    rc("dropout/int_error", R("x: F.dropout(x, 0.5)"), inputs=[torch.ones(3, dtype=i64)])

    # mixed sequences on the global generator, and an explicit generator
    rc("sequence/mixed", R("(torch.rand(3), torch.randn(5), torch.randint(0, 10, (3,)), torch.randperm(4), "
                           "torch.normal(0.0, torch.ones(3)), torch.empty(4).bernoulli_(0.5), "
                           "torch.randn(1, dtype=f64), torch.randn(18), torch.rand(2, dtype=f64))"), seed=31)
    rc("sequence/generator",
       R("(lambda g: (torch.rand(3, generator=g), torch.randn(5, generator=g), torch.randint(0, 5, (4,), generator=g), "
         "torch.randperm(6, generator=g), torch.randn(1, dtype=f64, generator=g)))(G(11))"), seed=32)
    rc("sequence/default_f64", R("(lambda prev: (torch.set_default_dtype(f64), torch.rand(2), torch.randn(3), "
                                 "torch.set_default_dtype(prev))[1:3])(torch.get_default_dtype())"), seed=33)


def main():
    creation_cases()
    literal_cases()
    random_cases()
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "duplicate ids"
    meta = {"torch_version": torch.__version__, "made_by": "make_creation_fixtures.py",
            "cpu_capability": torch.backends.cpu.get_cpu_capability(), "num_threads": 1}
    path = os.path.join(HERE, "creation.json")
    with open(path, "w") as f:
        f.write('{"meta": %s,\n "cases": [\n' % json.dumps(meta, sort_keys=True))
        f.write(",\n".join(json.dumps(c, sort_keys=True) for c in CASES))
        f.write("\n]}\n")
    kinds = {}
    for c in CASES:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    print("wrote %s: %d cases %s" % (path, len(CASES), kinds))


if __name__ == "__main__":
    main()
