#!/usr/bin/env python3
"""Golden fixtures for the activations and losses of torch.nn.functional and torch.nn.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_activations_losses_fixtures.py

Writes activations.json and losses.json next to this file, in the format of ops.json (see
README.md), reusing make_fixtures.py's recorder. An op case with "op": "cross_entropy" calls
torch.nn.functional.cross_entropy (the functional namespace is searched before torch).
Two extra kinds of case, written by this script:
  "op": "inplace"  {"function", "kwargs", "inputs": [x]}: y = x.clone(); F.function(y,
                   inplace=True, **kwargs); records y ("output"), its grad_fn, and x.grad
                   after y.backward(grad_output).
  "op": "module"   {"module", "kwargs", "inputs", "repr"}: m = nn.<module>(**kwargs);
                   repr(m), m(*inputs) as "output"/"grad_fn", the input gradients ("grads")
                   and, for modules with parameters, "param_grads" {name: tensor}.  A tensor
                   keyword argument is written {"tensor": {...}}. With "clone_inputs" (inplace=True modules) m runs on clones of the inputs.
  "op": "chain"    {"function", "inputs", "args", "kwargs", "chain"}: the grad_fn graph of
                   F.function(...) as nested [name, [children]] lists, a few levels deep,
                   with None edges left out.
Deterministic: inputs come from literals or numpy Generators seeded from the group name.
"""

import collections
import os
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as Fn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_fixtures as mf  # noqa: E402
from make_fixtures import T, V, F, I, f32, f64, i64, i32, INF, NAN  # noqa: E402

FUNCTIONAL = {"relu6", "leaky_relu", "prelu", "elu", "selu", "celu", "gelu", "silu", "mish", "hardtanh",
              "softplus", "softsign", "softmax", "log_softmax", "logsigmoid", "relu", "sigmoid", "tanh",
              "mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss", "cross_entropy", "nll_loss",
              "binary_cross_entropy", "binary_cross_entropy_with_logits", "kl_div", "cosine_embedding_loss",
              "triplet_margin_loss", "one_hot", "normalize", "cosine_similarity", "pairwise_distance"}


class TorchThenFunctional:
    """Stands in for `torch` inside make_fixtures: functional names resolve to F.<name>."""

    def __getattr__(self, name):
        if name in FUNCTIONAL:
            return getattr(Fn, name)
        return getattr(torch, name)


mf.torch = TorchThenFunctional()
C = mf.C


def fresh():
    mf.CASES = []
    mf.IDS = set()


def INPLACE(cid, function, x, kw=None):
    kw = kw or {}
    assert cid not in mf.IDS, cid
    mf.IDS.add(cid)
    rec = collections.OrderedDict(id=cid, op="inplace", method=False, function=function)
    d = mf.enc_t(x)
    d["requires_grad"] = True
    rec["inputs"] = [d]
    rec["args"] = []
    rec["kwargs"] = {k: mf.enc_arg(v) for k, v in kw.items()}
    y = x.clone()
    getattr(Fn, function)(y, inplace=True, **kw)
    rec["output"] = mf.enc_t(y)
    rec["grad_fn"] = type(y.grad_fn).__name__
    go = mf.cotangent(cid, y)
    rec["grad_output"] = mf.enc_t(go)
    y.backward(go)
    rec["grads"] = [mf.enc_t(x.grad)]
    mf.CASES.append(rec)


def MOD(cid, module, ins, kw=None, seed=0):
    kw = kw or {}
    assert cid not in mf.IDS, cid
    mf.IDS.add(cid)
    rec = collections.OrderedDict(id=cid, op="module", method=False, module=module)
    rec["inputs"] = []
    for t in ins:
        d = mf.enc_t(t)
        d["requires_grad"] = bool(t.requires_grad)
        rec["inputs"].append(d)
    rec["args"] = []
    rec["kwargs"] = {k: {"tensor": mf.enc_t(v)} if isinstance(v, torch.Tensor) else mf.enc_arg(v) for k, v in kw.items()}
    torch.manual_seed(seed)
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        m = getattr(nn, module)(**kw)
        rec["repr"] = repr(m)
        if kw.get("inplace"):
            rec["clone_inputs"] = True
            out = m(*[t.clone() for t in ins])
        else:
            out = m(*ins)
    rec["output"] = mf.enc_t(out)
    rec["grad_fn"] = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    if out.requires_grad:
        go = mf.cotangent(cid, out)
        rec["grad_output"] = mf.enc_t(go)
        out.backward(go)
    else:
        rec["grad_output"] = None
    rec["grads"] = [mf.enc_t(t.grad) if t.requires_grad and t.grad is not None else None for t in ins]
    params = {n: mf.enc_t(p.grad) for n, p in m.named_parameters() if p.grad is not None}
    if params:
        rec["param_grads"] = params
    if ws:
        rec["warnings"] = mf.fmt_warnings(ws)
    mf.CASES.append(rec)


def chain_of(fn, depth):
    """[name, [children]] of a grad_fn down to `depth` levels, leaving out None edges."""
    if fn is None:
        return None
    name = type(fn).__name__
    if depth == 0:
        return [name, []]
    return [name, [chain_of(n, depth - 1) for n, _ in fn.next_functions if n is not None]]


