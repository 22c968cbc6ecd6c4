#!/usr/bin/env python3
"""Golden fixtures for wick's linear algebra (matmul, mm, bmm, addmm, mv, dot, outer).

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_linalg_fixtures.py

Writes linalg.json next to this file: what ops.json covers for these ops, plus
  * the whole autograd graph below the result ("graph": grad_fn names nested with their
    next_functions, as `Name(child, child)`, `None` for an input without grad), for every
    branch of torch.matmul's decomposition and each requires_grad combination;
  * strided inputs (transposed, expanded, sliced), given as a flat "storage" with
    "strides"/"offset": the test builds the same strided leaf (PyTorch: as_strided(...).detach());
  * zero-size operands, integer dtypes, addmm's beta/alpha corner cases;
  * error messages for bad arguments.
Same format as ops.json (Tests/Fixtures/README.md). Deterministic: inputs come from a
torch.Generator seeded with crc32(case id); cotangents with crc32("grad:" + case id).
"""

import json
import math
import os
import zlib

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)
f32, f64, i64, i32, bol = torch.float32, torch.float64, torch.int64, torch.int32, torch.bool
CASES = []


import sys  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import fnum, enc_t  # noqa: E402  (the shared tensor encoders)


def enc_input(t):
    """Contiguous inputs as usual; strided ones with their storage, strides and offset."""
    d = enc_t(t)
    d["requires_grad"] = t.requires_grad
    if not t.is_contiguous() or t.storage_offset() != 0:
        base = torch.as_strided(t.detach(), (t.untyped_storage().nbytes() // t.element_size(),), (1,), 0)
        d["storage"] = enc_t(base)["values"]
        d["strides"] = list(t.stride())
        d["offset"] = t.storage_offset()
    return d


def graph(fn):
    if fn is None:
        return "None"
    kids = [graph(n) for n, _ in fn.next_functions]
    name = type(fn).__name__
    return name + ("(" + ", ".join(kids) + ")" if kids else "")


class Rand:
    def __init__(self, key):
        self.g = torch.Generator().manual_seed(zlib.crc32(key.encode()))

    def f(self, *shape, dt=f32, rg=True):
        t = (torch.randn(shape, generator=self.g, dtype=f64).mul(1000).round() / 1000).to(dt)
        return t.requires_grad_(rg) if dt.is_floating_point else t

    def i(self, *shape, dt=i64):
        return torch.randint(-5, 6, shape, generator=self.g, dtype=dt)


def case(cid, op, make, kwargs=None, err=False):
    """make(rand) -> list of input tensors; the op is torch.<op>(*inputs, **kwargs)."""
    kwargs = kwargs or {}
    inputs = make(Rand(cid))
    rec = {"id": cid, "op": op, "inputs": [enc_input(t) for t in inputs], "kwargs": kwargs}
    fn = {"matmul": torch.matmul, "mm": torch.mm, "bmm": torch.bmm, "addmm": torch.addmm,
          "mv": torch.mv, "dot": torch.dot, "outer": torch.outer}[op]
    try:
        out = fn(*inputs, **kwargs)
    except Exception as e:  # noqa: BLE001
        if not err:
            raise
        rec["error"] = {"type": type(e).__name__, "message": str(e)}
        CASES.append(rec)
        return
    assert not err, cid + " did not raise"
    rec["output"] = enc_t(out)
    rec["grad_fn"] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    rec["graph"] = graph(out.grad_fn)
    if out.requires_grad:
        g = torch.Generator().manual_seed(zlib.crc32(("grad:" + cid).encode()))
        go = (torch.randn(out.shape, generator=g, dtype=f64).mul(1000).round() / 1000).to(out.dtype)
        leaves = [t for t in inputs if t.requires_grad]
        grads = torch.autograd.grad(out, leaves, go, allow_unused=True)
        it = iter(grads)
        rec["grad_output"] = enc_t(go)
        rec["grads"] = [enc_t(next(it)) if t.requires_grad else None for t in inputs]
    CASES.append(rec)


def strided(t, rg=True):
    """A strided leaf: the same view, detached, requiring grad."""
    t = t.detach()
    return t.requires_grad_(rg) if t.is_floating_point() else t


# --- matmul: every branch, each requires_grad combination --------------------------------
SHAPES = [
    ((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)),
    ((2, 3, 4), (4,)), ((3,), (2, 3, 4)), ((2, 2, 3, 4), (4,)), ((4,), (2, 2, 4, 3)),
    ((2, 3, 4), (4, 2)), ((3, 4), (2, 4, 2)), ((5, 2, 3), (3, 2)), ((2, 2, 3, 4), (4, 2)),
    ((2, 3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)), ((1, 3, 4), (2, 4, 2)),
    ((2, 3, 4), (1, 4, 2)), ((1, 3, 4), (1, 4, 2)), ((2, 1, 2, 3), (1, 3, 3, 2)),
    ((3, 2, 3), (3, 3)), ((3,), (1, 3, 2)),
]
for sa, sb in SHAPES:
    name = "x".join(map(str, sa)) + "_" + "x".join(map(str, sb))
    for ra, rb in [(True, True), (True, False), (False, True)]:
        case(f"matmul/{name}/{'TF'[not ra]}{'TF'[not rb]}", "matmul",
             lambda r, sa=sa, sb=sb, ra=ra, rb=rb: [r.f(*sa, rg=ra), r.f(*sb, rg=rb)])
case("matmul/f64_3d_2d", "matmul", lambda r: [r.f(2, 3, 4, dt=f64), r.f(4, 2, dt=f64)])
case("matmul/int64_3d_3d", "matmul", lambda r: [r.i(2, 3, 4), r.i(2, 4, 2)])
case("matmul/int64_3d_1d", "matmul", lambda r: [r.i(2, 3, 4), r.i(4)])
case("matmul/int32_1d_3d", "matmul", lambda r: [r.i(3, dt=i32), r.i(2, 3, 4, dt=i32)])
case("matmul/int64_1d_2d", "matmul", lambda r: [r.i(3), r.i(3, 2)])

# --- strided operands -------------------------------------------------------------------
case("matmul/transposed_batch_1d", "matmul", lambda r: [strided(r.f(2, 3, 4).transpose(0, 1), False), r.f(4, rg=False)])
case("matmul/transposed_batch_1d_rg", "matmul", lambda r: [strided(r.f(2, 3, 4).transpose(0, 1)), r.f(4, rg=False)])
case("matmul/transposed_4d_2d", "matmul", lambda r: [strided(r.f(2, 3, 4, 5).transpose(0, 1)), r.f(5, 2, rg=False)])
case("matmul/expanded_batch", "matmul", lambda r: [strided(r.f(3, 4).expand(2, 3, 4)), r.f(2, 4, 5)])
# should_fold on strided batches: fold (mm) when t1.view(-1, t1.size(-1)) needs no copy
for k, (shape, strides) in enumerate([((2, 1, 3, 4), (12, 99, 4, 1)), ((1, 2, 3, 4), (7, 12, 4, 1)),
                                      ((2, 3, 1, 4), (12, 4, 50, 1)), ((3, 2, 4), (4, 12, 1)),
                                      ((2, 3, 4), (13, 4, 1)), ((2, 1, 4), (4, 9, 1))]):
    case(f"matmul/fold_strided_{k}", "matmul",
         lambda r, shape=shape, strides=strides: [strided(r.f(120).as_strided(shape, strides)), r.f(4, 2, rg=False)])
case("mm/a_transposed", "mm", lambda r: [strided(r.f(3, 2).t()), r.f(3, 4)])
case("mm/b_transposed", "mm", lambda r: [r.f(2, 3), strided(r.f(4, 3).t())])
case("mm/both_transposed_f64", "mm", lambda r: [strided(r.f(3, 2, dt=f64).t()), strided(r.f(4, 3, dt=f64).t())])
case("mm/sliced_columns", "mm", lambda r: [strided(r.f(2, 6)[:, ::2]), r.f(3, 4)])
case("mm/offset_rows", "mm", lambda r: [strided(r.f(4, 3)[1:3]), strided(r.f(5, 4)[2:])])
case("mm/expanded_rows", "mm", lambda r: [strided(r.f(1, 3).expand(4, 3)), r.f(3, 2)])
case("mm/expanded_cols", "mm", lambda r: [r.f(2, 3), strided(r.f(3, 1).expand(3, 5))])
case("mm/column_times_row", "mm", lambda r: [strided(r.f(1, 4).t()), strided(r.f(3, 1).t())])
case("mm/int64_transposed", "mm", lambda r: [strided(r.i(3, 2).t()), r.i(3, 4)])
case("mm/int32", "mm", lambda r: [r.i(2, 3, dt=i32), r.i(3, 2, dt=i32)])
case("mm/int64_wraps", "mm", lambda r: [torch.tensor([[2 ** 62, 2 ** 62 + 1]]), torch.tensor([[4], [3]])])
case("bmm/transposed_items", "bmm", lambda r: [strided(r.f(2, 3, 2).transpose(1, 2)), strided(r.f(2, 4, 3).transpose(1, 2))])
case("bmm/batch_transposed", "bmm", lambda r: [strided(r.f(2, 2, 3).transpose(0, 1)), r.f(2, 3, 2)])
case("bmm/expanded_batch", "bmm", lambda r: [strided(r.f(1, 2, 3).expand(3, 2, 3)), r.f(3, 3, 2)])
case("bmm/int64", "bmm", lambda r: [r.i(2, 2, 3), r.i(2, 3, 4)])
case("mv/transposed", "mv", lambda r: [strided(r.f(3, 2).t()), r.f(3)])
case("mv/strided_vec", "mv", lambda r: [r.f(2, 3), strided(r.f(6)[::2])])
case("mv/expanded_vec", "mv", lambda r: [r.f(2, 3), strided(r.f(1).expand(3))])
case("mv/int32", "mv", lambda r: [r.i(2, 3, dt=i32), r.i(3, dt=i32)])
case("dot/strided", "dot", lambda r: [strided(r.f(6)[1::2]), strided(r.f(9)[::3])])
case("dot/expanded", "dot", lambda r: [strided(r.f(1).expand(4)), r.f(4)])
case("dot/int32_wraps", "dot", lambda r: [torch.tensor([2 ** 30, 2 ** 30], dtype=i32), torch.tensor([4, 4], dtype=i32)])
case("outer/strided", "outer", lambda r: [strided(r.f(6)[::2]), r.f(2)])
case("outer/bool", "outer", lambda r: [torch.tensor([True, False]), torch.tensor([True, True, False])])
case("outer/int64_float", "outer", lambda r: [r.i(2), r.f(3)])

# --- zero sizes ---------------------------------------------------------------------------
case("mm/empty_inner", "mm", lambda r: [r.f(2, 0), r.f(0, 3)])
case("mm/empty_rows", "mm", lambda r: [r.f(0, 3), r.f(3, 2)])
case("mm/empty_cols", "mm", lambda r: [r.f(2, 3), r.f(3, 0)])
case("mm/bool_empty_inner", "mm", lambda r: [torch.zeros(2, 0, dtype=bol), torch.zeros(0, 2, dtype=bol)])
case("matmul/empty_inner_3d", "matmul", lambda r: [r.f(2, 2, 0), r.f(2, 0, 3)])
case("matmul/empty_batch", "matmul", lambda r: [r.f(0, 2, 3), r.f(3, 2)])
case("matmul/empty_last_fold", "matmul", lambda r: [r.f(3, 5, 0), r.f(0, 0)])
case("matmul/empty_1d_2d", "matmul", lambda r: [r.f(0), r.f(0, 3)])
case("dot/empty", "dot", lambda r: [r.f(0), r.f(0)])
case("mv/empty_inner", "mv", lambda r: [r.f(2, 0), r.f(0)])
case("bmm/empty_inner", "bmm", lambda r: [r.f(2, 3, 0), r.f(2, 0, 4)])

# --- addmm --------------------------------------------------------------------------------
case("addmm/bias_0d", "addmm", lambda r: [r.f(), r.f(2, 3), r.f(3, 2)])
case("addmm/bias_2x1", "addmm", lambda r: [r.f(2, 1), r.f(2, 3), r.f(3, 2)], {"beta": -1.5})
case("addmm/alpha_zero", "addmm", lambda r: [r.f(2, 2), r.f(2, 3), r.f(3, 2)], {"alpha": 0})
case("addmm/transposed_mats", "addmm", lambda r: [r.f(3), strided(r.f(4, 2).t()), strided(r.f(3, 4).t())], {"beta": 2, "alpha": 0.5})
case("addmm/empty_inner_beta3", "addmm", lambda r: [r.f(2, 2), r.f(2, 0), r.f(0, 2)], {"beta": 3})
case("addmm/empty_inner_beta0", "addmm", lambda r: [torch.tensor([[float("nan"), 1.0]]), r.f(2, 0), r.f(0, 2)], {"beta": 0})
case("addmm/int64_float_scalars", "addmm", lambda r: [r.i(2, 2), r.i(2, 3), r.i(3, 2)], {"beta": 2.5, "alpha": 1.5})
case("addmm/int32", "addmm", lambda r: [r.i(2, dt=i32), r.i(2, 3, dt=i32), r.i(3, 2, dt=i32)], {"beta": 2, "alpha": 3})
case("addmm/nograd_bias", "addmm", lambda r: [r.f(2, 2, rg=False), r.f(2, 3), r.f(3, 2, rg=False)])

# --- errors -------------------------------------------------------------------------------
Z = torch.zeros
ERRORS = [
    ("mm", lambda r: [Z(3), Z(3, 2)]), ("mm", lambda r: [Z(3, 2), Z(3)]), ("mm", lambda r: [Z(()), Z(3, 2)]),
    ("mm", lambda r: [Z(2, 3), Z(4, 2, dtype=f64)]), ("mm", lambda r: [Z(2, 3, dtype=i64), Z(3, 2)]),
    ("mm", lambda r: [Z(2, 3, dtype=i32), Z(3, 2, dtype=i64)]), ("mm", lambda r: [Z(2, 3, dtype=bol), Z(3, 2)]),
    ("mm", lambda r: [Z(2, 3, dtype=bol), Z(3, 2, dtype=bol)]),
    ("bmm", lambda r: [Z(2, 2, 3), Z(2, 3)]), ("bmm", lambda r: [Z(2, 2, 3), Z(2, 4, 3)]),
    ("bmm", lambda r: [Z(2, 2, 3), Z(2, 3, 4, dtype=f64)]), ("bmm", lambda r: [Z(2, 2, 3, dtype=i64), Z(2, 3, 4)]),
    ("bmm", lambda r: [Z(2, 2, 3, dtype=bol), Z(2, 3, 4)]), ("bmm", lambda r: [Z(()), Z(3, 2)]),
    ("mv", lambda r: [Z(3), Z(3)]), ("mv", lambda r: [Z(2, 3), Z(3, 1)]), ("mv", lambda r: [Z(()), Z(3)]),
    ("mv", lambda r: [Z(2, 3), Z(())]), ("mv", lambda r: [Z(2, 3, dtype=f64), Z(3)]),
    ("mv", lambda r: [Z(2, 3, dtype=bol), Z(3, dtype=bol)]), ("mv", lambda r: [Z(2, 3), Z(4, dtype=f64)]),
    ("dot", lambda r: [Z(3), Z(3, 1)]), ("dot", lambda r: [Z(()), Z(())]), ("dot", lambda r: [Z(3), Z(4, dtype=f64)]),
    ("dot", lambda r: [Z(3, dtype=bol), Z(3, dtype=bol)]), ("dot", lambda r: [Z(3, dtype=i32), Z(3, dtype=i64)]),
    ("outer", lambda r: [Z(2, 2), Z(3)]), ("outer", lambda r: [Z(2), Z(3, 3)]), ("outer", lambda r: [Z(()), Z(3)]),
    ("addmm", lambda r: [Z(2, 2), Z(3), Z(3, 2)]), ("addmm", lambda r: [Z(2, 2), Z(2, 3), Z(3)]),
    ("addmm", lambda r: [Z(2, 2), Z(2, 3), Z(4, 2)]), ("addmm", lambda r: [Z(3, 2), Z(2, 3), Z(3, 2)]),
    ("addmm", lambda r: [Z(1, 2, 2), Z(2, 3), Z(3, 2)]), ("addmm", lambda r: [Z(2, 2, dtype=f64), Z(2, 3), Z(3, 2)]),
    ("addmm", lambda r: [Z(2, 2), Z(2, 3, dtype=f64), Z(3, 2)]), ("addmm", lambda r: [Z(2, 2), Z(2, 3), Z(3, 2, dtype=f64)]),
    ("addmm", lambda r: [Z(2, 2, dtype=bol), Z(2, 3, dtype=bol), Z(3, 2, dtype=bol)]),
    ("addmm", lambda r: [Z(1, 2, 2), Z(2, 3), Z(4, 2)]),
    ("matmul", lambda r: [Z(()), Z(())]), ("matmul", lambda r: [Z(2, 2), Z(())]),
    ("matmul", lambda r: [Z(3), Z(3, dtype=f64)]), ("matmul", lambda r: [Z(2, 3), Z(3, dtype=f64)]),
    ("matmul", lambda r: [Z(3), Z(3, 2, dtype=f64)]), ("matmul", lambda r: [Z(2, 2, 3), Z(2, 3, 2, dtype=f64)]),
    ("matmul", lambda r: [Z(2, 2, 3), Z(3, 2, dtype=f64)]), ("matmul", lambda r: [Z(2, 3), Z(4)]),
    ("matmul", lambda r: [Z(3), Z(4, 2)]), ("matmul", lambda r: [Z(2, 2, 3), Z(4)]),
    ("matmul", lambda r: [Z(3), Z(2, 4, 2)]), ("matmul", lambda r: [Z(2, 2, 3), Z(4, 2)]),
    ("matmul", lambda r: [Z(2, 3), Z(2, 4, 2)]), ("matmul", lambda r: [Z(3, 2, 2, 3), Z(2, 4, 2)]),
    ("matmul", lambda r: [Z(2, 3, dtype=bol), Z(3, 2, dtype=bol)]), ("matmul", lambda r: [Z(3, dtype=bol), Z(3, dtype=bol)]),
    ("matmul", lambda r: [Z(2, 3, dtype=i32), Z(3, dtype=i64)]),
]
for k, (op, make) in enumerate(ERRORS):
    case(f"{op}/error_{k}", op, make, err=True)
case("addmm/error_float_alpha_self_dtype", "addmm", lambda r: [Z(2, dtype=i64), Z(2, 3), Z(3, 2)], err=True)

with open(os.path.join(HERE, "linalg.json"), "w") as fh:
    fh.write('{"meta": {"torch_version": %s, "made_by": "make_linalg_fixtures.py"},\n "cases": [\n'
             % json.dumps(torch.__version__))
    fh.write(",\n".join(json.dumps(c, sort_keys=True) for c in CASES))
    fh.write("\n]}\n")
print(len(CASES), "cases")
