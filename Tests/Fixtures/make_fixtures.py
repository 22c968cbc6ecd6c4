#!/usr/bin/env python3
"""Golden fixtures for Wick, produced with real PyTorch on the CPU.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_fixtures.py

Writes, next to this file:
  ops.json        forward values, grad_fn names, reprs, gradients, error messages
  printing.json   repr() strings under various torch.set_printoptions settings
  gradcheck.json  torch.autograd.gradcheck failure/success reference results

The format is documented in README.md beside this file.  The script is
deterministic: every input comes from fixed literals or from a numpy
Generator seeded from the name of the group (crc32), cotangents from a
Generator seeded from the case id.  Running it twice gives identical files.
"""

import collections
import json
import math
import os
import sys
import warnings
import zlib

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
EXPLORE = os.environ.get("FIXTURES_EXPLORE") == "1"  # development aid: report instead of failing

torch.manual_seed(0)
np.random.seed(0)
torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)
torch.set_printoptions(profile="default")

f32, f64, i64, i32, i16, i8, u8, bol = (torch.float32, torch.float64, torch.int64, torch.int32,
                                        torch.int16, torch.int8, torch.uint8, torch.bool)
INF = float("inf")
NAN = float("nan")


# --------------------------------------------------------------------------
# encoding
# --------------------------------------------------------------------------

def dtype_name(dt):
    return str(dt).replace("torch.", "")


