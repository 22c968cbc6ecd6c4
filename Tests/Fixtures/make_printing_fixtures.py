#!/usr/bin/env python3
"""Randomized repr() fixtures for Wick's tensor printing, made with real PyTorch.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_printing_fixtures.py

Writes printing_extra.json next to this file, in the format of printing.json
({"cases": [{"id", "tensor": {shape, dtype, values}, "requires_grad", "options", "repr"}]})
plus two optional fields per case:
  "transpose": true   the printed tensor is tensor.t() of the stored 2-d tensor (a strided view)
  "grad_fn": "Name"   the printed tensor is the result of an op whose grad_fn has that name;
                      its values are the stored values (the op is the identity on them)

printing.json (from make_fixtures.py) holds the hand-picked cases; this file sweeps random
value mixes (magnitudes across the scientific-mode thresholds, integer-valued floats, nan,
inf, -0.0), shapes up to 4-d, and random print options (precision, threshold, edgeitems
including 0, linewidth, sci_mode), to pin down the layout rules at their boundaries.
Deterministic: a numpy Generator with a fixed seed drives everything.
"""

import json
import math
import os

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_default_dtype(torch.float32)
rng = np.random.default_rng(20250215)

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64,
          "int32": torch.int32, "bool": torch.bool}


def fnum(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def random_values(n, dtype):
    if dtype == "bool":
        return rng.random(n) < 0.5
    if dtype in ("int64", "int32"):
        scale = 10 ** int(rng.integers(0, 10 if dtype == "int64" else 9))
        return rng.integers(-scale, scale + 1, n)
    kind = rng.integers(0, 6)
    if kind == 0:   # ordinary values
        v = rng.normal(0, 10 ** rng.uniform(-2, 3), n)
    elif kind == 1:  # integer valued
        v = np.round(rng.normal(0, 10 ** rng.uniform(0, 9), n))
    elif kind == 2:  # magnitudes around the ratio-1000 and 1e-4 / 1e8 thresholds
        v = rng.choice([1.0, -1.0], n) * 10 ** rng.uniform(-5, 9, n)
    elif kind == 3:  # rounded decimals (ties for the formatter)
        v = np.round(rng.normal(0, 100, n), int(rng.integers(0, 6)))
    elif kind == 4:  # huge range
        v = rng.choice([1.0, -1.0], n) * 10 ** rng.uniform(-40, 40, n)
    else:           # few distinct values
        v = rng.choice([0.5, 2.0, 1e-3, 999.0, 1000.0, 1001.0, 9.99995], n)
    v = v.astype(np.float64)
    for special in (float("nan"), float("inf"), float("-inf"), -0.0, 0.0):
        if rng.random() < 0.12:
            v[rng.integers(0, n)] = special
    return v


def random_shape():
    ndim = int(rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4]))
    big = rng.random() < 0.25
    limit = {0: 2, 1: 1500, 2: 45, 3: 13, 4: 7}[ndim] if big else 7
    return [int(rng.integers(1, limit)) for _ in range(ndim)]


def random_options():
    o = {"precision": 4, "threshold": 1000, "edgeitems": 3, "linewidth": 80, "sci_mode": None}
    if rng.random() < 0.5:
        o["precision"] = int(rng.integers(0, 9))
    if rng.random() < 0.4:
        o["threshold"] = int(rng.choice([0, 1, 5, 20, 100]))
    if rng.random() < 0.4:
        o["edgeitems"] = int(rng.choice([0, 1, 2, 4, 5]))
    if rng.random() < 0.5:
        o["linewidth"] = int(rng.integers(5, 160))
    if rng.random() < 0.3:
        o["sci_mode"] = bool(rng.random() < 0.5)
    return o


def main():
    cases = []
    for i in range(400):
        dtype = str(rng.choice(list(DTYPES), p=[0.45, 0.2, 0.15, 0.1, 0.1]))
        shape = random_shape()
        n = int(np.prod(shape)) if shape else 1
        values = random_values(n, dtype)
        t = torch.tensor(values, dtype=DTYPES[dtype]).reshape(shape)
        case = {"id": f"random/{i:03d}"}
        printed = t
        if len(shape) == 2 and rng.random() < 0.3:
            printed = t.t()
            case["transpose"] = True
        requires_grad = dtype.startswith("float") and rng.random() < 0.3
        if requires_grad:
            t.requires_grad_(True)
            printed = t.t() if case.get("transpose") else t
            if rng.random() < 0.5:
                printed = printed * 1 if rng.random() < 0.5 else printed.clone()
                case["grad_fn"] = type(printed.grad_fn).__name__
        options = random_options()
        torch.set_printoptions(**options)
        text = repr(printed)
        torch.set_printoptions(profile="default", sci_mode=None)
        stored = t.detach()
        case.update({
            "tensor": {"shape": shape, "dtype": dtype,
                       "values": [bool(x) if dtype == "bool" else (int(x) if dtype.startswith("int") else fnum(x))
                                  for x in stored.reshape(-1).tolist()]},
            "requires_grad": requires_grad and "grad_fn" not in case,
            "options": options,
            "repr": text,
        })
        cases.append(case)
    meta = {"torch_version": torch.__version__, "made_by": "make_printing_fixtures.py"}
    with open(os.path.join(HERE, "printing_extra.json"), "w") as f:
        json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    print("printing_extra.json: %d cases" % len(cases))


if __name__ == "__main__":
    main()