def CHAIN(cid, function, ins, args=(), kw=None, depth=3):
    """The grad_fn graph of F.function(*args, **kw) to `depth` levels ("chain")."""
    kw = kw or {}
    assert cid not in mf.IDS, cid
    mf.IDS.add(cid)
    rec = collections.OrderedDict(id=cid, op="chain", method=False, function=function)
    rec["inputs"] = []
    for t in ins:
        d = mf.enc_t(t)
        d["requires_grad"] = bool(t.requires_grad)
        rec["inputs"].append(d)
    rec["args"] = [mf.enc_arg(a) for a in args]
    rec["kwargs"] = {k: mf.enc_arg(v) for k, v in kw.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = getattr(Fn, function)(*mf.resolve(tuple(args), ins), **mf.resolve(kw, ins))
    rec["chain"] = chain_of(out.grad_fn, depth)
    mf.CASES.append(rec)


# --------------------------------------------------------------------------
# activations
# --------------------------------------------------------------------------

def gen_activations():
    mf.seed("activations/basic")
    edge = [-3.0, -1.0, -0.5, 0.0, 0.25, 1.0, 2.5, 6.0, 7.5]
    for op in ["relu6", "leaky_relu", "elu", "selu", "celu", "gelu", "silu", "mish", "hardtanh", "softplus",
               "softsign", "logsigmoid"]:
        C(f"{op}/f32_3x4", op, [F(3, 4, lo=-4, hi=4)], [T(0)])
        C(f"{op}/f64_edges", op, [V(edge, dt=f64)], [T(0)])
        C(f"{op}/f32_transposed", op, [F(4, 3, lo=-3, hi=3)], [T(0)])
    for op in ["leaky_relu", "elu", "selu", "celu", "gelu", "silu", "mish", "softplus", "logsigmoid"]:
        C(f"{op}/int_error", op, [V([1, -2, 3])], [T(0)], err=True)
    C("relu6/int64", "relu6", [V([-3, 2, 9])], [T(0)])
    C("hardtanh/int64", "hardtanh", [V([-3, 0, 9])], [T(0)])
    C("leaky_relu/slope_0.2", "leaky_relu", [F(2, 5)], [T(0), 0.2])
    C("leaky_relu/negative_slope_kw", "leaky_relu", [F(6, dt=f64)], [T(0)], {"negative_slope": -0.5})
    C("elu/alpha_0.5", "elu", [F(2, 5, lo=-3, hi=3)], [T(0)], {"alpha": 0.5})
    C("celu/alpha_2", "celu", [F(2, 5, lo=-3, hi=3, dt=f64)], [T(0)], {"alpha": 2.0})
    C("celu/alpha_0_error", "celu", [F(3)], [T(0)], {"alpha": 0.0}, err=True)
    C("gelu/tanh_f32", "gelu", [F(3, 4, lo=-4, hi=4)], [T(0)], {"approximate": "tanh"})
    C("gelu/tanh_f64", "gelu", [V(edge, dt=f64)], [T(0)], {"approximate": "tanh"})
    C("gelu/bad_approximate", "gelu", [F(3)], [T(0)], {"approximate": "foo"}, err=True)
    C("hardtanh/bounds", "hardtanh", [F(3, 4, lo=-3, hi=3)], [T(0), -0.5, 2.0])
    C("hardtanh/min_gt_max", "hardtanh", [F(3)], [T(0), 2.0, 1.0], err=True)
    C("softplus/beta2_threshold1", "softplus", [F(3, 4, lo=-2, hi=2)], [T(0)], {"beta": 2.0, "threshold": 1.0})
    C("softplus/large", "softplus", [V([-100.0, -20.0, 0.0, 19.0, 21.0, 100.0], dt=f64)], [T(0)])
    C("logsigmoid/large", "logsigmoid", [V([-100.0, -20.0, 0.0, 20.0, 100.0])], [T(0)])
    C("silu/large", "silu", [V([-100.0, -20.0, 0.0, 20.0, 100.0])], [T(0)])
    C("mish/large", "mish", [V([-100.0, -20.0, 0.0, 20.0, 100.0])], [T(0)])
    C("softsign/int64", "softsign", [V([-3, 0, 9])], [T(0)])
    C("elu/nan", "elu", [V([NAN, -1.0, 1.0])], [T(0)])

    mf.seed("activations/prelu")
    C("prelu/single_weight", "prelu", [F(2, 3, 4), V([0.25])], [T(0), T(1)])
    C("prelu/per_channel", "prelu", [F(2, 3, 4), F(3)], [T(0), T(1)])
    C("prelu/per_channel_4d", "prelu", [F(2, 3, 2, 2, dt=f64), F(3, dt=f64)], [T(0), T(1)])
    C("prelu/1d_input", "prelu", [F(5), V([0.1])], [T(0), T(1)])
    C("prelu/0d_weight", "prelu", [F(2, 3), V(0.3)], [T(0), T(1)])
    C("prelu/mismatch", "prelu", [F(2, 3), F(2)], [T(0), T(1)], err=True)
    C("prelu/weight_2d", "prelu", [F(2, 3), F(1, 3)], [T(0), T(1)], err=True)
    C("prelu/zero_dim_input", "prelu", [V(1.0), F(2)], [T(0), T(1)], err=True)
    C("prelu/type_promotion", "prelu", [V([1, -2]), V([0.25])], [T(0), T(1)], err=True)

    mf.seed("activations/softmax")
    for op in ["softmax", "log_softmax"]:
        C(f"{op}/dim1_f32", op, [F(3, 5, lo=-3, hi=3)], [T(0), 1])
        C(f"{op}/dim0_f32", op, [F(3, 5, lo=-3, hi=3)], [T(0), 0])
        C(f"{op}/dim_neg1_3d_f64", op, [F(2, 3, 4, dt=f64)], [T(0), -1])
        C(f"{op}/dim1_3d_f64", op, [F(2, 3, 4, dt=f64)], [T(0), 1])
        C(f"{op}/large_values", op, [V([[1000.0, 1001.0, 999.0], [-1000.0, -1000.0, -1002.0]])], [T(0), 1])
        C(f"{op}/inf", op, [V([[-INF, 0.0, 1.0], [2.0, -INF, -INF]])], [T(0), 1])
        C(f"{op}/0d", op, [V(2.5)], [T(0), 0])
        C(f"{op}/dtype_f64", op, [F(2, 3)], [T(0), 1], {"dtype": f64})
        C(f"{op}/int_error", op, [V([1, 2, 3])], [T(0), 0], err=True)
        C(f"{op}/int_dtype", op, [V([1, 2, 3])], [T(0), 0], {"dtype": f32})
        C(f"{op}/dim_error", op, [F(2, 3)], [T(0), 2], err=True)
        C(f"{op}/implicit_dim_2d", op, [F(2, 3)], [T(0)])
        C(f"{op}/implicit_dim_3d", op, [F(2, 3, 2)], [T(0)])
        C(f"{op}/transposed", op, [F(4, 3)], [T(0), 0])
        C(f"{op}/wide_row_200", op, [F(2, 200, lo=-5, hi=5)], [T(0), 1])

    mf.seed("activations/inplace")
    for fn, kw in [("relu6", {}), ("leaky_relu", {"negative_slope": 0.1}), ("elu", {"alpha": 0.7}), ("selu", {}),
                   ("celu", {"alpha": 1.5}), ("silu", {}), ("mish", {}), ("hardtanh", {"min_val": -0.5, "max_val": 0.5}),
                   ("relu", {})]:
        INPLACE(f"inplace/{fn}", fn, F(3, 4, lo=-2, hi=2, dt=f64), kw)

    mf.seed("activations/chains")
    CHAIN("chain/softsign", "softsign", [F(3)], [T(0)])
    CHAIN("chain/prelu_per_channel", "prelu", [F(2, 3), F(3)], [T(0), T(1)])
    CHAIN("chain/softmax_dtype", "softmax", [F(2, 3)], [T(0), 1], {"dtype": f64})

    mf.seed("activations/modules")
    x = lambda: F(2, 3, lo=-3, hi=3)  # noqa: E731
    for name, kw in [("ReLU", {}), ("ReLU", {"inplace": True}), ("ReLU6", {}), ("ReLU6", {"inplace": True}),
                     ("LeakyReLU", {}), ("LeakyReLU", {"negative_slope": 0.2, "inplace": True}),
                     ("ELU", {}), ("ELU", {"alpha": 0.5, "inplace": True}), ("SELU", {}), ("SELU", {"inplace": True}),
                     ("CELU", {}), ("CELU", {"alpha": 2.0}), ("GELU", {}), ("GELU", {"approximate": "tanh"}),
                     ("SiLU", {}), ("SiLU", {"inplace": True}), ("Mish", {}), ("Mish", {"inplace": True}),
                     ("Sigmoid", {}), ("Tanh", {}), ("Hardtanh", {}), ("Hardtanh", {"min_val": -2.0, "max_val": 0.5}),
                     ("Softplus", {}), ("Softplus", {"beta": 2.0, "threshold": 10.0}), ("Softsign", {}),
                     ("Softmax", {"dim": 1}), ("Softmax", {"dim": -1}), ("Softmax", {}), ("LogSoftmax", {"dim": 1}),
                     ("LogSoftmax", {}), ("PReLU", {}), ("PReLU", {"num_parameters": 3, "init": 0.1})]:
        tag = "_".join(f"{k}{v}" for k, v in kw.items()) or "default"
        MOD(f"module/{name}_{tag}", name, [x()], kw)


# --------------------------------------------------------------------------
# losses
# --------------------------------------------------------------------------

def gen_regression():
    mf.seed("losses/regression")
    for op in ["mse_loss", "l1_loss", "smooth_l1_loss", "huber_loss"]:
        for red in ["mean", "sum", "none"]:
            C(f"{op}/{red}_f32", op, [F(3, 4), F(3, 4)], [T(0), T(1)], {"reduction": red})
        C(f"{op}/f64_both_grad", op, [F(2, 5, dt=f64), F(2, 5, dt=f64)], [T(0), T(1)])
        C(f"{op}/target_no_grad", op, [F(2, 5), F(2, 5, rg=False)], [T(0), T(1)])
        C(f"{op}/broadcast_warns", op, [F(2, 3), F(3)], [T(0), T(1)])
        C(f"{op}/size_error", op, [F(3), F(2)], [T(0), T(1)], err=True)
        C(f"{op}/bad_reduction", op, [F(3), F(3)], [T(0), T(1)], {"reduction": "foo"}, err=True)
        C(f"{op}/0d", op, [F(), F()], [T(0), T(1)])
    C("smooth_l1_loss/beta_0.5", "smooth_l1_loss", [F(3, 4), F(3, 4)], [T(0), T(1)], {"beta": 0.5})
    C("smooth_l1_loss/beta_2_sum", "smooth_l1_loss", [F(3, 4, dt=f64), F(3, 4, dt=f64)], [T(0), T(1)],
      {"beta": 2.0, "reduction": "sum"})
    C("smooth_l1_loss/beta_0", "smooth_l1_loss", [F(3, 4), F(3, 4)], [T(0), T(1)], {"beta": 0.0})
    C("smooth_l1_loss/beta_negative", "smooth_l1_loss", [F(3), F(3)], [T(0), T(1)], {"beta": -1.0}, err=True)
    C("huber_loss/delta_0.5", "huber_loss", [F(3, 4), F(3, 4)], [T(0), T(1)], {"delta": 0.5})
    C("huber_loss/delta_2_none", "huber_loss", [F(3, 4, dt=f64), F(3, 4, dt=f64)], [T(0), T(1)],
      {"delta": 2.0, "reduction": "none"})
    C("huber_loss/delta_0", "huber_loss", [F(3), F(3)], [T(0), T(1)], {"delta": 0.0}, err=True)
    C("mse_loss/int_error", "mse_loss", [V([1, 2]), V([1, 3])], [T(0), T(1)], err=True)


def gen_classification():
    mf.seed("losses/cross_entropy")
    for red in ["mean", "sum", "none"]:
        C(f"cross_entropy/indices_{red}", "cross_entropy", [F(4, 5), V([0, 3, 4, 1])], [T(0), T(1)], {"reduction": red})
        C(f"cross_entropy/weight_{red}", "cross_entropy", [F(4, 5), V([0, 3, 4, 1]), F(5, lo=0.1, hi=2, rg=False)],
          [T(0), T(1)], {"weight": T(2), "reduction": red})
        C(f"cross_entropy/ignore_{red}", "cross_entropy", [F(4, 5), V([0, -100, 4, 1])], [T(0), T(1)], {"reduction": red})
        C(f"cross_entropy/probs_{red}", "cross_entropy", [F(3, 4), torch.softmax(F(3, 4, rg=False), 1)], [T(0), T(1)],
          {"reduction": red})
        C(f"cross_entropy/probs_weight_{red}", "cross_entropy",
          [F(3, 4), torch.softmax(F(3, 4, rg=False), 1), F(4, lo=0.1, hi=2, rg=False)], [T(0), T(1)],
          {"weight": T(2), "reduction": red})
        C(f"cross_entropy/smoothing_{red}", "cross_entropy", [F(4, 5), V([0, 3, -100, 1])], [T(0), T(1)],
          {"reduction": red, "label_smoothing": 0.1})
        C(f"cross_entropy/smoothing_weight_{red}", "cross_entropy",
          [F(4, 5), V([0, 3, 2, 1]), F(5, lo=0.1, hi=2, rg=False)], [T(0), T(1)],
          {"weight": T(2), "reduction": red, "label_smoothing": 0.25})
        C(f"cross_entropy/probs_smoothing_{red}", "cross_entropy", [F(3, 4), torch.softmax(F(3, 4, rg=False), 1)],
          [T(0), T(1)], {"reduction": red, "label_smoothing": 0.2})
        C(f"cross_entropy/spatial_4d_{red}", "cross_entropy", [F(2, 3, 2, 2), I(2, 2, 2, lo=0, hi=3)], [T(0), T(1)],
          {"reduction": red})
        C(f"cross_entropy/spatial_3d_{red}", "cross_entropy", [F(2, 3, 4), I(2, 4, lo=0, hi=3)], [T(0), T(1)],
          {"reduction": red})
        C(f"cross_entropy/spatial_5d_{red}", "cross_entropy", [F(2, 3, 2, 1, 2, dt=f64), I(2, 2, 1, 2, lo=0, hi=3)],
          [T(0), T(1)], {"reduction": red})
    C("cross_entropy/f64", "cross_entropy", [F(3, 4, dt=f64), V([3, 0, 1])], [T(0), T(1)])
    C("cross_entropy/unbatched", "cross_entropy", [F(5), V(2)], [T(0), T(1)])
    C("cross_entropy/unbatched_probs", "cross_entropy", [F(5), torch.softmax(F(5, rg=False), 0)], [T(0), T(1)])
    C("cross_entropy/large_logits", "cross_entropy", [V([[1000.0, -1000.0, 0.0], [50.0, 60.0, 70.0]]), V([1, 0])],
      [T(0), T(1)])
    C("cross_entropy/all_ignored", "cross_entropy", [F(2, 3), V([-100, -100])], [T(0), T(1)])
    C("cross_entropy/ignore_index_2", "cross_entropy", [F(4, 3), V([2, 0, 2, 1])], [T(0), T(1)], {"ignore_index": 2})
    C("cross_entropy/spatial_ignore_weight", "cross_entropy",
      [F(2, 3, 2, 2), V([[[0, 1], [2, 1]], [[-100, 0], [2, 2]]]), F(3, lo=0.5, hi=1.5, rg=False)], [T(0), T(1)],
      {"weight": T(2)})
    C("cross_entropy/wide_1000", "cross_entropy", [F(8, 1000, lo=-5, hi=5), I(8, lo=0, hi=1000)], [T(0), T(1)])
    C("cross_entropy/negative_smoothing_ignored", "cross_entropy", [F(2, 3), V([0, 2])], [T(0), T(1)],
      {"label_smoothing": -0.1})
    # errors
    C("cross_entropy/bad_reduction", "cross_entropy", [F(2, 3), V([0, 2])], [T(0), T(1)], {"reduction": "foo"}, err=True)
    C("cross_entropy/smoothing_too_big", "cross_entropy", [F(2, 3), V([0, 2])], [T(0), T(1)],
      {"label_smoothing": 1.5}, err=True)
    C("cross_entropy/probs_long", "cross_entropy", [F(2, 3), V([[0, 1, 0], [1, 0, 0]])], [T(0), T(1)], err=True)
    C("cross_entropy/probs_ignore_index", "cross_entropy", [F(2, 3), torch.rand(2, 3)], [T(0), T(1)],
      {"ignore_index": 1}, err=True)
    C("cross_entropy/target_out_of_bounds", "cross_entropy", [F(2, 3), V([0, 5])], [T(0), T(1)], err=True)
    C("cross_entropy/target_negative", "cross_entropy", [F(2, 3), V([0, -3])], [T(0), T(1)], err=True)
    C("cross_entropy/batch_mismatch", "cross_entropy", [F(2, 3), V([0, 1, 2])], [T(0), T(1)], err=True)
    C("cross_entropy/float_target", "cross_entropy", [F(2, 3), V([0.0, 1.0])], [T(0), T(1)], err=True)
    C("cross_entropy/int32_target", "cross_entropy", [F(2, 3), V([0, 1], dt=i32)], [T(0), T(1)], err=True)
    C("cross_entropy/weight_size", "cross_entropy", [F(2, 3), V([0, 1]), torch.ones(2)], [T(0), T(1)],
      {"weight": T(2)}, err=True)
    C("cross_entropy/probs_weight_size", "cross_entropy", [F(2, 3), torch.rand(2, 3), torch.ones(2)], [T(0), T(1)],
      {"weight": T(2)}, err=True)
    C("cross_entropy/int_input", "cross_entropy", [V([[1, 2, 3]]), V([0])], [T(0), T(1)], err=True)
    C("cross_entropy/3d_target_size", "cross_entropy", [F(2, 3, 4), V([[0] * 5, [1] * 5])], [T(0), T(1)], err=True)
    C("cross_entropy/4d_target_size", "cross_entropy", [F(2, 3, 2, 2), torch.zeros(2, 3, 2, dtype=i64)], [T(0), T(1)],
      err=True)
    C("cross_entropy/4d_target_dim", "cross_entropy", [F(2, 3, 2, 2), torch.zeros(2, 4, dtype=i64)], [T(0), T(1)],
      err=True)
    C("cross_entropy/0d", "cross_entropy", [V(1.0), V(0)], [T(0), T(1)], err=True)
    C("cross_entropy/2d_target_for_2d_input", "cross_entropy", [F(2, 3), V([[0, 1]])], [T(0), T(1)], err=True)

    mf.seed("losses/nll")
    for red in ["mean", "sum", "none"]:
        C(f"nll_loss/{red}", "nll_loss", [F(4, 5), V([0, 3, 4, 1])], [T(0), T(1)], {"reduction": red})
        C(f"nll_loss/weight_ignore_{red}", "nll_loss", [F(4, 5, dt=f64), V([0, 3, 4, 1]), F(5, lo=0.1, hi=2, dt=f64, rg=False)],
          [T(0), T(1)], {"weight": T(2), "ignore_index": 3, "reduction": red})
    C("nll_loss/all_ignored", "nll_loss", [F(2, 3), V([-100, -100])], [T(0), T(1)])
    C("nll_loss/ignore_out_of_range_index", "nll_loss", [F(2, 3), V([7, 0])], [T(0), T(1)], {"ignore_index": 7})
    C("nll_loss/unbatched", "nll_loss", [F(3), V(1)], [T(0), T(1)])
    C("nll_loss/0d_error", "nll_loss", [V(1.0), V(0)], [T(0), T(1)], err=True)
    C("nll_loss/out_of_bounds", "nll_loss", [F(2, 3), V([0, 5])], [T(0), T(1)], err=True)
    C("nll_loss/int32_target", "nll_loss", [F(2, 3), V([0, 1], dt=i32)], [T(0), T(1)], err=True)
    C("nll_loss/3d_input_1d_target", "nll_loss", [F(2, 3, 4), V([0, 1])], [T(0), T(1)], err=True)
    C("nll_loss/weight_size", "nll_loss", [F(2, 3), V([0, 1]), torch.ones(2)], [T(0), T(1)], {"weight": T(2)}, err=True)

    mf.seed("losses/bce")
    prob = lambda *s, dt=f32: torch.rand(*s, dtype=dt).mul(0.98).add(0.01).requires_grad_()  # noqa: E731
    torch.manual_seed(1)
    for red in ["mean", "sum", "none"]:
        C(f"binary_cross_entropy/{red}", "binary_cross_entropy", [prob(3, 4), torch.rand(3, 4)], [T(0), T(1)],
          {"reduction": red})
        C(f"binary_cross_entropy/weight_{red}", "binary_cross_entropy", [prob(3, 4, dt=f64), torch.rand(3, 4, dtype=f64),
                                                                        torch.rand(4, dtype=f64)],
          [T(0), T(1)], {"weight": T(2), "reduction": red})
        C(f"binary_cross_entropy_with_logits/{red}", "binary_cross_entropy_with_logits", [F(3, 4, lo=-4, hi=4), torch.rand(3, 4)],
          [T(0), T(1)], {"reduction": red})
        C(f"binary_cross_entropy_with_logits/pos_weight_{red}", "binary_cross_entropy_with_logits",
          [F(3, 4, lo=-4, hi=4, dt=f64), torch.rand(3, 4, dtype=f64), torch.rand(4, dtype=f64) * 3], [T(0), T(1)],
          {"pos_weight": T(2), "reduction": red})
        C(f"binary_cross_entropy_with_logits/weight_pos_weight_{red}", "binary_cross_entropy_with_logits",
          [F(3, 4, lo=-4, hi=4), torch.rand(3, 4), torch.rand(3, 1), torch.rand(4) * 3], [T(0), T(1)],
          {"weight": T(2), "pos_weight": T(3), "reduction": red})
    C("binary_cross_entropy/target_grad", "binary_cross_entropy", [prob(5, dt=f64), prob(5, dt=f64)], [T(0), T(1)])
    C("binary_cross_entropy/log_clamp", "binary_cross_entropy", [V([0.0, 1.0, 0.5, 1e-30]), V([1.0, 0.0, 0.5, 1.0])],
      [T(0), T(1)], {"reduction": "none"}, backward=False)
    C("binary_cross_entropy/log_clamp_zero_target", "binary_cross_entropy", [V([0.0, 1.0, 0.5]), V([0.0, 1.0, 0.0])],
      [T(0), T(1)], {"reduction": "sum"})
    C("binary_cross_entropy/out_of_range", "binary_cross_entropy", [V([1.5, 0.5]), V([1.0, 0.0])], [T(0), T(1)], err=True)
    C("binary_cross_entropy/size_mismatch", "binary_cross_entropy", [prob(3), torch.rand(2)], [T(0), T(1)], err=True)
    C("binary_cross_entropy/long_target", "binary_cross_entropy", [prob(3), V([1, 0, 1])], [T(0), T(1)], err=True)
    C("binary_cross_entropy/bad_reduction", "binary_cross_entropy", [prob(3), torch.rand(3)], [T(0), T(1)],
      {"reduction": "avg"}, err=True)
    C("binary_cross_entropy_with_logits/target_grad", "binary_cross_entropy_with_logits",
      [F(5, dt=f64), prob(5, dt=f64)], [T(0), T(1)])
    C("binary_cross_entropy_with_logits/target_grad_pos_weight", "binary_cross_entropy_with_logits",
      [F(5, dt=f64), prob(5, dt=f64), V([0.5, 1.0, 2.0, 3.0, 4.0], dt=f64, rg=False)], [T(0), T(1)], {"pos_weight": T(2)})
    C("binary_cross_entropy_with_logits/large", "binary_cross_entropy_with_logits",
      [V([-200.0, -30.0, 0.0, 30.0, 200.0]), V([1.0, 0.0, 0.5, 1.0, 0.0])], [T(0), T(1)], {"reduction": "none"})
    C("binary_cross_entropy_with_logits/size_mismatch", "binary_cross_entropy_with_logits", [F(3), torch.rand(2)],
      [T(0), T(1)], err=True)

    mf.seed("losses/kl")
    for red in ["mean", "sum", "none", "batchmean"]:
        C(f"kl_div/{red}", "kl_div", [torch.log_softmax(F(3, 4, rg=False), 1).requires_grad_(),
                                      torch.softmax(F(3, 4, rg=False), 1)], [T(0), T(1)], {"reduction": red})
        C(f"kl_div/log_target_{red}", "kl_div", [torch.log_softmax(F(3, 4, rg=False, dt=f64), 1).requires_grad_(),
                                                 torch.log_softmax(F(3, 4, rg=False, dt=f64), 1)], [T(0), T(1)],
          {"reduction": red, "log_target": True})
    C("kl_div/zero_target", "kl_div", [F(2, 3), V([[0.0, 0.5, 0.5], [1.0, 0.0, 0.0]], rg=False)], [T(0), T(1)],
      {"reduction": "sum"})
    C("kl_div/batchmean_0d", "kl_div", [V(0.5), V(0.3, rg=False)], [T(0), T(1)], {"reduction": "batchmean"})
    C("kl_div/bad_reduction", "kl_div", [F(2, 3), F(2, 3)], [T(0), T(1)], {"reduction": "foo"}, err=True)


def gen_embedding():
    mf.seed("losses/embedding")
    for red in ["mean", "sum", "none"]:
        C(f"cosine_embedding_loss/{red}", "cosine_embedding_loss", [F(4, 5), F(4, 5), V([1, -1, 1, -1])],
          [T(0), T(1), T(2)], {"reduction": red})
        C(f"triplet_margin_loss/{red}", "triplet_margin_loss", [F(4, 5), F(4, 5), F(4, 5)], [T(0), T(1), T(2)],
          {"reduction": red})
    C("cosine_embedding_loss/margin_f64", "cosine_embedding_loss", [F(4, 5, dt=f64), F(4, 5, dt=f64), V([1, -1, -1, -1])],
      [T(0), T(1), T(2)], {"margin": 0.2})
    C("cosine_embedding_loss/unbatched", "cosine_embedding_loss", [F(5), F(5), V(-1)], [T(0), T(1), T(2)])
    C("cosine_embedding_loss/target_2d", "cosine_embedding_loss", [F(2, 3), F(2, 3), torch.ones(2, 1)],
      [T(0), T(1), T(2)], err=True)
    C("cosine_embedding_loss/0d_target_2d_input", "cosine_embedding_loss", [F(2, 3), F(2, 3), V(1.0)],
      [T(0), T(1), T(2)], err=True)
    C("cosine_embedding_loss/1d_target_1d_input", "cosine_embedding_loss", [F(3), F(3), V([1.0])],
      [T(0), T(1), T(2)], err=True)
    C("triplet_margin_loss/p1_margin_swap", "triplet_margin_loss", [F(4, 5, dt=f64), F(4, 5, dt=f64), F(4, 5, dt=f64)],
      [T(0), T(1), T(2)], {"p": 1.0, "margin": 2.0, "swap": True})
    C("triplet_margin_loss/p3", "triplet_margin_loss", [F(3, 4, dt=f64), F(3, 4, dt=f64), F(3, 4, dt=f64)],
      [T(0), T(1), T(2)], {"p": 3.0, "margin": 1.5})
    C("triplet_margin_loss/unbatched", "triplet_margin_loss", [F(5), F(5), F(5)], [T(0), T(1), T(2)])
    C("triplet_margin_loss/dim_mismatch", "triplet_margin_loss", [F(2, 3), F(3), F(2, 3)], [T(0), T(1), T(2)], err=True)
    C("triplet_margin_loss/margin_negative", "triplet_margin_loss", [F(2, 3), F(2, 3), F(2, 3)], [T(0), T(1), T(2)],
      {"margin": -1.0}, err=True)

    mf.seed("functional/distance")
    C("pairwise_distance/2d", "pairwise_distance", [F(3, 4), F(3, 4)], [T(0), T(1)])
    C("pairwise_distance/p1_keepdim_f64", "pairwise_distance", [F(3, 4, dt=f64), F(3, 4, dt=f64)], [T(0), T(1)],
      {"p": 1.0, "keepdim": True})
    C("pairwise_distance/p3_broadcast", "pairwise_distance", [F(3, 4, dt=f64), F(4, dt=f64)], [T(0), T(1)], {"p": 3.0})
    C("pairwise_distance/1d", "pairwise_distance", [F(4), F(4)], [T(0), T(1)])
    C("pairwise_distance/inf", "pairwise_distance", [F(3, 4, dt=f64), F(3, 4, dt=f64)], [T(0), T(1)], {"p": INF})
    C("cosine_similarity/dim1", "cosine_similarity", [F(3, 4), F(3, 4)], [T(0), T(1)])
    C("cosine_similarity/dim0_f64", "cosine_similarity", [F(3, 4, dt=f64), F(3, 4, dt=f64)], [T(0), T(1)], {"dim": 0})
    C("cosine_similarity/broadcast", "cosine_similarity", [F(3, 4, dt=f64), F(4, dt=f64)], [T(0), T(1)], {"dim": -1})
    C("cosine_similarity/zero_vector", "cosine_similarity", [V([[0.0, 0.0], [1.0, 2.0]]), F(2, 2)], [T(0), T(1)])
    C("cosine_similarity/int_error", "cosine_similarity", [V([1, 2]), V([3, 4])], [T(0), T(1)], {"dim": 0}, err=True)
    C("cosine_similarity/dim_error", "cosine_similarity", [F(2, 3), F(2, 3)], [T(0), T(1)], {"dim": 3}, err=True)
    C("normalize/default", "normalize", [F(3, 4)], [T(0)])
    C("normalize/p1_dim0_f64", "normalize", [F(3, 4, dt=f64)], [T(0)], {"p": 1.0, "dim": 0})
    C("normalize/zero_row", "normalize", [V([[0.0, 0.0], [3.0, 4.0]])], [T(0)])
    C("one_hot/infer", "one_hot", [V([0, 2, 1, 2])], [T(0)])
    C("one_hot/classes_5_2d", "one_hot", [V([[0, 4], [1, 3]])], [T(0), 5])
    C("one_hot/empty_classes", "one_hot", [torch.zeros(0, dtype=i64)], [T(0), 3])
    C("one_hot/float_error", "one_hot", [V([1.0], rg=False)], [T(0)], err=True)
    C("one_hot/negative_error", "one_hot", [V([-1])], [T(0)], err=True)
    C("one_hot/too_big_error", "one_hot", [V([3])], [T(0), 3], err=True)
    C("one_hot/empty_error", "one_hot", [torch.zeros(0, dtype=i64)], [T(0)], err=True)

    mf.seed("losses/chains")
    for red in ["mean", "sum", "none"]:
        CHAIN(f"chain/cross_entropy_{red}", "cross_entropy", [F(3, 4), V([0, 2, 1])], [T(0), T(1)], {"reduction": red})
        CHAIN(f"chain/cross_entropy_smoothing_{red}", "cross_entropy", [F(3, 4), V([0, 2, 1])], [T(0), T(1)],
              {"reduction": red, "label_smoothing": 0.1})
        CHAIN(f"chain/cross_entropy_probs_{red}", "cross_entropy", [F(3, 4), torch.rand(3, 4)], [T(0), T(1)],
              {"reduction": red})
        CHAIN(f"chain/l1_loss_{red}", "l1_loss", [F(3), F(3)], [T(0), T(1)], {"reduction": red})
        CHAIN(f"chain/cosine_embedding_loss_{red}", "cosine_embedding_loss", [F(2, 3), F(2, 3), V([1, -1])],
              [T(0), T(1), T(2)], {"reduction": red}, depth=4)
        CHAIN(f"chain/triplet_margin_loss_{red}", "triplet_margin_loss", [F(2, 3), F(2, 3), F(2, 3)],
              [T(0), T(1), T(2)], {"reduction": red}, depth=4)
    for red in ["mean", "sum", "none", "batchmean"]:
        CHAIN(f"chain/kl_div_{red}", "kl_div", [F(2, 3), F(2, 3, lo=0.1, hi=1)], [T(0), T(1)], {"reduction": red})
        CHAIN(f"chain/kl_div_log_target_{red}", "kl_div", [F(2, 3), F(2, 3)], [T(0), T(1)],
              {"reduction": red, "log_target": True})
    CHAIN("chain/cross_entropy_spatial_3d", "cross_entropy", [F(2, 3, 4), I(2, 4, lo=0, hi=3)], [T(0), T(1)])
    CHAIN("chain/cross_entropy_spatial_3d_none", "cross_entropy", [F(2, 3, 4), I(2, 4, lo=0, hi=3)], [T(0), T(1)],
          {"reduction": "none"})
    CHAIN("chain/cross_entropy_weight_probs", "cross_entropy", [F(3, 4), torch.rand(3, 4), torch.rand(4)], [T(0), T(1)],
          {"weight": T(2)})
    CHAIN("chain/mse_loss_broadcast", "mse_loss", [F(2, 3), F(3)], [T(0), T(1)])
    CHAIN("chain/pairwise_distance", "pairwise_distance", [F(2, 3), F(2, 3)], [T(0), T(1)])
    CHAIN("chain/normalize", "normalize", [F(2, 3)], [T(0)])
    CHAIN("chain/cosine_similarity", "cosine_similarity", [F(2, 3), F(2, 3)], [T(0), T(1)], depth=5)
    CHAIN("chain/bce_with_logits", "binary_cross_entropy_with_logits", [F(2, 3), torch.rand(2, 3)], [T(0), T(1)])

    mf.seed("losses/modules")
    for name, ins, kw in [
        ("MSELoss", [F(2, 3), F(2, 3)], {}), ("MSELoss", [F(2, 3), F(2, 3)], {"reduction": "sum"}),
        ("L1Loss", [F(2, 3), F(2, 3)], {}), ("SmoothL1Loss", [F(2, 3), F(2, 3)], {"beta": 0.5}),
        ("SmoothL1Loss", [F(2, 3), F(2, 3)], {}),
        ("HuberLoss", [F(2, 3), F(2, 3)], {"delta": 0.5}), ("HuberLoss", [F(2, 3), F(2, 3)], {}),
        ("CrossEntropyLoss", [F(3, 4), V([0, 3, 1])], {}),
        ("CrossEntropyLoss", [F(3, 4), V([0, 3, 1]), ], {"ignore_index": 3, "label_smoothing": 0.1, "reduction": "sum"}),
        ("CrossEntropyLoss", [F(3, 4), V([0, 3, 1])], {"weight": torch.tensor([1.0, 2.0, 0.5, 1.5])}),
        ("NLLLoss", [F(3, 4), V([0, 3, 1])], {}),
        ("NLLLoss", [F(3, 4), V([0, 3, 1])], {"weight": torch.tensor([1.0, 2.0, 0.5, 1.5]), "reduction": "none"}),
        ("BCELoss", [torch.rand(2, 3).requires_grad_(), torch.rand(2, 3)], {}),
        ("BCELoss", [torch.rand(2, 3).requires_grad_(), torch.rand(2, 3)], {"weight": torch.rand(3)}),
        ("BCEWithLogitsLoss", [F(2, 3), torch.rand(2, 3)], {}),
        ("BCEWithLogitsLoss", [F(2, 3), torch.rand(2, 3)], {"pos_weight": torch.tensor([1.0, 2.0, 3.0])}),
        ("KLDivLoss", [torch.log_softmax(F(2, 3, rg=False), 1).requires_grad_(), torch.softmax(F(2, 3, rg=False), 1)],
         {"reduction": "batchmean"}),
        ("KLDivLoss", [F(2, 3), F(2, 3, rg=False)], {"reduction": "sum", "log_target": True}),
        ("CosineEmbeddingLoss", [F(2, 3), F(2, 3), V([1, -1])], {"margin": 0.1}),
        ("CosineEmbeddingLoss", [F(2, 3), F(2, 3), V([1, -1])], {}),
        ("TripletMarginLoss", [F(2, 3), F(2, 3), F(2, 3)], {}),
        ("TripletMarginLoss", [F(2, 3), F(2, 3), F(2, 3)], {"margin": 0.5, "p": 1.0, "swap": True, "reduction": "none"}),
    ]:
        tag = "_".join(f"{k}{v if not isinstance(v, torch.Tensor) else 'T'}" for k, v in kw.items()) or "default"
        MOD(f"module/{name}_{tag}", name, ins, kw)


def meta(name):
    return {"torch_version": torch.__version__, "made_by": "make_activations_losses_fixtures.py",
            "cpu_capability": torch.backends.cpu.get_cpu_capability(),
            "num_threads": torch.get_num_threads(), "default_dtype": mf.dtype_name(torch.get_default_dtype())}


def main():
    fresh()
    gen_activations()
    mf.dump(os.path.join(HERE, "activations.json"), meta("activations"), mf.CASES)
    print("activations.json: %d cases (%d error cases)" % (len(mf.CASES), sum(1 for c in mf.CASES if "error" in c)))
    fresh()
    gen_regression()
    gen_classification()
    gen_embedding()
    mf.dump(os.path.join(HERE, "losses.json"), meta("losses"), mf.CASES)
    print("losses.json: %d cases (%d error cases)" % (len(mf.CASES), sum(1 for c in mf.CASES if "error" in c)))


if __name__ == "__main__":
    main()