def fnum(x):
    """A float for the 'values' arrays: exact double, or "nan"/"inf"/"-inf"."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def enc_t(t):
    t = t.detach()
    flat = t.reshape(-1)
    if t.is_floating_point():
        vals = [fnum(v) for v in flat.to(torch.float64).tolist()]
    else:
        vals = flat.tolist()
    return {"shape": list(t.shape), "dtype": dtype_name(t.dtype), "values": vals}


class T:
    """Placeholder for inputs[k] inside args/kwargs."""

    def __init__(self, k):
        self.k = k


def enc_arg(a, index=False):
    """Encode an argument.  index=True inside __getitem__/__setitem__ index expressions."""
    if isinstance(a, T):
        return {"t": a.k}
    if isinstance(a, torch.dtype):
        return {"dtype": dtype_name(a)}
    if isinstance(a, slice):
        return {"slice": [a.start, a.stop, a.step]}
    if a is Ellipsis:
        return {"ellipsis": True}
    if a is None:
        return {"none": True} if index else None
    if isinstance(a, bool):
        return a
    if isinstance(a, float):
        if math.isnan(a) or math.isinf(a):
            return {"float": fnum(a)}
        return a
    if isinstance(a, int):
        return a
    if isinstance(a, str):
        return a
    if isinstance(a, tuple):
        if index:
            return {"tuple": [enc_arg(x, True) for x in a]}
        return [enc_arg(x) for x in a]
    if isinstance(a, list):
        return [enc_arg(x, index) for x in a]
    if isinstance(a, torch.Size):
        return list(a)
    raise TypeError("cannot encode arg %r" % (a,))


def resolve(a, inputs):
    if isinstance(a, T):
        return inputs[a.k]
    if isinstance(a, tuple):
        return tuple(resolve(x, inputs) for x in a)
    if isinstance(a, list):
        return [resolve(x, inputs) for x in a]
    if isinstance(a, dict):
        return {k: resolve(v, inputs) for k, v in a.items()}
    return a


def enc_out(o):
    if isinstance(o, torch.Tensor):
        return enc_t(o)
    if isinstance(o, (tuple, list)):
        return [enc_out(x) for x in o]
    if isinstance(o, bool):
        return {"scalar": o}
    if isinstance(o, (int, float)):
        return {"scalar": fnum(o) if isinstance(o, float) else o}
    if isinstance(o, str):
        return {"scalar": o}
    raise TypeError("cannot encode output %r" % (o,))


def tensors_in(o):
    if isinstance(o, torch.Tensor):
        return [o]
    if isinstance(o, (tuple, list)):
        r = []
        for x in o:
            r += tensors_in(x)
        return r
    return []


def err_rec(e):
    return {"type": type(e).__name__, "message": str(e)}


def fmt_warnings(ws):
    out = []
    for w in ws:
        msg = str(w.message)
        if msg not in out:
            out.append(msg)
    return out


# --------------------------------------------------------------------------
# input generation
# --------------------------------------------------------------------------

RNG = np.random.default_rng(0)


def seed(name):
    global RNG
    RNG = np.random.default_rng(zlib.crc32(name.encode()))


def F(*shape, lo=-2.0, hi=2.0, dt=f32, rg=True, dec=3, nz=False):
    """Random floats in [lo, hi), rounded to `dec` decimals, cast to dt."""
    v = np.round(RNG.uniform(lo, hi, size=shape), dec)
    if nz:  # keep away from zero (for reciprocal / division)
        v = np.where(np.abs(v) < 0.2, np.sign(v + 1e-9) * 0.5 + v, v)
        v = np.round(v, dec)
    t = torch.tensor(v, dtype=dt)
    if rg and t.is_floating_point():
        t.requires_grad_(True)
    return t


def I(*shape, lo=-5, hi=6, dt=i64):
    return torch.tensor(RNG.integers(lo, hi, size=shape), dtype=dt)


def B(*shape, p=0.5):
    return torch.tensor(RNG.random(size=shape) < p)


def V(values, dt=None, rg=None):
    """Literal tensor (dtype inferred as torch.tensor does unless dt is given);
    floats require grad unless rg=False."""
    t = torch.tensor(values, dtype=dt)
    if rg is None:
        rg = t.is_floating_point()
    if rg:
        t.requires_grad_(True)
    return t


def cotangent(cid, like):
    g = np.random.default_rng(zlib.crc32(("grad:" + cid).encode()))
    v = np.round(g.standard_normal(size=tuple(like.shape)), 3)
    return torch.tensor(v, dtype=like.dtype)


# --------------------------------------------------------------------------
# case recording
# --------------------------------------------------------------------------

CASES = []
IDS = set()
PROPERTIES = {"T", "mT", "H", "shape", "dtype"}
# ops whose float outputs carry a grad_fn whose backward raises "derivative ... is not implemented"
NO_DERIVATIVE = {"__floordiv__", "__rfloordiv__", "__rmod__", "floor_divide"}


def C(cid, op, ins=(), args=(), kw=None, method=False, err=False, backward=True, backward_err=None):
    """Run one torch call and record it.

    ins: list of leaf tensors (requires_grad already set), referenced by T(k).
    method: call ins[0].op(*args, **kw) instead of torch.op(*args, **kw).
    err: the call is expected to raise; the exception is recorded.
    """
    assert cid not in IDS, cid
    assert cid.split("/")[0] == op, cid
    if backward_err is None:
        backward_err = op in NO_DERIVATIVE
    IDS.add(cid)
    kw = kw or {}
    ins = list(ins)
    index_op = op in ("__getitem__", "__setitem__")
    rec = collections.OrderedDict()
    rec["id"] = cid
    rec["op"] = op
    rec["method"] = bool(method)
    rec["inputs"] = []
    for t in ins:
        d = enc_t(t)
        d["requires_grad"] = bool(t.requires_grad)
        rec["inputs"].append(d)
    if index_op:
        enc_args = [enc_arg(args[0], True)] + [enc_arg(a) for a in args[1:]]
    else:
        enc_args = [enc_arg(a) for a in args]
    rec["args"] = enc_args
    rec["kwargs"] = {k: enc_arg(v) for k, v in kw.items()}

    rargs = resolve(tuple(args), ins)
    rkw = resolve(kw, ins)
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        try:
            if method:
                if op in PROPERTIES:
                    out = getattr(ins[0], op)
                else:
                    out = getattr(ins[0], op)(*rargs, **rkw)
                if op == "__setitem__":
                    out = ins[0]
            else:
                out = getattr(torch, op)(*rargs, **rkw)
        except Exception as e:  # deliberate error cases only
            if not err:
                if EXPLORE:
                    print("UNEXPECTED ERROR", cid, type(e).__name__, str(e).splitlines()[0])
                    return None
                raise
            rec["error"] = err_rec(e)
            if ws:
                rec["warnings"] = fmt_warnings(ws)
            CASES.append(rec)
            return rec
        if err:
            if EXPLORE:
                print("DID NOT RAISE", cid)
                return None
            raise AssertionError("case %s was expected to raise" % cid)

        rec["output"] = enc_out(out)
        ts = tensors_in(out)
        first = ts[0] if ts else None
        if isinstance(out, torch.Tensor):
            rec["output_contiguous"] = out.is_contiguous()
            rec["output_stride"] = list(out.stride())
        elif ts:
            rec["output_contiguous"] = [t.is_contiguous() for t in ts]
            rec["output_stride"] = [list(t.stride()) for t in ts]
        rec["grad_fn"] = (type(first.grad_fn).__name__
                          if first is not None and first.grad_fn is not None else None)
        rec["repr"] = repr(out) if not isinstance(out, (tuple, list)) else repr(first)

        target = None
        for t in ts:
            if t.is_floating_point() and t.requires_grad:
                target = t
                break
        if backward and target is not None:
            go = cotangent(cid, target)
            rec["grad_output"] = enc_t(go)
            try:
                target.backward(go)
            except Exception as e:
                if not backward_err:
                    if not EXPLORE:
                        raise
                    print("BACKWARD FAILED", cid, type(e).__name__, str(e).splitlines()[0])
                    return None
                rec["backward_error"] = err_rec(e)
            else:
                if backward_err:
                    raise AssertionError("backward of %s was expected to raise" % cid)
        else:
            rec["grad_output"] = None
        grads = []
        for t in ins:
            if t.is_leaf and t.requires_grad and t.grad is not None:
                grads.append(enc_t(t.grad))
            else:
                grads.append(None)
        rec["grads"] = grads
        if ws:
            rec["warnings"] = fmt_warnings(ws)
    CASES.append(rec)
    return rec


def M(cid, op, ins=(), args=(), kw=None, **k):
    return C(cid, op, ins, args, kw, method=True, **k)


def CODE(cid, code, err=False, note=None):
    """An autograd scenario given as a Python snippet.  The snippet may set
    `result`; it is recorded as "output"."""
    assert cid not in IDS, cid
    IDS.add(cid)
    rec = collections.OrderedDict()
    rec["id"] = cid
    rec["op"] = cid
    rec["method"] = False
    rec["code"] = code
    rec["inputs"] = []
    rec["args"] = []
    rec["kwargs"] = {}
    ns = {"torch": torch}
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        try:
            exec(code, ns)
        except Exception as e:
            if not err:
                raise
            rec["error"] = err_rec(e)
        else:
            if err:
                raise AssertionError("case %s was expected to raise" % cid)
            if "result" in ns:
                r = ns["result"]
                rec["output"] = enc_out(r)
                rts = tensors_in(r)
                if rts:
                    rec["repr"] = repr(rts[0])
        if ws:
            rec["warnings"] = fmt_warnings(ws)
    if note:
        rec["note"] = note
    CASES.append(rec)
    return rec


# ==========================================================================
# 1. pointwise
# ==========================================================================

def gen_pointwise_unary():
    seed("unary")
    specs = [
        # op, lo, hi, nz, int_ok
        ("neg", -2, 2, False), ("exp", -2, 2, False), ("sin", -3, 3, False),
        ("cos", -3, 3, False), ("tan", -1.2, 1.2, False), ("tanh", -3, 3, False),
        ("sigmoid", -4, 4, False), ("abs", -2, 2, False), ("sign", -2, 2, False),
        ("floor", -3, 3, False), ("ceil", -3, 3, False), ("round", -3, 3, False),
        ("relu", -2, 2, False), ("square", -2, 2, False), ("erf", -2, 2, False),
        ("reciprocal", -2, 2, True), ("sqrt", 0.01, 4, False), ("rsqrt", 0.01, 4, False),
        ("log", 0.01, 4, False), ("log1p", -0.9, 3, False), ("expm1", -2, 2, False),
        ("log2", 0.01, 4, False),
    ]
    special = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, INF, -INF, NAN]
    for op, lo, hi, nz in specs:
        C(f"{op}/1d_5_f32", op, [F(5, lo=lo, hi=hi, nz=nz)], [T(0)])
        C(f"{op}/2x3_f32", op, [F(2, 3, lo=lo, hi=hi, nz=nz)], [T(0)])
        C(f"{op}/0d_f32", op, [F(lo=lo, hi=hi, nz=nz)], [T(0)])
        C(f"{op}/2x3_f64", op, [F(2, 3, lo=lo, hi=hi, nz=nz, dt=f64)], [T(0)])
        M(f"{op}/method_3x1x2_f32", op, [F(3, 1, 2, lo=lo, hi=hi, nz=nz)])
        C(f"{op}/special_values_f32", op, [V(special)], [T(0)])
    # integer / bool inputs: result dtypes
    for op in ["neg", "abs", "sign", "exp", "sqrt", "sigmoid", "relu", "square", "floor",
               "ceil", "round", "reciprocal", "sin", "log", "erf", "tanh"]:
        C(f"{op}/int64_2x3", op, [V([[1, -2, 3], [0, 4, -5]], dt=i64)], [T(0)])
    for op in ["abs", "sign", "exp", "sqrt", "square"]:
        C(f"{op}/int32_4", op, [V([1, -2, 3, 0], dt=i32)], [T(0)])
    for op in ["sign", "exp", "sqrt", "sigmoid"]:
        C(f"{op}/bool_3", op, [V([True, False, True])], [T(0)])
    C("neg/bool_error", "neg", [V([True, False])], [T(0)], err=True)
    C("round/decimals_2_f32", "round", [V([1.2345, -2.555, 0.125, 1234.5678, -0.004999])], [T(0)],
      {"decimals": 2})
    C("round/decimals_0_half_even_f32", "round", [V([0.5, 1.5, 2.5, -0.5, -1.5, 3.5, -2.5])], [T(0)],
      {"decimals": 0})
    C("round/half_even_f32", "round", [V([0.5, 1.5, 2.5, -0.5, -1.5, 3.5, -2.5, 0.49999997])], [T(0)])
    C("round/decimals_neg1_f32", "round", [V([14.0, 15.0, 25.0, -35.0, 123.4])], [T(0)],
      {"decimals": -1})
    C("round/decimals_3_f64", "round", [V([1.23456789, -0.0005, 2.0005], dt=f64)], [T(0)],
      {"decimals": 3})
    C("relu/zero_grad_at_0", "relu", [V([-1.0, 0.0, 1.0])], [T(0)])
    C("abs/zero_grad_at_0", "abs", [V([-1.0, 0.0, -0.0, 1.0])], [T(0)])
    C("sqrt/grad_at_0", "sqrt", [V([0.0, 1.0, 4.0])], [T(0)])
    C("sqrt/negative_nan", "sqrt", [V([-1.0, 4.0])], [T(0)])
    C("log/zero_and_negative", "log", [V([0.0, -1.0, 1.0])], [T(0)])
    C("sigmoid/large_magnitude", "sigmoid", [V([-100.0, -20.0, 0.0, 20.0, 100.0])], [T(0)])
    C("tanh/large_magnitude", "tanh", [V([-100.0, -20.0, 0.0, 20.0, 100.0])], [T(0)])
    C("exp/overflow_f32", "exp", [V([88.0, 89.0, -104.0, -110.0])], [T(0)])
    C("reciprocal/zero", "reciprocal", [V([0.0, -0.0, 2.0])], [T(0)])


def gen_pointwise_binary():
    seed("binary")
    shapes = [
        ("same_2x3", (2, 3), (2, 3)),
        ("broadcast_2x3_3", (2, 3), (3,)),
        ("broadcast_2x1_1x3", (2, 1), (1, 3)),
        ("broadcast_4x1x3_2x1", (4, 1, 3), (2, 1)),
        ("broadcast_0d_3", (), (3,)),
        ("broadcast_3_0d", (3,), ()),
        ("0d_0d", (), ()),
    ]
    for op in ["add", "sub", "mul", "div", "maximum", "minimum"]:
        nzb = op == "div"
        for name, sa, sb in shapes:
            C(f"{op}/{name}_f32", op, [F(*sa), F(*sb, nz=nzb)], [T(0), T(1)])
        C(f"{op}/same_2x3_f64", op, [F(2, 3, dt=f64), F(2, 3, dt=f64, nz=nzb)], [T(0), T(1)])
        C(f"{op}/f32_f64_promotion", op, [F(3), F(3, dt=f64, nz=nzb)], [T(0), T(1)])
        C(f"{op}/f32_1d_f64_0d_promotion", op, [F(3), F(dt=f64, nz=nzb)], [T(0), T(1)])
        C(f"{op}/int64_1d_f64_0d_promotion", op, [V([1, 2, 3], dt=i64), F(dt=f64, nz=nzb)], [T(0), T(1)])
        C(f"{op}/int64_int64", op, [V([[1, -2, 7], [4, -5, 6]], dt=i64), V([2, 3, -2], dt=i64)], [T(0), T(1)])
        C(f"{op}/int32_int64", op, [V([1, -7, 9], dt=i32), V([2, 3, -2], dt=i64)], [T(0), T(1)])
        C(f"{op}/int32_0d_int64", op, [V([1, -7, 9], dt=i32), V(2, dt=i64)], [T(0), T(1)])
        C(f"{op}/int64_f32", op, [V([1, -2, 3], dt=i64), F(3, nz=nzb)], [T(0), T(1)])
        C(f"{op}/bool_bool", op, [V([True, False, True, False]), V([True, True, False, False])],
          [T(0), T(1)], err=(op == "sub"))
        if op in ("maximum", "minimum"):
            C(f"{op}/scalar_other_error", op, [F(2, 3)], [T(0), 2.5], err=True)
        else:
            C(f"{op}/f32_scalar_float", op, [F(2, 3)], [T(0), 2.5])
            C(f"{op}/f32_scalar_int", op, [F(2, 3)], [T(0), 3])
            C(f"{op}/int64_scalar_float", op, [V([1, -2, 3], dt=i64)], [T(0), 2.5])
            C(f"{op}/int64_scalar_int", op, [V([1, -2, 3], dt=i64)], [T(0), 2])
            C(f"{op}/int32_scalar_int", op, [V([1, -2, 3], dt=i32)], [T(0), 2])
            C(f"{op}/f64_scalar_float", op, [F(3, dt=f64)], [T(0), 2.5])
            C(f"{op}/bool_scalar_int", op, [V([True, False])], [T(0), 2], err=(op == "sub"))
        M(f"{op}/method_2x3_3", op, [F(2, 3), F(3, nz=nzb)], [T(1)])
    # alpha
    C("add/alpha_float_f32", "add", [F(2, 3), F(3)], [T(0), T(1)], {"alpha": 2.5})
    C("add/alpha_int_int64", "add", [V([1, 2, 3], dt=i64), V([4, 5, 6], dt=i64)], [T(0), T(1)], {"alpha": 3})
    C("add/alpha_scalar_other", "add", [F(3)], [T(0), 2.0], {"alpha": -1.5})
    C("add/alpha_float_on_int_error", "add", [V([1, 2, 3], dt=i64), V([4, 5, 6], dt=i64)], [T(0), T(1)],
      {"alpha": 2.5}, err=True)
    C("sub/alpha_float_f32", "sub", [F(2, 3), F(2, 1)], [T(0), T(1)], {"alpha": 0.5})
    C("sub/alpha_int_int64", "sub", [V([10, 20], dt=i64), V([1, 2], dt=i64)], [T(0), T(1)], {"alpha": 4})
    M("sub/method_alpha", "sub", [F(4), F(4)], [T(1)], {"alpha": 2})
    C("sub/bool_error", "sub", [V([True, False]), V([True, True])], [T(0), T(1)], err=True)
    C("add/broadcast_error", "add", [F(2, 3), F(4)], [T(0), T(1)], err=True)
    C("add/broadcast_error_3d", "add", [F(2, 3, 4), F(3, 3, 1)], [T(0), T(1)], err=True)
    C("mul/broadcast_error", "mul", [F(2, 3), F(2)], [T(0), T(1)], err=True)
    # div rounding modes
    num_f = [7.0, -7.0, 7.5, -7.5, 0.0, 1.0, -1.0, 5.0]
    den_f = [2.0, 2.0, -2.0, -2.0, 3.0, 0.0, 0.0, -0.0]
    num_i = [7, -7, 7, -7, 0, 9, -9, 1]
    den_i = [2, 2, -2, -2, 3, 4, 4, -3]
    for rm in [None, "trunc", "floor"]:
        tag = "none" if rm is None else rm
        C(f"div/rounding_{tag}_f32", "div", [V(num_f), V(den_f)], [T(0), T(1)], {"rounding_mode": rm})
        C(f"div/rounding_{tag}_f64", "div", [V(num_f, dt=f64), V(den_f, dt=f64)], [T(0), T(1)],
          {"rounding_mode": rm})
        C(f"div/rounding_{tag}_int64", "div", [V(num_i, dt=i64), V(den_i, dt=i64)], [T(0), T(1)],
          {"rounding_mode": rm})
        C(f"div/rounding_{tag}_scalar_f32", "div", [F(2, 3)], [T(0), -0.7], {"rounding_mode": rm})
        C(f"div/rounding_{tag}_int64_scalar", "div", [V(num_i, dt=i64)], [T(0), 3], {"rounding_mode": rm})
        C(f"div/rounding_{tag}_broadcast_f32", "div", [F(2, 3), F(3, nz=True)], [T(0), T(1)],
          {"rounding_mode": rm})
    C("div/int64_by_zero_true_div", "div", [V([1, 0, -1], dt=i64), V([0, 0, 0], dt=i64)], [T(0), T(1)])
    C("div/int64_by_zero_floor_error", "div", [V([1, 0, -1], dt=i64), V([0, 0, 0], dt=i64)], [T(0), T(1)],
      {"rounding_mode": "floor"}, err=True)
    C("div/int64_by_zero_trunc_error", "div", [V([1, 2], dt=i64), V([0, 1], dt=i64)], [T(0), T(1)],
      {"rounding_mode": "trunc"}, err=True)
    C("div/bad_rounding_mode_error", "div", [F(3), F(3)], [T(0), T(1)], {"rounding_mode": "round"}, err=True)
    C("floor_divide/f32", "floor_divide", [V(num_f), V(den_f)], [T(0), T(1)])
    CODE("autograd/floor_divide_backward_not_implemented",
         "x = torch.tensor([7., -7.], requires_grad=True)\n"
         "y = torch.floor_divide(x, 2.)\n"
         "y.sum().backward()", err=True)
    C("floor_divide/int64", "floor_divide", [V(num_i, dt=i64), V(den_i, dt=i64)], [T(0), T(1)])
    C("remainder/f32", "remainder", [V(num_f), V(den_f)], [T(0), T(1)])
    C("remainder/int64", "remainder", [V(num_i, dt=i64), V(den_i, dt=i64)], [T(0), T(1)])
    C("remainder/scalar_f32", "remainder", [F(2, 3, lo=-5, hi=5)], [T(0), 1.5])
    C("fmod/f32", "fmod", [V(num_f), V(den_f)], [T(0), T(1)])
    C("fmod/int64", "fmod", [V(num_i, dt=i64), V(den_i, dt=i64)], [T(0), T(1)])
    # maximum / minimum ties and nan
    C("maximum/ties_grad_split", "maximum", [V([1.0, 2.0, 3.0, -1.0]), V([1.0, 0.0, 3.0, -1.0])], [T(0), T(1)])
    C("minimum/ties_grad_split", "minimum", [V([1.0, 2.0, 3.0, -1.0]), V([1.0, 0.0, 3.0, -1.0])], [T(0), T(1)])
    C("maximum/nan_propagates", "maximum", [V([NAN, 1.0, 2.0]), V([0.0, NAN, 1.0])], [T(0), T(1)])
    C("minimum/nan_propagates", "minimum", [V([NAN, 1.0, 2.0]), V([0.0, NAN, 1.0])], [T(0), T(1)])
    C("maximum/signed_zero", "maximum", [V([0.0, -0.0]), V([-0.0, 0.0])], [T(0), T(1)])
    # pow
    for e in [2, 3, 0.5, -1, 0, 2.5, -0.5, 1]:
        tag = str(e).replace(".", "p").replace("-", "neg")
        C(f"pow/tensor_scalar_{tag}_f32", "pow", [F(2, 3, lo=0.1, hi=3)], [T(0), e])
    C("pow/tensor_scalar_2_negbase_f32", "pow", [F(5, lo=-3, hi=3)], [T(0), 2])
    C("pow/tensor_scalar_3_f64", "pow", [F(2, 3, lo=-2, hi=2, dt=f64)], [T(0), 3])
    C("pow/tensor_scalar_0p5_negbase_nan", "pow", [V([-4.0, 4.0, 0.0])], [T(0), 0.5])
    C("pow/tensor_scalar_0p5_grad_at_0", "pow", [V([0.0, 1.0])], [T(0), 0.5])
    C("pow/tensor_scalar_0_at_0", "pow", [V([0.0, 2.0, -3.0])], [T(0), 0])
    C("pow/tensor_scalar_neg1_at_0", "pow", [V([0.0, -0.0, 2.0])], [T(0), -1])
    C("pow/scalar_tensor_2_f32", "pow", [F(2, 3)], [2.0, T(0)])
    C("pow/scalar_tensor_2int_f32", "pow", [F(4)], [2, T(0)])
    C("pow/scalar_tensor_0_f32", "pow", [V([0.0, 1.0, -1.0, 2.0])], [0.0, T(0)])
    C("pow/scalar_tensor_neg2_f32", "pow", [V([2.0, 3.0, 0.5])], [-2.0, T(0)])
    C("pow/scalar_tensor_2_int64", "pow", [V([0, 1, 2, 10], dt=i64)], [2, T(0)])
    C("pow/scalar_tensor_2p5_int64", "pow", [V([0, 1, 2, 3], dt=i64)], [2.5, T(0)])
    C("pow/tensor_tensor_f32", "pow", [F(2, 3, lo=0.1, hi=3), F(2, 3)], [T(0), T(1)])
    C("pow/tensor_tensor_broadcast_f32", "pow", [F(2, 1, lo=0.1, hi=3), F(3)], [T(0), T(1)])
    C("pow/tensor_tensor_f64", "pow", [F(4, lo=0.1, hi=3, dt=f64), F(4, dt=f64)], [T(0), T(1)])
    C("pow/tensor_tensor_zero_base", "pow", [V([0.0, 0.0, 0.0, 2.0]), V([0.0, 1.0, 2.0, 0.0])], [T(0), T(1)])
    C("pow/tensor_tensor_neg_base_int_exp", "pow", [V([-2.0, -2.0, -2.0]), V([2.0, 3.0, 0.5])], [T(0), T(1)])
    C("pow/int64_scalar_int", "pow", [V([1, -2, 3, 0], dt=i64)], [T(0), 2])
    C("pow/int64_scalar_float", "pow", [V([1, -2, 3, 0], dt=i64)], [T(0), 0.5])
    C("pow/int64_int64", "pow", [V([2, 3, -2], dt=i64), V([3, 0, 3], dt=i64)], [T(0), T(1)])
    C("pow/int64_negative_exponent_error", "pow", [V([1, 2, 3], dt=i64)], [T(0), -1], err=True)
    C("pow/f32_f64_promotion", "pow", [F(3, lo=0.5, hi=2), F(3, dt=f64)], [T(0), T(1)])
    M("pow/method_scalar", "pow", [F(2, 2, lo=0.1, hi=2)], [3])
    # clamp / clip
    for op in ["clamp", "clip"]:
        C(f"{op}/min_only_f32", op, [F(2, 4)], [T(0)], {"min": -0.5})
        C(f"{op}/max_only_f32", op, [F(2, 4)], [T(0)], {"max": 0.5})
        C(f"{op}/both_f32", op, [F(2, 4)], [T(0)], {"min": -0.5, "max": 0.5})
        C(f"{op}/both_positional_f32", op, [F(6)], [T(0), -1, 1])
        C(f"{op}/tensor_bounds_f32", op, [F(2, 3), F(2, 3, lo=-2, hi=0), F(3, lo=0, hi=2)], [T(0)],
          {"min": T(1), "max": T(2)})
        C(f"{op}/tensor_min_only_f32", op, [F(2, 3), F(3)], [T(0)], {"min": T(1)})
        C(f"{op}/min_gt_max_f32", op, [F(5)], [T(0)], {"min": 1.0, "max": -1.0})
        C(f"{op}/at_bounds_grad", op, [V([-1.0, -0.5, 0.0, 0.5, 1.0])], [T(0)], {"min": -0.5, "max": 0.5})
        C(f"{op}/int64", op, [V([-5, -1, 0, 3, 9], dt=i64)], [T(0)], {"min": -2, "max": 4})
        C(f"{op}/int64_float_bound", op, [V([-5, -1, 0, 3, 9], dt=i64)], [T(0)], {"min": -2.5})
        C(f"{op}/nan_input", op, [V([NAN, 2.0, -2.0])], [T(0)], {"min": -1.0, "max": 1.0})
        C(f"{op}/0d_f64", op, [F(dt=f64)], [T(0)], {"min": 0.0})
        C(f"{op}/no_bounds_error", op, [F(3)], [T(0)], err=True)
    C("clamp/tensor_bounds_grad_ties", "clamp", [V([0.0, 1.0, 2.0]), V([0.0, 0.0, 0.0]), V([2.0, 2.0, 2.0])],
      [T(0)], {"min": T(1), "max": T(2)})
    M("clamp/method_min", "clamp", [F(3, 2)], [], {"min": 0.0})
    # where
    C("where/same_shape", "where", [B(2, 3), F(2, 3), F(2, 3)], [T(0), T(1), T(2)])
    C("where/broadcast", "where", [B(2, 1), F(1, 3), F(2, 3)], [T(0), T(1), T(2)])
    C("where/scalar_other", "where", [B(4), F(4)], [T(0), T(1), 0.0])
    C("where/scalar_both", "where", [B(2, 2)], [T(0), 1.0, -1.0])
    C("where/scalar_int_both", "where", [B(4)], [T(0), 1, 0])
    C("where/f32_f64_promotion", "where", [B(3), F(3), F(3, dt=f64)], [T(0), T(1), T(2)])
    C("where/int_float", "where", [B(3), V([1, 2, 3], dt=i64), F(3)], [T(0), T(1), T(2)])
    C("where/condition_only", "where", [V([[True, False], [False, True]])], [T(0)])
    C("where/nonbool_condition_error", "where", [V([1.0, 0.0]), F(2), F(2)], [T(0), T(1), T(2)], err=True)
    M("where/method", "where", [F(2, 3), B(2, 3), F(2, 3)], [T(1), T(2)])
    # lerp
    C("lerp/scalar_weight", "lerp", [F(2, 3), F(2, 3)], [T(0), T(1), 0.25])
    C("lerp/scalar_weight_gt_half", "lerp", [F(5), F(5)], [T(0), T(1), 0.75])
    C("lerp/tensor_weight", "lerp", [F(2, 3), F(2, 3), F(2, 3, lo=0, hi=1)], [T(0), T(1), T(2)])
    C("lerp/tensor_weight_broadcast", "lerp", [F(2, 3), F(3), F(2, 1, lo=0, hi=1)], [T(0), T(1), T(2)])
    C("lerp/f64", "lerp", [F(3, dt=f64), F(3, dt=f64)], [T(0), T(1), 0.3])
    M("lerp/method", "lerp", [F(4), F(4)], [T(1), 0.5])


def gen_operators():
    seed("operators")
    ops = ["__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__", "__pow__"]
    for op in ops:
        pos = op in ("__pow__",)
        M(f"{op}/tensor_tensor_f32", op, [F(2, 3, lo=0.1 if pos else -2, hi=2),
                                          F(2, 3, nz=True, lo=-2, hi=2)], [T(1)])
        M(f"{op}/broadcast_f32", op, [F(2, 3, lo=0.1 if pos else -2, hi=2), F(3, nz=True)], [T(1)])
        M(f"{op}/tensor_scalar_float", op, [F(2, 3, lo=0.1 if pos else -2, hi=2)], [1.5])
        M(f"{op}/tensor_scalar_int", op, [F(2, 3, lo=0.1 if pos else -2, hi=2)], [2])
        M(f"{op}/int64_scalar_int", op, [V([7, -7, 3, 0], dt=i64)], [2])
        M(f"{op}/int64_scalar_float", op, [V([7, -7, 3, 0], dt=i64)], [2.5])
        M(f"{op}/int64_int64", op, [V([7, -7, 3, 8], dt=i64), V([2, 2, 0 if op == "__pow__" else -2, 3], dt=i64)],
          [T(1)])
        M(f"{op}/0d_f32", op, [F(lo=0.1, hi=2), F(nz=True)], [T(1)])
        M(f"{op}/f32_f64", op, [F(3, lo=0.1, hi=2), F(3, dt=f64, nz=True)], [T(1)])
    for op in ["__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rfloordiv__", "__rmod__", "__rpow__"]:
        M(f"{op}/scalar_float_f32", op, [F(2, 3, nz=True)], [1.5])
        M(f"{op}/scalar_int_f32", op, [F(2, 3, nz=True)], [2])
        M(f"{op}/scalar_int_int64", op, [V([1, -2, 3, 4], dt=i64)], [7])
        M(f"{op}/scalar_float_int64", op, [V([1, -2, 3, 4], dt=i64)], [7.5])
        M(f"{op}/scalar_float_0d", op, [F(nz=True)], [3.0])
    M("__truediv__/int64_int64_true_division", "__truediv__", [V([7, -7, 1, 0], dt=i64), V([2, 2, 3, 5], dt=i64)],
      [T(1)])
    M("__truediv__/int32_scalar_int", "__truediv__", [V([7, -7, 1], dt=i32)], [2])
    M("__truediv__/by_zero", "__truediv__", [V([1.0, -1.0, 0.0])], [0.0])
    M("__floordiv__/int64_by_zero_error", "__floordiv__", [V([1, 2], dt=i64)], [0], err=True)
    M("__mod__/int64_by_zero_error", "__mod__", [V([1, 2], dt=i64)], [0], err=True)
    M("__mod__/f32_by_zero", "__mod__", [V([1.0, -1.0])], [0.0])
    M("__add__/bool_bool", "__add__", [V([True, False, True]), V([True, True, False])], [T(1)])
    M("__add__/bool_scalar_int", "__add__", [V([True, False])], [1])
    M("__add__/bool_scalar_float", "__add__", [V([True, False])], [0.5])
    M("__add__/bool_scalar_bool", "__add__", [V([True, False])], [True])
    M("__mul__/bool_bool", "__mul__", [V([True, False, True]), V([True, True, False])], [T(1)])
    M("__add__/int32_scalar_big_int", "__add__", [V([1, 2], dt=i32)], [2 ** 40])
    M("__add__/int8_overflow_wraps", "__add__", [V([100, 127, -128], dt=i8)], [100])
    M("__add__/uint8_int8", "__add__", [V([200, 1], dt=u8), V([-1, 1], dt=i8)], [T(1)])
    M("__mul__/int64_f32_0d", "__mul__", [V([1, 2, 3], dt=i64), V(2.5)], [T(1)])
    M("__add__/f32_1d_f64_0d", "__add__", [F(3), V(0.1, dt=f64)], [T(1)])
    M("__add__/f32_0d_f64_1d", "__add__", [V(0.1), F(3, dt=f64)], [T(1)])
    M("__add__/int64_0d_f32_1d", "__add__", [V(3, dt=i64), F(3)], [T(1)])
    M("__add__/f16_0d_int64_1d", "__add__", [V([1, 2], dt=i64), V(0.5, dt=torch.float16, rg=False)], [T(1)])
    # matmul operator
    M("__matmul__/2x3_3x2", "__matmul__", [F(2, 3), F(3, 2)], [T(1)])
    M("__matmul__/1d_1d", "__matmul__", [F(3), F(3)], [T(1)])
    M("__matmul__/shape_error", "__matmul__", [F(2, 3), F(2, 3)], [T(1)], err=True)
    M("__rmatmul__/1d_2d", "__rmatmul__", [F(3, 2), F(3)], [T(1)])
    # unary operators
    M("__neg__/f32", "__neg__", [F(2, 3)])
    M("__neg__/int64", "__neg__", [V([1, -2, 0], dt=i64)])
    M("__abs__/f32", "__abs__", [F(4)])
    M("__invert__/bool", "__invert__", [V([True, False, True])])
    M("__invert__/int64", "__invert__", [V([0, 1, -1, 5], dt=i64)])
    M("__invert__/float_error", "__invert__", [F(2)], err=True)
    M("__pos__/f32", "__pos__", [F(3)])
    # bitwise on bool
    a, b = [True, True, False, False], [True, False, True, False]
    for op in ["__and__", "__or__", "__xor__"]:
        M(f"{op}/bool", op, [V(a), V(b)], [T(1)])
        M(f"{op}/int64", op, [V([12, 10, -1, 0], dt=i64), V([10, 6, 5, 3], dt=i64)], [T(1)])
        M(f"{op}/bool_scalar", op, [V(a)], [True])
    M("__and__/float_error", "__and__", [F(2), F(2)], [T(1)], err=True)
    # comparison operators
    for op in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"]:
        M(f"{op}/tensor_tensor", op, [V([1.0, 2.0, 3.0, NAN]), V([1.0, 3.0, 2.0, NAN])], [T(1)])
        M(f"{op}/tensor_scalar", op, [V([1.0, 2.0, 3.0])], [2])
        M(f"{op}/int_float_broadcast", op, [V([[1], [2]], dt=i64), V([1.5, 2.0])], [T(1)])


# ==========================================================================
# 2. linear algebra
# ==========================================================================

def gen_linalg():
    seed("linalg")
    mm_shapes = [
        ("1d_1d", (3,), (3,)),
        ("2d_1d", (2, 3), (3,)),
        ("1d_2d", (3,), (3, 4)),
        ("2d_2d", (2, 3), (3, 4)),
        ("3d_1d", (2, 3, 4), (4,)),
        ("1d_3d", (3,), (2, 3, 4)),
        ("3d_2d", (2, 3, 4), (4, 2)),
        ("2d_3d", (3, 4), (2, 4, 2)),
        ("3d_3d", (2, 3, 4), (2, 4, 5)),
        ("batch_broadcast_2x1x3x4_5x4x2", (2, 1, 3, 4), (5, 4, 2)),
        ("batch_broadcast_1x3x4_2x4x2", (1, 3, 4), (2, 4, 2)),
        ("1x1", (1, 1), (1, 1)),
    ]
    for name, sa, sb in mm_shapes:
        C(f"matmul/{name}_f32", "matmul", [F(*sa), F(*sb)], [T(0), T(1)])
    C("matmul/2d_2d_f64", "matmul", [F(2, 3, dt=f64), F(3, 2, dt=f64)], [T(0), T(1)])
    C("matmul/2d_2d_int64", "matmul", [V([[1, 2, 3], [4, 5, 6]], dt=i64), V([[1, 0], [0, 1], [2, -1]], dt=i64)],
      [T(0), T(1)])
    C("matmul/2d_2d_nograd_b", "matmul", [F(2, 3), F(3, 2, rg=False)], [T(0), T(1)])
    M("matmul/method", "matmul", [F(2, 3), F(3)], [T(1)])
    C("matmul/shape_error_2d", "matmul", [F(2, 3), F(4, 5)], [T(0), T(1)], err=True)
    C("matmul/shape_error_1d", "matmul", [F(3), F(4)], [T(0), T(1)], err=True)
    C("matmul/shape_error_batch", "matmul", [F(2, 3, 4), F(3, 4, 5)], [T(0), T(1)], err=True)
    C("matmul/0d_error", "matmul", [F(), F(3)], [T(0), T(1)], err=True)
    C("matmul/dtype_error", "matmul", [F(2, 3), F(3, 2, dt=f64)], [T(0), T(1)], err=True)
    C("matmul/empty_inner", "matmul", [torch.zeros(2, 0, requires_grad=True), torch.zeros(0, 3, requires_grad=True)],
      [T(0), T(1)])
    C("mm/2x3_3x4_f32", "mm", [F(2, 3), F(3, 4)], [T(0), T(1)])
    C("mm/1x5_5x1_f32", "mm", [F(1, 5), F(5, 1)], [T(0), T(1)])
    C("mm/3x3_f64", "mm", [F(3, 3, dt=f64), F(3, 3, dt=f64)], [T(0), T(1)])
    C("mm/int64", "mm", [V([[1, 2], [3, 4]], dt=i64), V([[5, 6], [7, 8]], dt=i64)], [T(0), T(1)])
    M("mm/method", "mm", [F(2, 2), F(2, 3)], [T(1)])
    C("mm/shape_error", "mm", [F(2, 3), F(2, 3)], [T(0), T(1)], err=True)
    C("mm/dtype_error", "mm", [F(2, 3), F(3, 2, dt=f64)], [T(0), T(1)], err=True)
    C("mm/1d_error", "mm", [F(3), F(3, 2)], [T(0), T(1)], err=True)
    C("bmm/2x2x3_2x3x4_f32", "bmm", [F(2, 2, 3), F(2, 3, 4)], [T(0), T(1)])
    C("bmm/1x3x3_f64", "bmm", [F(1, 3, 3, dt=f64), F(1, 3, 3, dt=f64)], [T(0), T(1)])
    C("bmm/batch_mismatch_error", "bmm", [F(2, 2, 3), F(3, 3, 4)], [T(0), T(1)], err=True)
    C("bmm/2d_error", "bmm", [F(2, 3), F(3, 4)], [T(0), T(1)], err=True)
    C("addmm/default", "addmm", [F(2, 4), F(2, 3), F(3, 4)], [T(0), T(1), T(2)])
    C("addmm/beta_alpha", "addmm", [F(2, 4), F(2, 3), F(3, 4)], [T(0), T(1), T(2)], {"beta": 0.5, "alpha": 2.0})
    C("addmm/broadcast_bias_1d", "addmm", [F(4), F(2, 3), F(3, 4)], [T(0), T(1), T(2)])
    C("addmm/broadcast_bias_1x4", "addmm", [F(1, 4), F(2, 3), F(3, 4)], [T(0), T(1), T(2)], {"alpha": -1})
    C("addmm/beta_zero_ignores_nan", "addmm", [V([[NAN, 1.0], [INF, 2.0]]), F(2, 3), F(3, 2)], [T(0), T(1), T(2)],
      {"beta": 0})
    C("addmm/f64", "addmm", [F(3, dt=f64), F(2, 2, dt=f64), F(2, 3, dt=f64)], [T(0), T(1), T(2)],
      {"beta": 2, "alpha": 3})
    C("mv/2x3_3_f32", "mv", [F(2, 3), F(3)], [T(0), T(1)])
    C("mv/4x2_2_f64", "mv", [F(4, 2, dt=f64), F(2, dt=f64)], [T(0), T(1)])
    C("mv/shape_error", "mv", [F(2, 3), F(2)], [T(0), T(1)], err=True)
    C("dot/3_f32", "dot", [F(3), F(3)], [T(0), T(1)])
    C("dot/5_f64", "dot", [F(5, dt=f64), F(5, dt=f64)], [T(0), T(1)])
    C("dot/int64", "dot", [V([1, 2, 3], dt=i64), V([4, -5, 6], dt=i64)], [T(0), T(1)])
    C("dot/size_error", "dot", [F(3), F(4)], [T(0), T(1)], err=True)
    C("dot/dtype_error", "dot", [F(3), F(3, dt=f64)], [T(0), T(1)], err=True)
    C("dot/2d_error", "dot", [F(2, 2), F(2, 2)], [T(0), T(1)], err=True)
    C("outer/3_4_f32", "outer", [F(3), F(4)], [T(0), T(1)])
    C("outer/2_2_f64", "outer", [F(2, dt=f64), F(2, dt=f64)], [T(0), T(1)])
    C("outer/int64", "outer", [V([1, 2], dt=i64), V([3, 4, 5], dt=i64)], [T(0), T(1)])
    C("outer/f32_f64_promotion", "outer", [F(2), F(3, dt=f64)], [T(0), T(1)])
    M("t/2x3", "t", [F(2, 3)])


# ==========================================================================
# 3. reductions
# ==========================================================================

def gen_reductions():
    seed("reductions")
    x23 = lambda: F(2, 3)
    x234 = lambda: F(2, 3, 4)
    for op in ["sum", "mean", "prod", "logsumexp", "amax", "amin"]:
        need_dim = op in ("logsumexp",)
        if not need_dim:
            C(f"{op}/all_2x3", op, [x23()], [T(0)])
            C(f"{op}/all_0d", op, [F()], [T(0)])
            C(f"{op}/all_2x3x4_f64", op, [F(2, 3, 4, dt=f64)], [T(0)])
        C(f"{op}/dim0_2x3", op, [x23()], [T(0)], {"dim": 0})
        C(f"{op}/dim1_2x3", op, [x23()], [T(0)], {"dim": 1})
        C(f"{op}/dimneg1_keepdim_2x3", op, [x23()], [T(0)], {"dim": -1, "keepdim": True})
        C(f"{op}/dim1_keepdim_2x3x4", op, [x234()], [T(0)], {"dim": 1, "keepdim": True})
        if op != "prod":
            C(f"{op}/dimtuple_0_2_2x3x4", op, [x234()], [T(0)], {"dim": (0, 2)})
            C(f"{op}/dimtuple_neg_keepdim_2x3x4", op, [x234()], [T(0)], {"dim": (-1, -3), "keepdim": True})
            C(f"{op}/dimtuple_all_2x3", op, [x23()], [T(0)], {"dim": (0, 1)})
        C(f"{op}/dim0_0d", op, [F()], [T(0)], {"dim": 0})
        C(f"{op}/positional_dim_keepdim", op, [x23()], [T(0), 1, True])
        M(f"{op}/method_dim1", op, [x234()], [1])
        C(f"{op}/dim_out_of_range_error", op, [x23()], [T(0)], {"dim": 2}, err=True)
    C("sum/dim_empty_list_reduces_all", "sum", [F(2, 3)], [T(0)], {"dim": []})
    C("sum/int64", "sum", [V([[1, 2, 3], [4, 5, 6]], dt=i64)], [T(0)])
    C("sum/int64_dim", "sum", [V([[1, 2, 3], [4, 5, 6]], dt=i64)], [T(0)], {"dim": 1})
    C("sum/int32_promotes_int64", "sum", [V([1, 2, 3], dt=i32)], [T(0)])
    C("sum/bool", "sum", [V([True, False, True])], [T(0)])
    C("sum/dtype_f64", "sum", [F(2, 3)], [T(0)], {"dtype": f64})
    C("sum/int_dtype_f32", "sum", [V([1, 2, 3], dt=i64)], [T(0)], {"dtype": f32})
    C("sum/empty", "sum", [torch.zeros(0, requires_grad=True)], [T(0)])
    C("sum/empty_0x3_dim0", "sum", [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 0})
    C("sum/empty_0x3_dim1", "sum", [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 1})
    C("sum/nan_inf", "sum", [V([1.0, INF, 2.0])], [T(0)])
    C("sum/inf_minus_inf", "sum", [V([INF, -INF])], [T(0)])
    C("sum/large_1000_f32", "sum", [F(1000)], [T(0)])
    C("sum/large_1000_dim1_f32", "sum", [F(10, 100)], [T(0)], {"dim": 1})
    C("mean/int64_error", "mean", [V([1, 2, 3], dt=i64)], [T(0)], err=True)
    C("mean/int64_dtype_f32", "mean", [V([1, 2, 4], dt=i64)], [T(0)], {"dtype": f32})
    C("mean/empty", "mean", [torch.zeros(0, requires_grad=True)], [T(0)])
    C("mean/empty_0x3_dim0", "mean", [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 0})
    C("mean/dim_empty_list_reduces_all", "mean", [F(2, 3)], [T(0)], {"dim": []})
    C("mean/large_1000_f32", "mean", [F(1000)], [T(0)])
    C("prod/with_one_zero_grad", "prod", [V([2.0, 0.0, 3.0, 4.0])], [T(0)])
    C("prod/with_two_zeros_grad", "prod", [V([2.0, 0.0, 3.0, 0.0])], [T(0)])
    C("prod/dim_with_zero_grad", "prod", [V([[2.0, 0.0, 3.0], [1.0, 2.0, 0.0]])], [T(0)], {"dim": 1})
    C("prod/int64", "prod", [V([1, 2, 3, -4], dt=i64)], [T(0)])
    C("prod/bool", "prod", [V([True, True])], [T(0)])
    C("prod/empty", "prod", [torch.zeros(0, requires_grad=True)], [T(0)])
    C("prod/dtype_f64", "prod", [F(4)], [T(0)], {"dtype": f64})
    C("amax/ties_grad_evenly", "amax", [V([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]])], [T(0)], {"dim": 1})
    C("amax/ties_all_grad_evenly", "amax", [V([1.0, 3.0, 3.0, 2.0])], [T(0)])
    C("amin/ties_grad_evenly", "amin", [V([[1.0, 1.0, 3.0], [2.0, 2.0, 2.0]])], [T(0)], {"dim": 1})
    C("amax/nan", "amax", [V([1.0, NAN, 3.0])], [T(0)])
    C("amax/int64", "amax", [V([[1, 5, -3], [7, 0, 7]], dt=i64)], [T(0)], {"dim": 1})
    C("amax/empty_error", "amax", [torch.zeros(0)], [T(0)], err=True)
    C("amax/empty_0x3_dim1", "amax", [torch.zeros(0, 3)], [T(0)], {"dim": 1})
    C("amax/empty_0x3_dim0_error", "amax", [torch.zeros(0, 3)], [T(0)], {"dim": 0}, err=True)
    C("logsumexp/large_values_stable", "logsumexp", [V([1000.0, 1000.0, 990.0])], [T(0)], {"dim": 0})
    C("logsumexp/all_neg_inf", "logsumexp", [V([-INF, -INF])], [T(0)], {"dim": 0})
    C("logsumexp/with_inf", "logsumexp", [V([INF, 1.0])], [T(0)], {"dim": 0})
    C("logsumexp/int64", "logsumexp", [V([1, 2, 3], dt=i64)], [T(0)], {"dim": 0})
    C("logsumexp/f64_dim1", "logsumexp", [F(3, 4, dt=f64)], [T(0)], {"dim": 1})
    C("logsumexp/empty_dim", "logsumexp", [torch.zeros(0, 3, requires_grad=True)], [T(0)], {"dim": 0})
    # std / var
    for op in ["std", "var"]:
        C(f"{op}/all_default", op, [F(2, 3)], [T(0)])
        C(f"{op}/all_unbiased_false", op, [F(2, 3)], [T(0)], {"unbiased": False})
        C(f"{op}/all_unbiased_true", op, [F(2, 3)], [T(0)], {"unbiased": True})
        C(f"{op}/positional_unbiased_false", op, [F(5)], [T(0), False])
        for corr in [0, 1, 2]:
            C(f"{op}/correction_{corr}", op, [F(2, 4)], [T(0)], {"correction": corr})
            C(f"{op}/dim1_correction_{corr}", op, [F(2, 4)], [T(0)], {"dim": 1, "correction": corr})
        C(f"{op}/correction_float_1p5", op, [F(6)], [T(0)], {"correction": 1.5})
        C(f"{op}/dim0", op, [F(3, 2)], [T(0)], {"dim": 0})
        C(f"{op}/dim0_unbiased_false_keepdim", op, [F(3, 2)], [T(0)], {"dim": 0, "unbiased": False, "keepdim": True})
        C(f"{op}/positional_dim_unbiased_keepdim", op, [F(3, 2)], [T(0), 1, False, True])
        C(f"{op}/dimtuple", op, [F(2, 3, 4)], [T(0)], {"dim": (0, 2)})
        C(f"{op}/dimneg_keepdim_f64", op, [F(2, 3, dt=f64)], [T(0)], {"dim": -1, "keepdim": True})
        C(f"{op}/single_element_nan", op, [V([1.5])], [T(0)])
        C(f"{op}/single_element_unbiased_false", op, [V([1.5])], [T(0)], {"unbiased": False})
        C(f"{op}/correction_exceeds_n", op, [F(2)], [T(0)], {"correction": 3})
        C(f"{op}/0d", op, [F()], [T(0)])
        C(f"{op}/constant_grad", op, [V([2.0, 2.0, 2.0])], [T(0)])
        C(f"{op}/empty", op, [torch.zeros(0, requires_grad=True)], [T(0)])
        C(f"{op}/int64_error", op, [V([1, 2, 3], dt=i64)], [T(0)], err=True)
        M(f"{op}/method_dim", op, [F(2, 3)], [1])
        M(f"{op}/method_kw", op, [F(2, 3)], [], {"dim": 0, "correction": 0})
    # max / min
    for op in ["max", "min"]:
        C(f"{op}/all_2x3", op, [F(2, 3)], [T(0)])
        C(f"{op}/all_0d", op, [F()], [T(0)])
        C(f"{op}/dim0_2x3", op, [F(2, 3)], [T(0)], {"dim": 0})
        C(f"{op}/dim1_2x3", op, [F(2, 3)], [T(0)], {"dim": 1})
        C(f"{op}/dimneg1_keepdim_2x3x4", op, [F(2, 3, 4)], [T(0)], {"dim": -1, "keepdim": True})
        C(f"{op}/positional_dim_keepdim", op, [F(2, 3)], [T(0), 0, True])
        C(f"{op}/dim0_0d", op, [F()], [T(0)], {"dim": 0})
        C(f"{op}/ties_dim1", op, [V([[3.0, 1.0, 3.0], [2.0, 2.0, 2.0], [1.0, 5.0, 5.0], [-1.0, -1.0, 0.0]])],
          [T(0)], {"dim": 1})
        C(f"{op}/ties_dim0", op, [V([[1.0, 1.0], [1.0, 0.0], [1.0, 1.0]])], [T(0)], {"dim": 0})
        C(f"{op}/ties_long_row", op, [V([[0.0] * 40, [1.0, 2.0] * 20])], [T(0)], {"dim": 1})
        C(f"{op}/ties_all_grad", op, [V([1.0, 3.0, 3.0, -3.0, -3.0])], [T(0)])
        C(f"{op}/nan_all", op, [V([1.0, NAN, 3.0])], [T(0)])
        C(f"{op}/nan_dim", op, [V([[1.0, NAN, 3.0], [NAN, NAN, 0.0], [4.0, 5.0, NAN]])], [T(0)], {"dim": 1})
        C(f"{op}/inf", op, [V([INF, -INF, 0.0])], [T(0)], {"dim": 0})
        C(f"{op}/int64", op, [V([[1, 5, -3], [7, 0, 7]], dt=i64)], [T(0)])
        C(f"{op}/int64_dim", op, [V([[1, 5, -3], [7, 0, 7]], dt=i64)], [T(0)], {"dim": 1})
        C(f"{op}/bool", op, [V([False, True, True])], [T(0)])
        C(f"{op}/f64_dim", op, [F(3, 3, dt=f64)], [T(0)], {"dim": 0})
        C(f"{op}/binary_tensor", op, [F(2, 3), F(3)], [T(0), T(1)])
        C(f"{op}/empty_error", op, [torch.zeros(0)], [T(0)], err=True)
        C(f"{op}/empty_0x3_dim1", op, [torch.zeros(0, 3)], [T(0)], {"dim": 1})
        C(f"{op}/empty_0x3_dim0_error", op, [torch.zeros(0, 3)], [T(0)], {"dim": 0}, err=True)
        C(f"{op}/dim_out_of_range_error", op, [F(2, 3)], [T(0)], {"dim": 3}, err=True)
        M(f"{op}/method", op, [F(3, 4)])
        M(f"{op}/method_dim", op, [F(3, 4)], [1])
    for op in ["argmax", "argmin"]:
        C(f"{op}/all_2x3", op, [F(2, 3)], [T(0)])
        C(f"{op}/dim0_2x3", op, [F(2, 3)], [T(0)], {"dim": 0})
        C(f"{op}/dim1_keepdim_2x3", op, [F(2, 3)], [T(0)], {"dim": 1, "keepdim": True})
        C(f"{op}/dimneg1_2x3x4", op, [F(2, 3, 4)], [T(0)], {"dim": -1})
        C(f"{op}/all_keepdim_2x3", op, [F(2, 3)], [T(0)], {"keepdim": True})
        C(f"{op}/0d", op, [F()], [T(0)])
        C(f"{op}/ties", op, [V([[3.0, 1.0, 3.0], [2.0, 2.0, 2.0], [1.0, 5.0, 5.0], [-1.0, -1.0, 0.0]])],
          [T(0)], {"dim": 1})
        C(f"{op}/ties_all", op, [V([1.0, 3.0, 3.0, -3.0, -3.0])], [T(0)])
        C(f"{op}/ties_long_row", op, [V([[0.0] * 40, [1.0, 2.0] * 20])], [T(0)], {"dim": 1})
        C(f"{op}/nan", op, [V([1.0, NAN, 3.0, NAN])], [T(0)])
        C(f"{op}/int64", op, [V([[1, 5, -3], [7, 0, 7]], dt=i64)], [T(0)], {"dim": 1})
        C(f"{op}/empty_error", op, [torch.zeros(0)], [T(0)], err=True)
        M(f"{op}/method", op, [F(3, 4)], [], {"dim": 0})
    # norm
    C("norm/default_p2", "norm", [F(2, 3)], [T(0)])
    C("norm/p2", "norm", [F(5)], [T(0)], {"p": 2})
    C("norm/p1", "norm", [F(2, 3)], [T(0)], {"p": 1})
    C("norm/p_inf", "norm", [F(2, 3)], [T(0)], {"p": INF})
    C("norm/p_neg_inf", "norm", [F(2, 3)], [T(0)], {"p": -INF})
    C("norm/p3", "norm", [F(4)], [T(0)], {"p": 3})
    C("norm/p0", "norm", [V([0.0, 1.0, -2.0, 0.0])], [T(0)], {"p": 0})
    C("norm/fro", "norm", [F(2, 3)], [T(0)], {"p": "fro"})
    C("norm/fro_dim_tuple", "norm", [F(2, 3, 4)], [T(0)], {"p": "fro", "dim": (1, 2)})
    C("norm/p2_dim1", "norm", [F(2, 3)], [T(0)], {"dim": 1})
    C("norm/p1_dim0_keepdim", "norm", [F(2, 3)], [T(0)], {"p": 1, "dim": 0, "keepdim": True})
    C("norm/p_inf_dim1", "norm", [F(3, 4)], [T(0)], {"p": INF, "dim": 1})
    C("norm/p_inf_ties_grad", "norm", [V([1.0, -3.0, 3.0, 2.0])], [T(0)], {"p": INF})
    C("norm/p2_dimneg1_f64", "norm", [F(2, 3, dt=f64)], [T(0)], {"p": 2, "dim": -1})
    C("norm/zero_vector_grad", "norm", [V([0.0, 0.0, 0.0])], [T(0)])
    C("norm/zero_vector_p1_grad", "norm", [V([0.0, 0.0, 0.0])], [T(0)], {"p": 1})
    C("norm/0d", "norm", [F()], [T(0)])
    C("norm/positional_p", "norm", [F(3)], [T(0), 1])
    C("norm/int64_error", "norm", [V([3, 4], dt=i64)], [T(0)], err=True)
    M("norm/method", "norm", [F(2, 2)])
    M("norm/method_p_dim", "norm", [F(2, 3)], [1, 1])
    # cumsum
    C("cumsum/1d", "cumsum", [F(5)], [T(0)], {"dim": 0})
    C("cumsum/dim0_2x3", "cumsum", [F(2, 3)], [T(0)], {"dim": 0})
    C("cumsum/dim1_2x3", "cumsum", [F(2, 3)], [T(0)], {"dim": 1})
    C("cumsum/dimneg1_2x3x4", "cumsum", [F(2, 3, 4)], [T(0)], {"dim": -1})
    C("cumsum/positional", "cumsum", [F(3, 2)], [T(0), 0])
    C("cumsum/0d", "cumsum", [F()], [T(0)], {"dim": 0})
    C("cumsum/int64", "cumsum", [V([1, 2, 3, -4], dt=i64)], [T(0)], {"dim": 0})
    C("cumsum/int32_promotes_int64", "cumsum", [V([1, 2, 3], dt=i32)], [T(0)], {"dim": 0})
    C("cumsum/bool", "cumsum", [V([True, False, True])], [T(0)], {"dim": 0})
    C("cumsum/dtype_f64", "cumsum", [F(4)], [T(0)], {"dim": 0, "dtype": f64})
    C("cumsum/f64", "cumsum", [F(2, 3, dt=f64)], [T(0)], {"dim": 1})
    C("cumsum/empty", "cumsum", [torch.zeros(0, requires_grad=True)], [T(0)], {"dim": 0})
    C("cumsum/nan", "cumsum", [V([1.0, NAN, 2.0])], [T(0)], {"dim": 0})
    C("cumsum/missing_dim_error", "cumsum", [F(3)], [T(0)], err=True)
    M("cumsum/method", "cumsum", [F(2, 3)], [1])
    # all / any
    for op in ["all", "any"]:
        C(f"{op}/bool_1d", op, [V([True, False, True])], [T(0)])
        C(f"{op}/bool_all_true", op, [V([True, True])], [T(0)])
        C(f"{op}/bool_all_false", op, [V([False, False])], [T(0)])
        C(f"{op}/bool_dim1", op, [V([[True, False], [True, True], [False, False]])], [T(0)], {"dim": 1})
        C(f"{op}/bool_dim0_keepdim", op, [V([[True, False], [True, True]])], [T(0)], {"dim": 0, "keepdim": True})
        C(f"{op}/bool_dimtuple", op, [B(2, 3, 2)], [T(0)], {"dim": (0, 2)})
        C(f"{op}/float", op, [V([1.0, 0.0, NAN, -0.0])], [T(0)])
        C(f"{op}/float_dim", op, [V([[1.0, 0.5], [0.0, 2.0]])], [T(0)], {"dim": 1})
        C(f"{op}/int64", op, [V([3, 0, -1], dt=i64)], [T(0)])
        C(f"{op}/uint8", op, [V([3, 0, 1], dt=u8)], [T(0)])
        C(f"{op}/uint8_dim", op, [V([[3, 0], [1, 1]], dt=u8)], [T(0)], {"dim": 1})
        C(f"{op}/empty", op, [torch.zeros(0, dtype=bol)], [T(0)])
        C(f"{op}/empty_0x3_dim0", op, [torch.zeros(0, 3, dtype=bol)], [T(0)], {"dim": 0})
        C(f"{op}/0d", op, [V(True)], [T(0)])
        M(f"{op}/method", op, [B(3, 3)])
        M(f"{op}/method_dim", op, [B(3, 3)], [0])


# ==========================================================================
# 4. comparison / logic
# ==========================================================================

def gen_comparison():
    seed("comparison")
    for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
        C(f"{op}/tensor_tensor_f32", op, [V([1.0, 2.0, 3.0, 2.0]), V([1.0, 3.0, 2.0, 2.0])], [T(0), T(1)])
        C(f"{op}/broadcast_2x1_3", op, [V([[1.0], [2.0]]), V([0.0, 2.0, 3.0])], [T(0), T(1)])
        C(f"{op}/scalar_float", op, [F(2, 3)], [T(0), 0.5])
        C(f"{op}/scalar_int", op, [V([-1, 0, 1, 2], dt=i64)], [T(0), 1])
        C(f"{op}/int_tensor_float_scalar", op, [V([1, 2, 3], dt=i64)], [T(0), 1.5])
        C(f"{op}/int_float_tensors", op, [V([1, 2, 3], dt=i64), V([1.0, 2.5, 2.5])], [T(0), T(1)])
        C(f"{op}/nan", op, [V([NAN, NAN, 1.0, INF]), V([NAN, 1.0, NAN, INF])], [T(0), T(1)])
        C(f"{op}/signed_zero", op, [V([0.0, -0.0]), V([-0.0, 0.0])], [T(0), T(1)])
        C(f"{op}/0d_0d", op, [V(1.0), V(2.0)], [T(0), T(1)])
        C(f"{op}/bool", op, [V([True, False, True, False]), V([True, True, False, False])], [T(0), T(1)])
        C(f"{op}/f32_f64", op, [V([0.1, 0.5]), V([0.1, 0.5], dt=f64)], [T(0), T(1)])
        M(f"{op}/method", op, [F(2, 2)], [0.0])
        C(f"{op}/broadcast_error", op, [F(2), F(3)], [T(0), T(1)], err=True)
    sp = [1.0, NAN, INF, -INF, 0.0, -0.0, 3e38, -1e-45]
    for op in ["isnan", "isinf", "isfinite"]:
        C(f"{op}/f32", op, [V(sp)], [T(0)])
        C(f"{op}/f64", op, [V(sp, dt=f64)], [T(0)])
        C(f"{op}/2x2", op, [V([[1.0, NAN], [INF, 2.0]])], [T(0)])
        C(f"{op}/int64", op, [V([1, 2], dt=i64)], [T(0)])
        C(f"{op}/bool", op, [V([True])], [T(0)])
        C(f"{op}/0d", op, [V(NAN)], [T(0)])
        M(f"{op}/method", op, [V([NAN, 1.0])])
    C("isinf/f32_overflow_from_f64", "isinf", [torch.tensor([1e39], dtype=f64).to(f32)], [T(0)])
    C("allclose/true", "allclose", [V([1.0, 2.0, 3.0]), V([1.0, 2.0000001, 3.0])], [T(0), T(1)])
    C("allclose/false", "allclose", [V([1.0, 2.0, 3.0]), V([1.0, 2.1, 3.0])], [T(0), T(1)])
    C("allclose/rtol_boundary", "allclose", [V([100.0], dt=f64), V([100.001], dt=f64)], [T(0), T(1)])
    C("allclose/rtol_atol_kw", "allclose", [V([1.0, 2.0]), V([1.1, 2.2])], [T(0), T(1)], {"rtol": 0.1, "atol": 0.0})
    C("allclose/atol_only", "allclose", [V([0.0]), V([1e-9])], [T(0), T(1)])
    C("allclose/nan_false", "allclose", [V([1.0, NAN]), V([1.0, NAN])], [T(0), T(1)])
    C("allclose/nan_equal_nan", "allclose", [V([1.0, NAN]), V([1.0, NAN])], [T(0), T(1)], {"equal_nan": True})
    C("allclose/inf_same_sign", "allclose", [V([INF, -INF]), V([INF, -INF])], [T(0), T(1)])
    C("allclose/broadcast", "allclose", [V([[1.0, 1.0], [1.0, 1.0]]), V([1.0])], [T(0), T(1)])
    C("allclose/dtype_mismatch_error", "allclose", [V([1.0]), V([1.0], dt=f64)], [T(0), T(1)], err=True)
    C("allclose/int64", "allclose", [V([1, 2], dt=i64), V([1, 2], dt=i64)], [T(0), T(1)])
    M("allclose/method", "allclose", [V([1.0]), V([1.0 + 1e-6])], [T(1)])
    C("equal/true", "equal", [V([1.0, 2.0]), V([1.0, 2.0])], [T(0), T(1)])
    C("equal/false_values", "equal", [V([1.0, 2.0]), V([1.0, 2.5])], [T(0), T(1)])
    C("equal/false_shape", "equal", [V([1.0, 2.0]), V([[1.0, 2.0]])], [T(0), T(1)])
    C("equal/nan_false", "equal", [V([NAN]), V([NAN])], [T(0), T(1)])
    C("equal/int64_vs_f32", "equal", [V([1, 2], dt=i64), V([1.0, 2.0])], [T(0), T(1)])
    C("equal/empty", "equal", [torch.zeros(0), torch.zeros(0)], [T(0), T(1)])
    M("equal/method", "equal", [V([1, 2], dt=i64), V([1, 2], dt=i64)], [T(1)])
    for op in ["logical_and", "logical_or", "logical_xor"]:
        C(f"{op}/bool", op, [V([True, True, False, False]), V([True, False, True, False])], [T(0), T(1)])
        C(f"{op}/float", op, [V([1.0, 0.0, NAN, -0.0]), V([2.0, 0.0, 0.0, 1.0])], [T(0), T(1)])
        C(f"{op}/int_broadcast", op, [V([[0], [3]], dt=i64), V([0, -1], dt=i64)], [T(0), T(1)])
        M(f"{op}/method", op, [B(2, 2), B(2, 2)], [T(1)])
    C("logical_not/bool", "logical_not", [V([True, False])], [T(0)])
    C("logical_not/float", "logical_not", [V([1.0, 0.0, NAN, -0.0])], [T(0)])
    C("logical_not/int64", "logical_not", [V([[0, 2], [-1, 0]], dt=i64)], [T(0)])
    C("logical_not/0d", "logical_not", [V(0.0)], [T(0)])
    M("logical_not/method", "logical_not", [B(3)])


# ==========================================================================
# 5. shape ops
# ==========================================================================

def gen_shape():
    seed("shape")
    x = lambda *s: F(*s)
    ar = lambda *s: torch.arange(1, 1 + int(np.prod(s)), dtype=f32).reshape(s).requires_grad_(True)
    C("reshape/2x3_to_3x2", "reshape", [ar(2, 3)], [T(0), (3, 2)])
    C("reshape/2x3_to_6", "reshape", [ar(2, 3)], [T(0), (6,)])
    C("reshape/2x3_to_minus1", "reshape", [ar(2, 3)], [T(0), (-1,)])
    C("reshape/2x3x4_to_minus1x4", "reshape", [ar(2, 3, 4)], [T(0), (-1, 4)])
    C("reshape/to_0d", "reshape", [V([5.0])], [T(0), ()])
    C("reshape/0d_to_1x1", "reshape", [V(5.0)], [T(0), (1, 1)])
    C("reshape/empty", "reshape", [torch.zeros(0, 3)], [T(0), (3, 0)])
    C("reshape/empty_minus1_error", "reshape", [torch.zeros(0, 3)], [T(0), (-1, 0)], err=True)
    C("reshape/int64", "reshape", [V([[1, 2], [3, 4]], dt=i64)], [T(0), (4,)])
    C("reshape/invalid_error", "reshape", [ar(2, 3)], [T(0), (4, 2)], err=True)
    C("reshape/two_minus1_error", "reshape", [ar(2, 3)], [T(0), (-1, -1)], err=True)
    M("reshape/method_varargs", "reshape", [ar(2, 3)], [3, -1])
    M("reshape/method_tuple", "reshape", [ar(2, 3)], [(1, 6)])
    M("view/2x3_to_3x2", "view", [ar(2, 3)], [3, 2])
    M("view/2x3x4_to_6x4", "view", [ar(2, 3, 4)], [6, 4])
    M("view/minus1", "view", [ar(2, 3, 4)], [2, -1])
    M("view/tuple", "view", [ar(2, 3)], [(6,)])
    M("view/0d_to_1", "view", [V(2.0)], [1])
    M("view/1_to_0d", "view", [V([2.0])], [()])
    M("view/invalid_size_error", "view", [ar(2, 3)], [4, 4], err=True)
    M("view/dtype_int32_to_float32_bits", "view", [V([1065353216, 0], dt=i32)], [f32])
    M("flatten/default_2x3x4", "flatten", [ar(2, 3, 4)])
    C("flatten/function_2x3x4", "flatten", [ar(2, 3, 4)], [T(0)])
    M("flatten/start1_2x3x4", "flatten", [ar(2, 3, 4)], [1])
    M("flatten/start0_end1_2x3x4", "flatten", [ar(2, 3, 4)], [], {"start_dim": 0, "end_dim": 1})
    M("flatten/start1_endneg1_2x3x4x5", "flatten", [ar(2, 3, 4, 5)], [], {"start_dim": 1, "end_dim": -1})
    M("flatten/start1_end2_2x3x4x5", "flatten", [ar(2, 3, 4, 5)], [], {"start_dim": 1, "end_dim": 2})
    M("flatten/0d", "flatten", [V(3.0)])
    M("flatten/start_gt_end_error", "flatten", [ar(2, 3, 4)], [], {"start_dim": 2, "end_dim": 1}, err=True)
    M("unflatten/dim1", "unflatten", [ar(2, 6)], [1, (2, 3)])
    M("unflatten/dim0_minus1", "unflatten", [ar(12)], [0, (-1, 4)])
    C("unflatten/function_negdim", "unflatten", [ar(2, 6)], [T(0), -1, (3, 2)])
    M("unflatten/bad_size_error", "unflatten", [ar(2, 6)], [1, (4, 2)], err=True)
    M("squeeze/all", "squeeze", [ar(1, 3, 1, 2)])
    M("squeeze/dim0", "squeeze", [ar(1, 3, 1, 2)], [0])
    M("squeeze/dim2", "squeeze", [ar(1, 3, 1, 2)], [2])
    M("squeeze/dim_not_size1_noop", "squeeze", [ar(1, 3, 1, 2)], [1])
    M("squeeze/negdim", "squeeze", [ar(1, 3, 1, 2)], [-2])
    M("squeeze/dim_tuple", "squeeze", [ar(1, 3, 1, 2)], [(0, 2)])
    C("squeeze/function_all", "squeeze", [ar(1, 1)], [T(0)])
    M("squeeze/0d", "squeeze", [V(1.0)])
    M("squeeze/0d_dim0", "squeeze", [V(1.0)], [0])
    M("squeeze/dim_out_of_range_error", "squeeze", [ar(2, 3)], [3], err=True)
    M("squeeze/dim_out_of_range_neg_error", "squeeze", [ar(2, 3)], [-3], err=True)
    M("squeeze/0d_dim_out_of_range_error", "squeeze", [V(1.0)], [1], err=True)
    M("unsqueeze/dim0", "unsqueeze", [ar(2, 3)], [0])
    M("unsqueeze/dim2", "unsqueeze", [ar(2, 3)], [2])
    M("unsqueeze/dimneg1", "unsqueeze", [ar(2, 3)], [-1])
    M("unsqueeze/dimneg3", "unsqueeze", [ar(2, 3)], [-3])
    M("unsqueeze/0d", "unsqueeze", [V(1.0)], [0])
    C("unsqueeze/function", "unsqueeze", [ar(3)], [T(0), 1])
    M("unsqueeze/out_of_range_error", "unsqueeze", [ar(2, 3)], [3], err=True)
    M("permute/2x3x4_201", "permute", [ar(2, 3, 4)], [2, 0, 1])
    M("permute/tuple_neg", "permute", [ar(2, 3, 4)], [(-1, -3, -2)])
    C("permute/function", "permute", [ar(2, 3)], [T(0), (1, 0)])
    M("permute/identity", "permute", [ar(2, 3)], [0, 1])
    M("permute/wrong_ndims_error", "permute", [ar(2, 3, 4)], [0, 1], err=True)
    M("permute/repeated_dim_error", "permute", [ar(2, 3)], [0, 0], err=True)
    M("transpose/2d", "transpose", [ar(2, 3)], [0, 1])
    M("transpose/3d_neg", "transpose", [ar(2, 3, 4)], [-1, 0])
    M("transpose/same_dim", "transpose", [ar(2, 3)], [1, 1])
    C("transpose/function", "transpose", [ar(2, 3, 4)], [T(0), 1, 2])
    M("transpose/out_of_range_error", "transpose", [ar(2, 3)], [0, 2], err=True)
    M("t/2x3_method", "t", [ar(2, 3)])
    M("t/1d", "t", [ar(3)])
    M("t/0d", "t", [V(2.0)])
    C("t/function", "t", [ar(3, 2)], [T(0)])
    M("t/3d_error", "t", [ar(2, 3, 4)], err=True)
    M("T/2d", "T", [ar(2, 3)])
    M("T/3d", "T", [ar(2, 3, 4)])
    M("T/1d", "T", [ar(3)])
    M("mT/3d", "mT", [ar(2, 3, 4)])
    M("expand/1x3_to_2x3", "expand", [ar(1, 3)], [2, 3])
    M("expand/3x1_minus1", "expand", [ar(3, 1)], [-1, 4])
    M("expand/new_leading_dims", "expand", [ar(3)], [2, 2, 3])
    M("expand/tuple", "expand", [ar(2, 1)], [(2, 5)])
    M("expand/0d", "expand", [V(7.0)], [2, 2])
    M("expand/invalid_error", "expand", [ar(2, 3)], [3, 3], err=True)
    M("expand/fewer_dims_error", "expand", [ar(2, 3)], [3], err=True)
    M("expand_as/basic", "expand_as", [ar(1, 3), F(4, 3)], [T(1)])
    M("expand_as/0d", "expand_as", [V(2.0), F(2, 2)], [T(1)])
    M("repeat/1d", "repeat", [ar(3)], [2])
    M("repeat/2d", "repeat", [ar(2, 2)], [2, 3])
    M("repeat/more_dims", "repeat", [ar(3)], [2, 1, 2])
    M("repeat/tuple", "repeat", [ar(2, 3)], [(1, 2)])
    M("repeat/zero", "repeat", [ar(2)], [0])
    M("repeat/too_few_error", "repeat", [ar(2, 3)], [2], err=True)
    M("repeat/int64", "repeat", [V([1, 2], dt=i64)], [3])
    # cat / stack
    C("cat/dim0", "cat", [x(2, 3), x(1, 3)], [[T(0), T(1)]])
    C("cat/dim1", "cat", [x(2, 3), x(2, 1), x(2, 2)], [[T(0), T(1), T(2)]], {"dim": 1})
    C("cat/dimneg1", "cat", [x(2, 3), x(2, 1)], [(T(0), T(1))], {"dim": -1})
    C("cat/positional_dim", "cat", [x(2, 3), x(2, 3)], [[T(0), T(1)], 1])
    C("cat/single", "cat", [x(2, 3)], [[T(0)]])
    C("cat/1d", "cat", [x(2), x(3)], [[T(0), T(1)]])
    C("cat/3d_dim1", "cat", [x(2, 1, 2), x(2, 2, 2)], [[T(0), T(1)]], {"dim": 1})
    C("cat/f32_f64_promotion", "cat", [x(2), F(2, dt=f64)], [[T(0), T(1)]])
    C("cat/int64_f32_promotion", "cat", [V([1, 2], dt=i64), x(2)], [[T(0), T(1)]])
    C("cat/int64", "cat", [V([1, 2], dt=i64), V([3], dt=i64)], [[T(0), T(1)]])
    C("cat/with_empty_1d_legacy", "cat", [x(2, 3), torch.zeros(0)], [[T(0), T(1)]])
    C("cat/with_empty_0x3", "cat", [x(2, 3), torch.zeros(0, 3)], [[T(0), T(1)]])
    C("cat/mismatch_error", "cat", [x(2, 3), x(2, 4)], [[T(0), T(1)]], err=True)
    C("cat/mismatch_dim1_error", "cat", [x(2, 3), x(3, 3)], [[T(0), T(1)]], {"dim": 1}, err=True)
    C("cat/ndim_mismatch_error", "cat", [x(2, 3), x(3)], [[T(0), T(1)]], err=True)
    C("cat/0d_error", "cat", [V(1.0), V(2.0)], [[T(0), T(1)]], err=True)
    C("cat/empty_list_error", "cat", [], [[]], err=True)
    C("cat/dim_out_of_range_error", "cat", [x(2, 3), x(2, 3)], [[T(0), T(1)]], {"dim": 2}, err=True)
    C("stack/dim0", "stack", [x(3), x(3)], [[T(0), T(1)]])
    C("stack/dim1", "stack", [x(2, 3), x(2, 3), x(2, 3)], [[T(0), T(1), T(2)]], {"dim": 1})
    C("stack/dimneg1", "stack", [x(2, 3), x(2, 3)], [[T(0), T(1)]], {"dim": -1})
    C("stack/dim2_of_2d", "stack", [x(2, 3), x(2, 3)], [[T(0), T(1)], 2])
    C("stack/0d", "stack", [V(1.0), V(2.0), V(3.0)], [[T(0), T(1), T(2)]])
    C("stack/f32_int64_promotion", "stack", [x(2), V([1, 2], dt=i64)], [[T(0), T(1)]])
    C("stack/mismatch_error", "stack", [x(2, 3), x(3, 2)], [[T(0), T(1)]], err=True)
    C("stack/dim_out_of_range_error", "stack", [x(2), x(2)], [[T(0), T(1)]], {"dim": 3}, err=True)
    # split / chunk
    C("split/int_even", "split", [x(6, 2)], [T(0), 2])
    C("split/int_uneven", "split", [x(5, 2)], [T(0), 2])
    C("split/int_dim1", "split", [x(2, 5)], [T(0), 3], {"dim": 1})
    C("split/list", "split", [x(6, 2)], [T(0), [1, 2, 3]])
    C("split/list_dim1_with_zero", "split", [x(2, 5)], [T(0), [2, 0, 3]], {"dim": 1})
    C("split/larger_than_dim", "split", [x(3)], [T(0), 5])
    C("split/list_bad_sum_error", "split", [x(6)], [T(0), [2, 2]], err=True)
    M("split/method", "split", [x(4, 3)], [1, 1])
    for n, size in [(1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (6, 6), (7, 6), (3, 5), (4, 5), (3, 7), (2, 1)]:
        C(f"chunk/{n}_of_{size}", "chunk", [x(size)], [T(0), n])
    C("chunk/dim1", "chunk", [x(2, 5)], [T(0), 2], {"dim": 1})
    C("chunk/zero_error", "chunk", [x(4)], [T(0), 0], err=True)
    M("chunk/method", "chunk", [x(3, 4)], [2, 1])
    C("unbind/dim0", "unbind", [x(3, 2)], [T(0)])
    C("unbind/dim1", "unbind", [x(3, 2)], [T(0), 1])
    # narrow
    C("narrow/dim0", "narrow", [ar(4, 3)], [T(0), 0, 1, 2])
    C("narrow/dim1", "narrow", [ar(4, 3)], [T(0), 1, 1, 2])
    C("narrow/negdim_negstart", "narrow", [ar(4, 3)], [T(0), -1, -2, 2])
    C("narrow/zero_length", "narrow", [ar(4, 3)], [T(0), 0, 4, 0])
    M("narrow/method", "narrow", [ar(5)], [0, 2, 3])
    C("narrow/out_of_range_error", "narrow", [ar(4, 3)], [T(0), 0, 3, 2], err=True)
    # index_select / gather
    C("index_select/dim0", "index_select", [x(4, 3), V([0, 2, 2], dt=i64)], [T(0), 0, T(1)])
    C("index_select/dim1", "index_select", [x(2, 4), V([3, 0], dt=i64)], [T(0), 1, T(1)])
    C("index_select/0d_index", "index_select", [x(4), V(1, dt=i64)], [T(0), 0, T(1)])
    C("index_select/int32_index", "index_select", [x(4), V([1, 3], dt=i32)], [T(0), 0, T(1)])
    C("index_select/empty_index", "index_select", [x(3, 2), torch.zeros(0, dtype=i64)], [T(0), 0, T(1)])
    C("index_select/repeated_grad_accumulates", "index_select", [x(3), V([1, 1, 1, 0], dt=i64)], [T(0), 0, T(1)])
    C("index_select/out_of_range_error", "index_select", [x(3), V([3], dt=i64)], [T(0), 0, T(1)], err=True)
    C("index_select/negative_index_error", "index_select", [x(3), V([-1], dt=i64)], [T(0), 0, T(1)], err=True)
    C("index_select/float_index_error", "index_select", [x(3), V([0.0], rg=False)], [T(0), 0, T(1)], err=True)
    M("index_select/method", "index_select", [x(3, 3), V([2, 0], dt=i64)], [1, T(1)])
    C("gather/dim1", "gather", [x(3, 3), V([[0, 0], [1, 0], [2, 2]], dt=i64)], [T(0), 1, T(1)])
    C("gather/dim0", "gather", [x(3, 2), V([[0, 1], [2, 0], [2, 2], [1, 1]], dt=i64)], [T(0), 0, T(1)])
    C("gather/smaller_index", "gather", [x(3, 4), V([[3], [0]], dt=i64)], [T(0), 1, T(1)])
    C("gather/3d_negdim", "gather", [x(2, 2, 3), V([[[2, 0]], [[1, 1]]], dt=i64)], [T(0), -1, T(1)])
    C("gather/out_of_range_error", "gather", [x(2, 2), V([[0, 2]], dt=i64)], [T(0), 1, T(1)], err=True)
    C("gather/int32_index", "gather", [x(2, 2), V([[0, 1]], dt=i32)], [T(0), 1, T(1)])
    M("gather/method_kw", "gather", [x(2, 3), V([[2], [1]], dt=i64)], [], {"dim": 1, "index": T(1)})
    # masked_fill
    C("masked_fill/same_shape", "masked_fill", [x(2, 3), B(2, 3)], [T(0), T(1), 0.0])
    C("masked_fill/broadcast_mask", "masked_fill", [x(2, 3), V([True, False, True])], [T(0), T(1), -1.5])
    C("masked_fill/neg_inf", "masked_fill", [x(2, 2), V([[False, True], [True, False]])], [T(0), T(1), -INF])
    C("masked_fill/0d_tensor_value", "masked_fill", [x(3), V([True, False, True]), F()], [T(0), T(1), T(2)])
    C("masked_fill/int64", "masked_fill", [V([1, 2, 3], dt=i64), V([True, False, True])], [T(0), T(1), 7])
    C("masked_fill/int64_float_value", "masked_fill", [V([1, 2, 3], dt=i64), V([True, False, True])],
      [T(0), T(1), 7.9])
    C("masked_fill/float_mask_error", "masked_fill", [x(3), V([1.0, 0.0, 1.0], rg=False)], [T(0), T(1), 0.0],
      err=True)
    C("masked_fill/1d_tensor_value_error", "masked_fill", [x(3), B(3), F(2)], [T(0), T(1), T(2)], err=True)
    M("masked_fill/method", "masked_fill", [x(2, 2), B(2, 2)], [T(1), 9.0])
    # tril / triu
    for op in ["tril", "triu"]:
        for d in [0, 1, -1, 2, -3]:
            C(f"{op}/3x4_diag_{d}".replace("-", "neg"), op, [ar(3, 4)], [T(0)], {"diagonal": d})
        C(f"{op}/4x3_default", op, [ar(4, 3)], [T(0)])
        C(f"{op}/batched_2x3x3", op, [ar(2, 3, 3)], [T(0)])
        C(f"{op}/positional_diag", op, [ar(3, 3)], [T(0), 1])
        C(f"{op}/int64", op, [V([[1, 2], [3, 4]], dt=i64)], [T(0)])
        C(f"{op}/1d_error", op, [ar(3)], [T(0)], err=True)
        M(f"{op}/method", op, [ar(3, 3)], [-1])
    # flip
    C("flip/dim0", "flip", [ar(2, 3)], [T(0), [0]])
    C("flip/dim1", "flip", [ar(2, 3)], [T(0), (1,)])
    C("flip/both", "flip", [ar(2, 3)], [T(0), [0, 1]])
    C("flip/negdim_3d", "flip", [ar(2, 3, 2)], [T(0), [-1]])
    C("flip/kw", "flip", [ar(4)], [T(0)], {"dims": [0]})
    C("flip/empty_dims", "flip", [ar(2, 2)], [T(0), []])
    C("flip/int64", "flip", [V([1, 2, 3], dt=i64)], [T(0), [0]])
    M("flip/method_varargs", "flip", [ar(2, 3)], [0, 1])
    C("flip/repeated_dim_error", "flip", [ar(2, 3)], [T(0), [0, 0]], err=True)
    # contiguous / clone
    M("contiguous/already", "contiguous", [ar(2, 3)])
    M("clone/basic", "clone", [ar(2, 3)])
    C("clone/function", "clone", [V([1, 2], dt=i64)], [T(0)])
    M("clone/0d", "clone", [V(1.5)])
    M("detach/basic", "detach", [ar(2)])
    # is_contiguous / strides of view chains via CODE
    CODE("chain/transpose_contiguous",
         "x = torch.arange(6.).reshape(2, 3).requires_grad_()\n"
         "y = x.t()\n"
         "z = y.contiguous()\n"
         "result = [y, z, torch.tensor([y.is_contiguous(), z.is_contiguous()]), torch.tensor(list(y.stride())), torch.tensor(list(z.stride()))]")
    CODE("chain/transpose_view_error",
         "x = torch.arange(6.).reshape(2, 3)\n"
         "x.t().view(6)", err=True)
    CODE("chain/transpose_reshape_copies",
         "x = torch.arange(6.).reshape(2, 3)\n"
         "y = x.t().reshape(6)\n"
         "result = [y, torch.tensor([y.is_contiguous(), y.data_ptr() == x.data_ptr()])]")
    CODE("chain/expand_strides",
         "x = torch.arange(3.).reshape(3, 1)\n"
         "y = x.expand(3, 4)\n"
         "result = [y, torch.tensor(list(y.stride())), torch.tensor([y.is_contiguous()])]")
    CODE("chain/narrow_dim1_not_contiguous",
         "x = torch.arange(12.).reshape(3, 4)\n"
         "y = x.narrow(1, 1, 2)\n"
         "result = [y, torch.tensor(list(y.stride())), torch.tensor([y.is_contiguous(), y.storage_offset()])]")
    CODE("chain/size1_dims_contiguous",
         "x = torch.arange(3.).reshape(3, 1)\n"
         "y = x.t()\n"
         "result = [y, torch.tensor([y.is_contiguous()]), torch.tensor(list(y.stride()))]")
    CODE("chain/view_grad_flows",
         "x = torch.arange(1., 7.).requires_grad_()\n"
         "y = x.view(2, 3).t()[1:]\n"
         "(y * torch.tensor([[1., 2.], [3., 4.]])).sum().backward()\n"
         "result = [y, x.grad]")


# ==========================================================================
# 6. indexing
# ==========================================================================

def gen_indexing():
    seed("indexing")
    ar = lambda *s, rg=True: torch.arange(int(np.prod(s)), dtype=f32).reshape(s).requires_grad_(rg)
    G = "__getitem__"
    S = slice
    reads = [
        ("int", (4, 3), 1),
        ("neg_int", (4, 3), -1),
        ("int_int", (4, 3), (2, 1)),
        ("neg_int_int", (4, 3), (-1, -2)),
        ("int_1d", (5,), 3),
        ("slice_all", (4, 3), S(None)),
        ("slice_start", (5,), S(2, None)),
        ("slice_stop", (5,), S(None, 3)),
        ("slice_step2", (7,), S(None, None, 2)),
        ("slice_1_6_2", (7,), S(1, 6, 2)),
        ("slice_step3", (10,), S(1, None, 3)),
        ("slice_neg_start", (6,), S(-3, None)),
        ("slice_neg_stop", (6,), S(None, -2)),
        ("slice_out_of_bounds_clamped", (4,), S(2, 100)),
        ("slice_empty", (4,), S(3, 1)),
        ("slice_2d", (4, 5), (S(1, 3), S(None, None, 2))),
        ("slice_int_mix", (4, 5), (S(None), 2)),
        ("int_slice_mix", (4, 5), (1, S(1, 4))),
        ("none_front", (2, 3), None),
        ("none_middle", (2, 3), (S(None), None)),
        ("none_multiple", (2, 3), (None, 1, None)),
        ("ellipsis", (2, 3, 4), Ellipsis),
        ("ellipsis_int", (2, 3, 4), (Ellipsis, 1)),
        ("int_ellipsis", (2, 3, 4), (0, Ellipsis)),
        ("ellipsis_middle", (2, 3, 4, 5), (1, Ellipsis, S(0, 2))),
        ("ellipsis_none", (2, 3), (Ellipsis, None)),
        ("list_1d", (5,), [0, 2, 4]),
        ("list_rows", (4, 3), [3, 0]),
        ("list_repeated", (4,), [1, 1, 3]),
        ("list_neg", (4, 3), [-1, 0]),
        ("cols_list", (3, 4), (S(None), [0, 2])),
        ("two_lists", (3, 4), ([0, 2], [1, 3])),
        ("list_and_slice", (3, 4, 2), ([2, 0], S(None), 1)),
        ("0d_of_1d_via_int", (3,), 0),
        ("bool_scalar_true", (3,), True),
        ("bool_scalar_false", (3,), False),
        ("0d_none", (), None),
        ("0d_ellipsis", (), Ellipsis),
    ]
    for name, shape, idx in reads:
        M(f"{G}/{name}", G, [ar(*shape)], [idx])
    M(f"{G}/int64_tensor_int", G, [V([[1, 2], [3, 4]], dt=i64)], [(1, 0)])
    M(f"{G}/f64_slice", G, [F(5, dt=f64)], [S(None, None, -1 + 3)])
    # tensor indices
    M(f"{G}/tensor_1d", G, [ar(5), V([4, 0, 0], dt=i64)], [T(1)])
    M(f"{G}/tensor_2d_index", G, [ar(5), V([[0, 1], [4, 4]], dt=i64)], [T(1)])
    M(f"{G}/tensor_2d_index_on_2d", G, [ar(4, 3), V([[0, 1], [3, 3]], dt=i64)], [T(1)])
    M(f"{G}/tensor_0d_index", G, [ar(4, 3), V(2, dt=i64)], [T(1)])
    M(f"{G}/tensor_neg", G, [ar(5), V([-1, -5], dt=i64)], [T(1)])
    M(f"{G}/tensor_int32", G, [ar(5), V([1, 2], dt=i32)], [T(1)])
    M(f"{G}/two_tensors_broadcast", G, [ar(4, 5), V([[0], [3]], dt=i64), V([1, 2, 4], dt=i64)], [(T(1), T(2))])
    M(f"{G}/two_tensors_same", G, [ar(4, 5), V([0, 3, 1], dt=i64), V([1, 2, 4], dt=i64)], [(T(1), T(2))])
    M(f"{G}/tensor_slice_tensor_separated", G, [ar(3, 4, 5), V([0, 2], dt=i64), V([1, 4], dt=i64)],
      [(T(1), S(None), T(2))])
    M(f"{G}/slice_two_tensors_adjacent", G, [ar(3, 4, 5), V([0, 2], dt=i64), V([1, 4], dt=i64)],
      [(S(None), T(1), T(2))])
    M(f"{G}/int_and_tensor", G, [ar(3, 4), V([3, 0], dt=i64)], [(1, T(1))])
    M(f"{G}/int_and_tensor_separated_3d", G, [ar(3, 4, 5), V([3, 0], dt=i64)], [(1, S(None), T(1))])
    M(f"{G}/tensor_none", G, [ar(3, 4), V([2, 0], dt=i64)], [(T(1), None)])
    M(f"{G}/tensor_ellipsis", G, [ar(2, 3, 4), V([3, 1], dt=i64)], [(Ellipsis, T(1))])
    M(f"{G}/tensor_repeated_grad_accumulates", G, [ar(4), V([1, 1, 1, 3], dt=i64)], [T(1)])
    M(f"{G}/tensor_2d_repeated_grad_accumulates", G, [ar(3, 2), V([[0, 0], [2, 0]], dt=i64)], [T(1)])
    M(f"{G}/two_tensors_repeated_grad", G, [ar(3, 3), V([0, 0, 1], dt=i64), V([2, 2, 2], dt=i64)], [(T(1), T(2))])
    M(f"{G}/empty_tensor_index", G, [ar(3, 2), torch.zeros(0, dtype=i64)], [T(1)])
    # bool masks
    M(f"{G}/mask_1d", G, [ar(5), V([True, False, True, True, False])], [T(1)])
    M(f"{G}/mask_2d_full", G, [ar(2, 3), V([[True, False, True], [False, False, True]])], [T(1)])
    M(f"{G}/mask_rows", G, [ar(3, 2), V([True, False, True])], [T(1)])
    M(f"{G}/mask_rows_then_slice", G, [ar(3, 4), V([True, False, True])], [(T(1), S(1, None))])
    M(f"{G}/slice_then_mask", G, [ar(3, 4), V([True, False, False, True])], [(S(None), T(1))])
    M(f"{G}/mask_all_false", G, [ar(2, 3), torch.zeros(2, 3, dtype=bol)], [T(1)])
    M(f"{G}/mask_int_mixed", G, [ar(3, 4), V([False, True, True])], [(T(1), 2)])
    M(f"{G}/mask_0d_true", G, [ar(3), V(True)], [T(1)])
    M(f"{G}/mask_shape_error", G, [ar(3, 2), V([True, False])], [T(1)], err=True)
    M(f"{G}/mask_uint8_deprecated", G, [ar(3), V([1, 0, 1], dt=u8)], [T(1)])
    # errors
    M(f"{G}/int_out_of_range_error", G, [ar(3, 2)], [3], err=True)
    M(f"{G}/neg_int_out_of_range_error", G, [ar(3, 2)], [-4], err=True)
    M(f"{G}/int_dim1_out_of_range_error", G, [ar(3, 2)], [(0, 2)], err=True)
    M(f"{G}/too_many_indices_error", G, [ar(3, 2)], [(0, 0, 0)], err=True)
    M(f"{G}/tensor_out_of_range_error", G, [ar(3), V([0, 5], dt=i64)], [T(1)], err=True)
    M(f"{G}/list_out_of_range_error", G, [ar(3)], [[0, 3]], err=True)
    M(f"{G}/float_index_error", G, [ar(3), V([0.0, 1.0], rg=False)], [T(1)], err=True)
    M(f"{G}/0d_int_error", G, [V(1.0)], [0], err=True)
    M(f"{G}/two_ellipsis_accepted", G, [ar(2, 2)], [(Ellipsis, Ellipsis)])
    M(f"{G}/negative_step_error", G, [ar(4)], [S(None, None, -1)], err=True)
    M(f"{G}/broadcast_indices_error", G, [ar(4, 4), V([0, 1], dt=i64), V([0, 1, 2], dt=i64)], [(T(1), T(2))],
      err=True)
    # __setitem__
    SI = "__setitem__"
    M(f"{SI}/col_zero", SI, [ar(3, 4, rg=False)], [(S(None), 0), 0])
    M(f"{SI}/row_scalar_float", SI, [ar(3, 4, rg=False)], [1, 7.5])
    M(f"{SI}/mask_one", SI, [ar(2, 3, rg=False), V([[True, False, True], [False, True, False]])], [T(1), 1])
    M(f"{SI}/mask_rows_tensor", SI, [ar(3, 2, rg=False), V([True, False, True]), V([-1.0, -2.0], rg=False)],
      [T(1), T(2)])
    M(f"{SI}/mask_values_tensor", SI, [ar(4, rg=False), V([True, False, True, False]), V([10.0, 20.0], rg=False)],
      [T(1), T(2)])
    M(f"{SI}/index_tensor_value_tensor", SI, [ar(5, 2, rg=False), V([4, 0], dt=i64),
                                              V([[1.0, 2.0], [3.0, 4.0]], rg=False)], [T(1), T(2)])
    M(f"{SI}/index_list_scalar", SI, [ar(5, rg=False)], [[0, 3], -1.0])
    M(f"{SI}/repeated_index_last_wins", SI, [torch.zeros(3), V([0, 0, 1], dt=i64), V([1.0, 2.0, 3.0], rg=False)],
      [T(1), T(2)])
    M(f"{SI}/slice_step_broadcast", SI, [ar(4, 5, rg=False), V([100.0, 200.0, 300.0], rg=False)],
      [(S(1, 3), S(None, None, 2)), T(1)])
    M(f"{SI}/slice_step_broadcast_col", SI, [ar(4, 5, rg=False), V([[100.0], [200.0]], rg=False)],
      [(S(1, 3), S(None, None, 2)), T(1)])
    M(f"{SI}/ellipsis_last", SI, [ar(2, 3, rg=False)], [(Ellipsis, -1), 5.0])
    M(f"{SI}/none_index", SI, [ar(3, rg=False)], [None, 2.0])
    M(f"{SI}/full_slice_tensor", SI, [ar(2, 2, rg=False), V([9.0, 8.0], rg=False)], [S(None), T(1)])
    M(f"{SI}/two_tensor_indices", SI, [ar(3, 3, rg=False), V([0, 2], dt=i64), V([1, 0], dt=i64)],
      [(T(1), T(2)), 0.5])
    M(f"{SI}/int64_float_value_truncates", SI, [V([1, 2, 3], dt=i64)], [0, 9.7])
    M(f"{SI}/int64_tensor_f32_value", SI, [V([1, 2, 3], dt=i64), V([7.9, -7.9], rg=False)], [S(1, None), T(1)])
    M(f"{SI}/f32_f64_value", SI, [ar(3, rg=False), V([0.1], dt=f64)], [0, T(1)])
    M(f"{SI}/0d_ellipsis", SI, [V(1.0, rg=False)], [Ellipsis, 4.0])
    M(f"{SI}/value_requires_grad", SI, [torch.zeros(2, 3), F(3)], [1, T(1)])
    M(f"{SI}/value_requires_grad_mask", SI, [torch.zeros(4), V([True, False, True, False]), F(2)], [T(1), T(2)])
    M(f"{SI}/value_requires_grad_index_tensor", SI, [torch.zeros(4, 2), V([3, 1], dt=i64), F(2, 2)],
      [T(1), T(2)])
    M(f"{SI}/value_broadcast_grad_sums", SI, [torch.zeros(3, 4), F(4)], [S(0, 2), T(1)])
    M(f"{SI}/leaf_requires_grad_error", SI, [ar(3)], [0, 1.0], err=True)
    M(f"{SI}/shape_mismatch_error", SI, [ar(3, 4, rg=False), V([1.0, 2.0, 3.0], rg=False)], [S(None), T(1)],
      err=True)
    M(f"{SI}/out_of_range_error", SI, [ar(3, rg=False)], [3, 1.0], err=True)
    M(f"{SI}/mask_count_mismatch_error", SI, [ar(4, rg=False), V([True, False, True, False]),
                                             V([1.0, 2.0, 3.0], rg=False)], [T(1), T(2)], err=True)
    CODE("__setitem__/nonleaf_grad",
         "x = torch.tensor([1., 2., 3., 4.], requires_grad=True)\n"
         "y = x * 2\n"
         "y[1:3] = 0\n"
         "y.backward(torch.tensor([1., 1., 1., 1.]))\n"
         "result = [y, x.grad]")
    CODE("__setitem__/nonleaf_grad_value_too",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "v = torch.tensor(5., requires_grad=True)\n"
         "y = x.clone()\n"
         "y[0] = v * 2\n"
         "(y * torch.tensor([1., 2., 3.])).sum().backward()\n"
         "result = [y, x.grad, v.grad, torch.tensor([type(y.grad_fn).__name__ == 'CopySlices'])]")
    CODE("__setitem__/view_write_visible_in_base",
         "x = torch.zeros(2, 3)\n"
         "v = x[:, 1]\n"
         "v[0] = 5.\n"
         "v += 1\n"
         "result = [x, v]")


# ==========================================================================
# 7. creation
# ==========================================================================

def gen_creation():
    seed("creation")
    C("tensor/int_list", "tensor", [], [[1, 2, 3]])
    C("tensor/nested_int", "tensor", [], [[[1, 2], [3, 4]]])
    C("tensor/float_list", "tensor", [], [[1.0, 2.5, -3.0]])
    C("tensor/nested_float", "tensor", [], [[[0.1, 0.2], [0.3, 0.4]]])
    C("tensor/mixed_int_float", "tensor", [], [[1, 2.5]])
    C("tensor/mixed_bool_int", "tensor", [], [[True, 2]])
    C("tensor/mixed_bool_float", "tensor", [], [[True, 2.5]])
    C("tensor/bool_list", "tensor", [], [[True, False]])
    C("tensor/scalar_int", "tensor", [], [5])
    C("tensor/scalar_float", "tensor", [], [5.0])
    C("tensor/scalar_bool", "tensor", [], [True])
    C("tensor/empty_list", "tensor", [], [[]])
    C("tensor/empty_nested", "tensor", [], [[[], []]])
    C("tensor/float_dtype_f64", "tensor", [], [[0.1, 0.2]], {"dtype": f64})
    C("tensor/int_dtype_f32", "tensor", [], [[1, 2]], {"dtype": f32})
    C("tensor/float_dtype_int64_truncates", "tensor", [], [[1.7, -1.7]], {"dtype": i64})
    C("tensor/int_dtype_bool", "tensor", [], [[0, 2]], {"dtype": bol})
    C("tensor/dtype_int32", "tensor", [], [[1, 2]], {"dtype": i32})
    C("tensor/requires_grad", "tensor", [], [[1.0, 2.0]], {"requires_grad": True})
    C("tensor/nan_inf", "tensor", [], [[NAN, INF, -INF]])
    C("tensor/big_int", "tensor", [], [[2 ** 40, -(2 ** 62)]])
    C("tensor/float_rounding_f32", "tensor", [], [[0.1, 1e-46, 3.4e38, 1e39]])
    C("tensor/ragged_error", "tensor", [], [[[1, 2], [3]]], err=True)
    C("tensor/int_requires_grad_error", "tensor", [], [[1, 2]], {"requires_grad": True}, err=True)
    for op in ["zeros", "ones"]:
        C(f"{op}/varargs", op, [], [2, 3])
        C(f"{op}/tuple", op, [], [(2, 3)])
        C(f"{op}/list", op, [], [[3]])
        C(f"{op}/0d", op, [], [()])
        C(f"{op}/empty", op, [], [0, 2])
        C(f"{op}/dtype_int64", op, [], [2], {"dtype": i64})
        C(f"{op}/dtype_f64", op, [], [2, 2], {"dtype": f64})
        C(f"{op}/dtype_bool", op, [], [3], {"dtype": bol})
        C(f"{op}/requires_grad", op, [], [2], {"requires_grad": True})
        C(f"{op}/negative_error", op, [], [-1], err=True)
    C("full/int_fill", "full", [], [(2, 2), 7])
    C("full/float_fill", "full", [], [(2, 3), 1.5])
    C("full/bool_fill", "full", [], [(2,), True])
    C("full/nan_fill", "full", [], [(2,), NAN])
    C("full/int_fill_dtype_f32", "full", [], [(3,), 2], {"dtype": f32})
    C("full/float_fill_dtype_int64", "full", [], [(3,), 2.7], {"dtype": i64}, err=False)
    C("full/float_fill_dtype_f64", "full", [], [(2,), 0.1], {"dtype": f64})
    C("full/0d", "full", [], [(), 3.0])
    C("full/list_size", "full", [], [[1, 2], -1])
    C("full/requires_grad", "full", [], [(2,), 0.5], {"requires_grad": True})
    C("eye/3", "eye", [], [3])
    C("eye/2x4", "eye", [], [2, 4])
    C("eye/4x2", "eye", [], [4, 2])
    C("eye/0", "eye", [], [0])
    C("eye/dtype_int64", "eye", [], [2], {"dtype": i64})
    C("eye/dtype_bool", "eye", [], [2], {"dtype": bol})
    C("arange/end_int", "arange", [], [5])
    C("arange/start_end_int", "arange", [], [2, 7])
    C("arange/step_int", "arange", [], [1, 10, 3])
    C("arange/negative_step_int", "arange", [], [5, 0, -1])
    C("arange/negative_step_2", "arange", [], [5, -4, -2])
    C("arange/end_float", "arange", [], [5.0])
    C("arange/float_step", "arange", [], [0, 1, 0.1])
    C("arange/float_step_0p25", "arange", [], [0.0, 2.0, 0.25])
    C("arange/float_negative_step", "arange", [], [1.0, 0.0, -0.3])
    C("arange/float_start_int_end", "arange", [], [0.5, 3])
    C("arange/float_step_1p5", "arange", [], [1, 8, 1.5])
    C("arange/nonexact_count", "arange", [], [-1.0, 1.0, 0.7])
    C("arange/empty", "arange", [], [0])
    C("arange/empty_start_eq_end", "arange", [], [3, 3])
    C("arange/dtype_f64", "arange", [], [0, 1, 0.1], {"dtype": f64})
    C("arange/int_args_dtype_f32", "arange", [], [4], {"dtype": f32})
    C("arange/float_args_dtype_int64", "arange", [], [0.0, 2.5, 0.5], {"dtype": i64})
    C("arange/dtype_int32", "arange", [], [3], {"dtype": i32})
    C("arange/requires_grad", "arange", [], [3.0], {"requires_grad": True})
    C("arange/kw_start_end_step", "arange", [], [], {"start": 1, "end": 4, "step": 1})
    C("arange/inconsistent_step_error", "arange", [], [0, 5, -1], err=True)
    C("arange/zero_step_error", "arange", [], [0, 5, 0], err=True)
    C("linspace/0_1_5", "linspace", [], [0, 1, 5])
    C("linspace/neg_range", "linspace", [], [-1.0, 1.0, 4])
    C("linspace/decreasing", "linspace", [], [10, 0, 6])
    C("linspace/steps_1", "linspace", [], [3.0, 7.0, 1])
    C("linspace/steps_0", "linspace", [], [3.0, 7.0, 0])
    C("linspace/steps_2", "linspace", [], [3.0, 7.0, 2])
    C("linspace/many_steps_f32", "linspace", [], [0.0, 1.0, 11])
    C("linspace/many_steps_odd", "linspace", [], [-3.3, 7.1, 9])
    C("linspace/dtype_f64", "linspace", [], [0.0, 1.0, 11], {"dtype": f64})
    C("linspace/dtype_int64", "linspace", [], [0, 10, 4], {"dtype": i64})
    C("linspace/kw_steps", "linspace", [], [0, 1], {"steps": 3})
    C("linspace/negative_steps_error", "linspace", [], [0, 1, -1], err=True)
    C("logspace/0_2_3", "logspace", [], [0, 2, 3])
    C("logspace/neg", "logspace", [], [-2.0, 1.0, 4])
    C("logspace/base2", "logspace", [], [0, 4, 5], {"base": 2})
    C("logspace/base_e_f64", "logspace", [], [0.0, 1.0, 3], {"base": math.e, "dtype": f64})
    C("logspace/steps_1", "logspace", [], [1.0, 3.0, 1])
    C("logspace/frac", "logspace", [], [0.0, 1.0, 5])
    for op in ["zeros_like", "ones_like"]:
        C(f"{op}/f32", op, [F(2, 3)], [T(0)])
        C(f"{op}/int64", op, [V([1, 2], dt=i64)], [T(0)])
        C(f"{op}/dtype_f64", op, [F(2)], [T(0)], {"dtype": f64})
        C(f"{op}/0d", op, [F()], [T(0)])
        C(f"{op}/requires_grad", op, [F(2, rg=False)], [T(0)], {"requires_grad": True})
        C(f"{op}/from_noncontig", op, [torch.arange(6.).reshape(2, 3).t()], [T(0)])
    C("full_like/float", "full_like", [F(2, 2)], [T(0), 3.5])
    C("full_like/int_on_int", "full_like", [V([1, 2, 3], dt=i64)], [T(0), 9])
    C("full_like/float_on_int_truncates", "full_like", [V([1, 2, 3], dt=i64)], [T(0), 9.9])
    C("full_like/dtype", "full_like", [F(2)], [T(0), 1], {"dtype": i32})
    C("zeros_like/bool", "zeros_like", [V([True, False])], [T(0)])


# ==========================================================================
# 8. in-place
# ==========================================================================

def gen_inplace():
    seed("inplace")
    nr = lambda *s, **k: F(*s, rg=False, **k)
    for op in ["add_", "sub_", "mul_", "div_"]:
        nz = op == "div_"
        M(f"{op}/tensor", op, [nr(2, 3), nr(2, 3, nz=nz)], [T(1)])
        M(f"{op}/broadcast", op, [nr(2, 3), nr(3, nz=nz)], [T(1)])
        M(f"{op}/scalar", op, [nr(2, 3)], [2.5])
        M(f"{op}/f64_self_f32_other", op, [nr(3, dt=f64), nr(3, nz=nz)], [T(1)])
        M(f"{op}/f32_self_f64_other", op, [nr(3), nr(3, dt=f64, nz=nz)], [T(1)])
        M(f"{op}/grad_through_other", op, [nr(3), F(3, nz=nz)], [T(1)])
        M(f"{op}/leaf_requires_grad_error", op, [F(3), nr(3, nz=nz)], [T(1)], err=True)
        M(f"{op}/broadcast_self_error", op, [nr(3), nr(2, 3, nz=nz)], [T(1)], err=True)
        M(f"{op}/int64_float_scalar_error", op, [V([1, 2, 3], dt=i64)], [1.5], err=True)
        M(f"{op}/int64_int_scalar" + ("_error" if op == "div_" else ""), op, [V([1, 2, 3], dt=i64)], [2],
          err=(op == "div_"))
    M("add_/alpha", "add_", [nr(3), nr(3)], [T(1)], {"alpha": 2})
    M("sub_/alpha", "sub_", [nr(3), nr(3)], [T(1)], {"alpha": -0.5})
    M("div_/rounding_floor", "div_", [nr(4, lo=-5, hi=5), nr(4, nz=True)], [T(1)], {"rounding_mode": "floor"})
    M("div_/int64_rounding_floor", "div_", [V([7, -7], dt=i64), V([2, 2], dt=i64)], [T(1)],
      {"rounding_mode": "floor"})
    M("add_/int64_bool", "add_", [V([1, 2], dt=i64), V([True, False])], [T(1)])
    M("clamp_/min_max", "clamp_", [nr(2, 3)], [-0.5, 0.5])
    M("clamp_/kw_min", "clamp_", [nr(4)], [], {"min": 0.0})
    M("clamp_/int64", "clamp_", [V([-3, 0, 3], dt=i64)], [], {"max": 1})
    M("clamp_/leaf_error", "clamp_", [F(3)], [0.0], err=True)
    M("zero_/f32", "zero_", [nr(2, 3)])
    M("zero_/int64", "zero_", [V([1, 2], dt=i64)])
    M("zero_/leaf_error", "zero_", [F(2)], err=True)
    M("fill_/float", "fill_", [nr(2, 2)], [3.5])
    M("fill_/int_on_f32", "fill_", [nr(2)], [7])
    M("fill_/float_on_int64_truncates", "fill_", [V([1, 2], dt=i64)], [2.9])
    M("fill_/0d_tensor", "fill_", [nr(3), V(1.25, rg=False)], [T(1)])
    M("fill_/0d_tensor_requires_grad", "fill_", [nr(3), F()], [T(1)])
    M("fill_/nan", "fill_", [nr(2)], [NAN])
    M("fill_/1d_tensor_error", "fill_", [nr(3), nr(2)], [T(1)], err=True)
    M("copy_/same", "copy_", [nr(2, 3), nr(2, 3)], [T(1)])
    M("copy_/broadcast", "copy_", [nr(2, 3), nr(3)], [T(1)])
    M("copy_/f64_to_f32", "copy_", [nr(3), V([0.1, 1e-50, 1e300], dt=f64, rg=False)], [T(1)])
    M("copy_/f32_to_int64_truncates", "copy_", [V([0, 0, 0], dt=i64), V([1.9, -1.9, 2.5], rg=False)], [T(1)])
    M("copy_/int64_to_f32", "copy_", [nr(3), V([1, 2, 3], dt=i64)], [T(1)])
    M("copy_/grad_through_src", "copy_", [nr(2, 2), F(2)], [T(1)])
    M("copy_/shape_error", "copy_", [nr(2, 3), nr(2)], [T(1)], err=True)
    M("copy_/leaf_error", "copy_", [F(2), nr(2)], [T(1)], err=True)
    for op, a in [("neg_", []), ("exp_", []), ("abs_", []), ("sqrt_", []), ("pow_", [2]), ("relu_", []),
                  ("sigmoid_", []), ("masked_fill_", None)]:
        if a is None:
            M(f"{op}/basic", op, [nr(4), V([True, False, False, True])], [T(1), 0.0])
        else:
            M(f"{op}/basic", op, [nr(4, lo=0.1 if op == "sqrt_" else -2)], a)
    CODE("autograd/inplace_modified_saved_tensor_error",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "y = x.exp()\n"
         "y.add_(1)\n"
         "y.sum().backward()", err=True)
    CODE("autograd/inplace_modified_saved_input_error",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "a = x * 2\n"
         "b = a * a\n"
         "a.mul_(3)\n"
         "b.sum().backward()", err=True)
    CODE("autograd/inplace_modified_saved_2d_f64_error",
         "x = torch.ones(2, 3, dtype=torch.float64, requires_grad=True)\n"
         "w = torch.ones(3, 4, dtype=torch.float64, requires_grad=True)\n"
         "h = x.sigmoid()\n"
         "out = h @ w\n"
         "h.zero_()\n"
         "out.sum().backward()", err=True)
    CODE("autograd/inplace_on_view_of_leaf_error",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "x[0:2].mul_(2)", err=True)
    CODE("autograd/inplace_not_saved_ok",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "y = x + 1\n"
         "y.mul_(2)\n"
         "y.add_(x)\n"
         "y.sum().backward()\n"
         "result = [y, x.grad, torch.tensor(y._version)]")
    CODE("autograd/version_counter_values",
         "x = torch.zeros(3)\n"
         "v0 = x._version\n"
         "x.add_(1)\n"
         "x.mul_(2)\n"
         "x[0] = 5.\n"
         "result = torch.tensor([v0, x._version])")
    CODE("autograd/inplace_relu_then_backward",
         "x = torch.tensor([-1., 0.5, 2.], requires_grad=True)\n"
         "y = x * 1.0\n"
         "y.relu_()\n"
         "y.backward(torch.tensor([1., 1., 1.]))\n"
         "result = [y, x.grad]")


# ==========================================================================
# 9. autograd errors / behaviour
# ==========================================================================

def gen_autograd():
    CODE("autograd/backward_twice",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "y = (x * x).sum()\n"
         "y.backward()\n"
         "y.backward()", err=True)
    CODE("autograd/backward_twice_exp",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "y = x.exp().sum()\n"
         "y.backward()\n"
         "y.backward()", err=True)
    CODE("autograd/backward_twice_retain_graph_accumulates",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "y = (x * x).sum()\n"
         "y.backward(retain_graph=True)\n"
         "y.backward()\n"
         "result = x.grad")
    CODE("autograd/backward_twice_add_ok",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "y = (x + 1).sum()\n"
         "y.backward()\n"
         "y.backward()\n"
         "result = x.grad",
         note="AddBackward/SumBackward save no tensors, so a second backward does not raise")
    CODE("autograd/backward_non_scalar",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "y = x * 2\n"
         "y.backward()", err=True)
    CODE("autograd/backward_non_scalar_1_element_ok",
         "x = torch.tensor([3.], requires_grad=True)\n"
         "y = x * 2\n"
         "y.backward()\n"
         "result = x.grad")
    CODE("autograd/backward_no_grad_fn",
         "x = torch.tensor([1., 2., 3.])\n"
         "y = (x * 2).sum()\n"
         "y.backward()", err=True)
    CODE("autograd/backward_leaf_no_requires_grad",
         "x = torch.tensor(1.)\n"
         "x.backward()", err=True)
    CODE("autograd/backward_leaf_requires_grad",
         "x = torch.tensor(2., requires_grad=True)\n"
         "x.backward()\n"
         "result = x.grad")
    CODE("autograd/backward_wrong_grad_shape",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\n"
         "y = x * 2\n"
         "y.backward(torch.ones(2))", err=True)
    CODE("autograd/backward_grad_dtype_mismatch",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "y = x * 2\n"
         "y.backward(torch.ones(2, dtype=torch.float64))\n"
         "result = x.grad",
         note="a float64 grad for a float32 output is accepted and cast")
    CODE("autograd/inplace_leaf_requires_grad",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "x.add_(1)", err=True)
    CODE("autograd/inplace_leaf_requires_grad_under_no_grad_ok",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "with torch.no_grad():\n"
         "    x.add_(1)\n"
         "result = x")
    CODE("autograd/requires_grad_int_error",
         "x = torch.tensor([1, 2])\n"
         "x.requires_grad_()", err=True)
    CODE("autograd/requires_grad_nonleaf_off_error",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "y = x * 2\n"
         "y.requires_grad_(False)", err=True)
    CODE("autograd/grad_accumulates_across_backward",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "(x * 3).sum().backward()\n"
         "(x * x).sum().backward()\n"
         "result = x.grad")
    CODE("autograd/shared_input_grad_sums",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "y = x * x + x.exp() + x\n"
         "y.sum().backward()\n"
         "result = [y, x.grad]")
    CODE("autograd/no_grad_result",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "with torch.no_grad():\n"
         "    y = x * 2\n"
         "result = [y, torch.tensor([y.requires_grad, y.grad_fn is None])]")
    CODE("autograd/detach_cuts_graph",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "y = x.detach() * x\n"
         "y.sum().backward()\n"
         "result = [y, x.grad]")
    CODE("autograd/nonleaf_grad_is_none_warning",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "y = x * 2\n"
         "y.sum().backward()\n"
         "g = y.grad\n"
         "result = torch.tensor([g is None])")
    CODE("autograd/retain_grad",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "y = x * 2\n"
         "y.retain_grad()\n"
         "(y * y).sum().backward()\n"
         "result = [y.grad, x.grad]")
    CODE("autograd/item_multi_element_error",
         "x = torch.tensor([1., 2.])\n"
         "x.item()", err=True)
    CODE("autograd/grad_fn_next_functions_names",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "w = torch.tensor([3., 4.], requires_grad=True)\n"
         "y = (x * w).sum()\n"
         "names = [type(y.grad_fn).__name__] + [type(f).__name__ for f, _ in y.grad_fn.next_functions]\n"
         "names += [type(f).__name__ for f, _ in y.grad_fn.next_functions[0][0].next_functions]\n"
         "result = names")
    CODE("autograd/leaf_repr_requires_grad",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "result = x")
    CODE("autograd/sum_repr_grad_fn",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "result = x.sum()")
    CODE("autograd/grad_of_grad_none_before_backward",
         "x = torch.tensor([1., 2.], requires_grad=True)\n"
         "result = torch.tensor([x.grad is None])")


# ==========================================================================
# printing.json
# ==========================================================================

PRINT_CASES = []
DEFAULT_OPTS = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}


def P(cid, t, requires_grad=False, **opts):
    assert cid not in {c["id"] for c in PRINT_CASES}, cid
    torch.set_printoptions(profile="default")
    torch.set_printoptions(sci_mode=None)
    o = dict(DEFAULT_OPTS)
    o.update(opts)
    torch.set_printoptions(precision=o["precision"], threshold=o["threshold"], edgeitems=o["edgeitems"],
                           linewidth=o["linewidth"], sci_mode=o["sci_mode"])
    if requires_grad:
        t = t.detach().clone().requires_grad_(True)
    r = repr(t)
    s = str(t)
    torch.set_printoptions(profile="default")
    torch.set_printoptions(sci_mode=None)
    rec = collections.OrderedDict()
    rec["id"] = cid
    rec["tensor"] = enc_t(t)
    rec["requires_grad"] = requires_grad
    rec["options"] = o
    rec["repr"] = r
    if s != r:
        rec["str"] = s
    PRINT_CASES.append(rec)


def gen_printing():
    seed("printing")
    tt = torch.tensor
    P("float/integer_valued", tt([1.0, 2.0]))
    P("float/integer_valued_neg", tt([-1.0, 2.0, 30.0]))
    P("float/mixed", tt([1.0, 2.5, -3.25]))
    P("float/thirds", tt([1 / 3, 2 / 3, -1.0]))
    P("float/negatives", tt([-0.5, -1.5, -100.25]))
    P("float/zero", tt([0.0]))
    P("float/neg_zero", tt([-0.0, 0.0, 1.0]))
    P("float/neg_zero_only", tt([-0.0]))
    P("float/neg_zero_0d", tt(-0.0))
    P("float/rounding_0p00005", tt([0.00005, 1.0]))
    P("float/1e-5_with_1", tt([1e-5, 1.0]))
    P("float/1e-4_with_1", tt([1e-4, 1.0]))
    P("float/ratio_1000_exact", tt([1.0, 1000.0]))
    P("float/ratio_1001", tt([1.0, 1001.0]))
    P("float/ratio_above_1000_fraction", tt([0.5, 600.0]))
    P("float/large_1e8", tt([1e8, 1.0e8]))
    P("float/large_above_1e8", tt([1.5e8, 2e8]))
    P("float/large_integer_valued_1e7", tt([12345678.0, 1.0e7]))
    P("float/large_mixed", tt([123456.789, 1.5]))
    P("float/very_small", tt([1e-10, 2e-10]))
    P("float/very_large", tt([1e20, -3e25]))
    P("float/mixed_small_large", tt([1e-5, 1e5, 1.0]))
    P("float/nan_inf", tt([NAN, INF, -INF, 1.5]))
    P("float/nan_inf_integer", tt([NAN, INF, 2.0]))
    P("float/nan_only", tt([NAN, NAN]))
    P("float/inf_only", tt([INF, -INF]))
    P("float/nan_with_large", tt([NAN, 1e10, 1.0]))
    P("float/nan_with_small", tt([NAN, 1e-6]))
    P("float/random_2x3", F(2, 3, rg=False, dec=4))
    P("float/random_5", torch.tensor(np.round(RNG.standard_normal(5), 6), dtype=f32))
    P("float/0d", tt(3.14159))
    P("float/0d_integer", tt(2.0))
    P("float/0d_nan", tt(NAN))
    P("float/0d_large", tt(1e10))
    P("float/0d_small", tt(1e-7))
    P("float/0d_neg", tt(-1.5))
    P("float64/1d", tt([1.0, 2.5], dtype=f64))
    P("float64/integer_valued", tt([1.0, 2.0], dtype=f64))
    P("float64/0d", tt(0.1, dtype=f64))
    P("float64/precise", tt([0.1, 0.2 + 0.1, 1 / 3], dtype=f64))
    P("float64/sci", tt([1e-10, 1.0], dtype=f64))
    P("float64/2d", tt([[1.0, 2.0], [3.5, -4.0]], dtype=f64))
    P("float64/empty", torch.zeros(0, dtype=f64))
    P("float16/1d", tt([1.0, 2.5], dtype=torch.float16))
    P("int64/1d", tt([1, 2, 3]))
    P("int64/negative", tt([-1, 20, -300]))
    P("int64/large", tt([2 ** 40, -5]))
    P("int64/0d", tt(7))
    P("int64/2d", tt([[1, 22], [333, -4]]))
    P("int32/1d", tt([1, 2, 3], dtype=i32))
    P("int32/0d", tt(5, dtype=i32))
    P("int32/empty", torch.zeros(0, dtype=i32))
    P("int16/1d", tt([1, -2], dtype=i16))
    P("int8/1d", tt([1, -2], dtype=i8))
    P("uint8/1d", tt([1, 255], dtype=u8))
    P("bool/1d", tt([True, False, True]))
    P("bool/0d", tt(False))
    P("bool/2d", tt([[True, False], [False, True]]))
    P("bool/empty", torch.zeros(0, dtype=bol))
    P("empty/1d", tt([]))
    P("empty/0x3", torch.zeros(0, 3))
    P("empty/3x0", torch.zeros(3, 0))
    P("empty/2x0x3", torch.zeros(2, 0, 3))
    P("empty/int64", torch.zeros(0, dtype=i64))
    P("empty/int64_0x2", torch.zeros(0, 2, dtype=i64))
    P("empty/requires_grad", torch.zeros(0), requires_grad=True)
    P("layout/2d", torch.arange(6.0).reshape(2, 3))
    P("layout/2d_mixed", F(3, 4, rg=False, lo=-10, hi=10, dec=3))
    P("layout/3d", torch.arange(24.0).reshape(2, 3, 4))
    P("layout/3d_int", torch.arange(24).reshape(2, 3, 4))
    P("layout/4d", torch.arange(36.0).reshape(2, 3, 2, 3))
    P("layout/4d_int", torch.arange(16).reshape(2, 2, 2, 2))
    P("layout/2d_wrap_linewidth", F(2, 12, rg=False, lo=-10, hi=10, dec=4))
    P("layout/1d_wrap_linewidth", F(30, rg=False, lo=-10, hi=10, dec=4))
    P("layout/1d_wrap_int", torch.arange(0, 3000, 100))
    P("layout/1d_wrap_f64", F(20, rg=False, dt=f64, lo=-10, hi=10, dec=4))
    P("layout/3d_wrap", F(2, 2, 10, rg=False, lo=-10, hi=10, dec=4))
    P("layout/2d_wrap_large_integer_valued", tt(np.round(RNG.uniform(-1, 1, size=(2, 10)), 4) * 1e6, dtype=f32))
    mags = 10.0 ** RNG.uniform(-6, 3, size=(2, 10))
    sgn = np.where(RNG.random(size=(2, 10)) < 0.5, -1.0, 1.0)
    P("layout/2d_wrap_sci", tt(sgn * mags, dtype=f32))
    P("layout/3d_sci", tt((sgn * mags).reshape(2, 2, 5), dtype=f64))
    P("layout/2d_wrap_linewidth_40", F(2, 6, rg=False, dec=4), linewidth=40)
    P("layout/2d_wrap_linewidth_200", F(2, 12, rg=False, dec=4), linewidth=200)
    P("layout/1x1", tt([[5.0]]))
    P("layout/1x1x1", tt([[[5]]]))
    P("layout/shape_4x1", tt([[1.0], [2.0], [3.0], [4.0]]))
    P("layout/2d_nan", tt([[1.0, NAN], [INF, -2.5]]))
    P("layout/2d_f64", F(2, 3, rg=False, dt=f64, dec=5))
    P("summarize/1d_2000", torch.arange(2000.0))
    P("summarize/1d_1001_int", torch.arange(1001))
    P("summarize/1d_1000_not_summarized", torch.arange(1000))
    P("summarize/1d_2000_random", F(2000, rg=False, dec=4))
    P("summarize/2d_50x50", torch.arange(2500.0).reshape(50, 50))
    P("summarize/2d_50x50_random", F(50, 50, rg=False, dec=3))
    P("summarize/3d_20x20x20", torch.arange(8000.0).reshape(20, 20, 20))
    P("summarize/3d_int_11x10x10", torch.arange(1100).reshape(11, 10, 10))
    P("summarize/2d_2x600", torch.arange(1200.0).reshape(2, 600))
    P("summarize/2d_600x2", torch.arange(1200.0).reshape(600, 2))
    P("summarize/bool_1200", torch.arange(1200) % 3 == 0)
    P("summarize/edgeitems_2", torch.arange(2000.0), edgeitems=2)
    P("summarize/threshold_5", torch.arange(10.0), threshold=5)
    P("summarize/threshold_5_2d", torch.arange(36.0).reshape(6, 6), threshold=5)
    P("summarize/threshold_5_edge1", torch.arange(36).reshape(6, 6), threshold=5, edgeitems=1)
    P("summarize/sci_values_from_edges_only", torch.cat([torch.ones(3), torch.full((1000,), 1e10), torch.ones(3)]))
    P("requires_grad/1d", tt([1.0, 2.0]), requires_grad=True)
    P("requires_grad/0d", tt(1.5), requires_grad=True)
    P("requires_grad/f64", tt([1.0, 2.0], dtype=f64), requires_grad=True)
    P("requires_grad/2d", tt([[1.0, 2.5], [3.0, 4.0]]), requires_grad=True)
    P("requires_grad/2d_wrap", F(2, 12, rg=False, dec=4), requires_grad=True)
    P("requires_grad/summarized", torch.arange(2000.0), requires_grad=True)
    P("precision/2", tt([1.23456, -2.5, 100.0]), precision=2)
    P("precision/6", tt([1.23456789, -2.5, 100.0]), precision=6)
    P("precision/6_f64", tt([1 / 3, 2 / 3], dtype=f64), precision=6)
    P("precision/2_sci", tt([1e-5, 1.0]), precision=2)
    P("precision/0", tt([1.5, 2.5, 3.7]), precision=0)
    P("precision/10_f32", tt([0.1, 0.2]), precision=10)
    P("sci_mode/true", tt([1.0, 2.5, 100.0]), sci_mode=True)
    P("sci_mode/true_int_valued", tt([1.0, 2.0]), sci_mode=True)
    P("sci_mode/false_small", tt([1e-5, 1.0]), sci_mode=False)
    P("sci_mode/false_large", tt([1e10, 1.0]), sci_mode=False)
    P("sci_mode/false_very_large", tt([1e20, 1.5]), sci_mode=False)
    P("sci_mode/true_0d", tt(3.0), sci_mode=True)
    P("sci_mode/true_precision_2", tt([123.456, 0.001]), sci_mode=True, precision=2)
    P("sci_mode/true_2d", tt([[1.0, -2.0], [3e-3, 4e4]]), sci_mode=True)
    P("linewidth/20", torch.arange(10.0), linewidth=20)
    P("linewidth/20_int", torch.arange(20), linewidth=20)


# ==========================================================================
# gradcheck.json
# ==========================================================================

class WrongSquare(torch.autograd.Function):
    """y = x * x, but backward returns 2 * grad (should be 2 * x * grad)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, g):
        return 2 * g


class RightSquare(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return 2 * x * g


class WrongMulSecond(torch.autograd.Function):
    """z = x * y with the gradient w.r.t. y wrong (returns g * x * 3)."""

    @staticmethod
    def forward(ctx, x, y):
        ctx.save_for_backward(x, y)
        return x * y

    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        return g * y, g * x * 3


class WrongTwoOutputs(torch.autograd.Function):
    """returns (x*2, x.exp()); backward wrong for output 1 (ignores exp)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 2, x.exp()

    @staticmethod
    def backward(ctx, g0, g1):
        return g0 * 2 + g1


GC_FUNCS = {
    "WrongSquare": (WrongSquare, "y = x * x; backward returns 2 * grad_output (missing the factor x)"),
    "RightSquare": (RightSquare, "y = x * x; backward returns 2 * x * grad_output (correct)"),
    "WrongMulSecond": (WrongMulSecond, "z = x * y; backward returns (g * y, 3 * g * x): wrong for input 1"),
    "WrongTwoOutputs": (WrongTwoOutputs, "(2x, exp(x)); backward returns 2*g0 + g1: wrong for output 1"),
}


def gen_gradcheck():
    import inspect
    sig = inspect.signature(torch.autograd.gradcheck)
    defaults = {k: (v.default if v.default is not inspect.Parameter.empty else None)
                for k, v in sig.parameters.items() if k in ("eps", "atol", "rtol", "raise_exception",
                                                              "fast_mode", "check_undefined_grad",
                                                              "nondet_tol")}
    cases = []

    def run(cid, fname, inputs, **kw):
        fn, desc = GC_FUNCS[fname]
        rec = collections.OrderedDict()
        rec["id"] = cid
        rec["function"] = fname
        rec["description"] = desc
        rec["inputs"] = []
        for t in inputs:
            d = enc_t(t)
            d["requires_grad"] = bool(t.requires_grad)
            rec["inputs"].append(d)
        rec["kwargs"] = {k: enc_arg(v) for k, v in kw.items()}
        eps = kw.get("eps", defaults["eps"])
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            # the exact Jacobians gradcheck compares (slow mode): numerical by central
            # differences with step eps, analytical from backward with one-hot grad_outputs;
            # each has shape [input numel, output numel] as gradcheck prints them
            gc = sys.modules["torch.autograd.gradcheck"]  # the module (the attribute is the function)
            outs = gc._as_tuple(fn.apply(*inputs))
            numerical = gc._transpose(gc._get_numerical_jacobian(fn.apply, tuple(inputs), outs, eps=eps))
            jac = []
            for i, o in enumerate(outs):
                analytical = gc._check_analytical_jacobian_attributes(tuple(inputs), o, 0.0, False)
                for j, (a, n) in enumerate(zip(analytical, numerical[i])):
                    jac.append({"output": i, "input": j, "numerical": enc_t(n), "analytical": enc_t(a)})
            rec["jacobians"] = jac
            try:
                r = torch.autograd.gradcheck(fn.apply, tuple(inputs), **kw)
                rec["result"] = bool(r)
            except Exception as e:
                rec["error"] = {"type": type(e).__name__,
                                "base": [b.__name__ for b in type(e).__mro__[1:] if b is not object],
                                "message": str(e)}
            if ws:
                rec["warnings"] = fmt_warnings(ws)
        cases.append(rec)

    dv = lambda v: torch.tensor(v, dtype=f64, requires_grad=True)
    run("wrong_square/shape3", "WrongSquare", [dv([1.0, 2.0, 3.0])])
    run("wrong_square/shape3_neg", "WrongSquare", [dv([0.5, -1.5, 2.25])])
    run("wrong_square/shape2x2", "WrongSquare", [dv([[1.0, 2.0], [3.0, 4.0]])])
    run("wrong_square/shape2x2_frac", "WrongSquare", [dv([[0.1, -0.2], [0.3, 1.7]])])
    run("wrong_square/0d", "WrongSquare", [dv(1.5)])
    run("wrong_square/shape3_no_raise", "WrongSquare", [dv([1.0, 2.0, 3.0])], raise_exception=False)
    run("wrong_square/shape2x2_no_raise", "WrongSquare", [dv([[1.0, 2.0], [3.0, 4.0]])], raise_exception=False)
    run("wrong_square/x_equals_one_passes", "WrongSquare", [dv([1.0, 1.0])])
    run("wrong_square/custom_atol_rtol", "WrongSquare", [dv([1.0, 1.001])], atol=1e-2, rtol=1e-2)
    run("wrong_square/custom_eps", "WrongSquare", [dv([1.0, 2.0])], eps=1e-3)
    run("right_square/shape3", "RightSquare", [dv([1.0, 2.0, 3.0])])
    run("right_square/shape2x2", "RightSquare", [dv([[1.0, 2.0], [3.0, 4.0]])])
    run("wrong_mul/input1", "WrongMulSecond", [dv([1.0, 2.0]), dv([3.0, -1.0])])
    run("wrong_two_outputs/output1", "WrongTwoOutputs", [dv([0.0, 1.0])])
    run("right_square/float32_input_warns", "RightSquare",
        [torch.tensor([1.0, 2.0], dtype=f32, requires_grad=True)], raise_exception=False)
    return {"meta": {"torch_version": torch.__version__, "made_by": "make_fixtures.py",
                     "gradcheck_defaults": defaults}, "cases": cases}


# ==========================================================================
# main
# ==========================================================================

def dump(path, meta, cases):
    with open(path, "w") as f:
        f.write('{"meta": ' + json.dumps(meta, allow_nan=False) + ',\n "cases": [\n')
        f.write(",\n".join(json.dumps(c, allow_nan=False) for c in cases))
        f.write("\n]}\n")


def main():
    meta = {"torch_version": torch.__version__, "made_by": "make_fixtures.py",
            "numpy_version": np.__version__, "cpu_capability": torch.backends.cpu.get_cpu_capability(),
            "num_threads": torch.get_num_threads(), "default_dtype": dtype_name(torch.get_default_dtype())}
    gen_pointwise_unary()
    gen_pointwise_binary()
    gen_operators()
    gen_linalg()
    gen_reductions()
    gen_comparison()
    gen_shape()
    gen_indexing()
    gen_creation()
    gen_inplace()
    gen_autograd()
    dump(os.path.join(HERE, "ops.json"), meta, CASES)

    gen_printing()
    pmeta = {"torch_version": torch.__version__, "made_by": "make_fixtures.py", "default_options": DEFAULT_OPTS}
    dump(os.path.join(HERE, "printing.json"), pmeta, PRINT_CASES)

    gc = gen_gradcheck()
    dump(os.path.join(HERE, "gradcheck.json"), gc["meta"], gc["cases"])

    counts = collections.Counter(c["op"] if "code" not in c else c["id"].split("/")[0] for c in CASES)
    nerr = sum(1 for c in CASES if "error" in c)
    print("ops.json: %d cases (%d error cases), %d ops" % (len(CASES), nerr, len(counts)))
    for op, n in sorted(counts.items()):
        print("  %-24s %d" % (op, n))
    print("printing.json: %d cases" % len(PRINT_CASES))
    print("gradcheck.json: %d cases" % len(gc["cases"]))
    for fn in ("ops.json", "printing.json", "gradcheck.json"):
        p = os.path.join(HERE, fn)
        print("  %-16s %8d bytes" % (fn, os.path.getsize(p)))


if __name__ == "__main__":
    main()
