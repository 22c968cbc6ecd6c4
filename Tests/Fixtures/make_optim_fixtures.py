#!/usr/bin/env python3
"""Golden fixtures for torch.optim and torch.optim.lr_scheduler, made with real PyTorch.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_optim_fixtures.py

Writes optim.json beside this file ({"meta", "cases"}, one case per line):
  kind "optimizer":  10 steps of SGD/Adam/AdamW/RMSprop/Adagrad (single-tensor path, foreach=False)
                     on a fixed set of parameters; the gradients of every step (from a fixed
                     quadratic-plus-cubic loss, None for some parameters on some steps) are
                     given explicitly, with the parameters after each step and the final state.
  kind "closure":    a few steps driven through step(closure) with loss = sum(p*p*p)/3 + sum(p*c).
  kind "scheduler":  the lr (and momentum/beta1) sequence of each scheduler over 30 steps and the
                     keys of its state_dict.
  kind "error":      exact messages for bad optimizer/scheduler arguments.
  kind "state_dict": the state_dict of Adam (two param groups) after 2 steps, with ordered keys.
Deterministic: every input is a fixed literal or comes from a numpy Generator seeded with a
fixed number. Running it twice gives identical files.
"""

import json
import math
import os
import warnings

import numpy as np
import torch
from torch.optim import lr_scheduler as L

from make_fixtures import enc_t, fnum

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)
warnings.simplefilter("ignore")

cases = []


def pyval(v):
    """An option value as JSON: numbers keep int/float, tuples become {"tuple": [...]}."""
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return v
    if isinstance(v, int):
        return {"int": v}
    if isinstance(v, float):
        return {"float": fnum(v)}
    if isinstance(v, tuple):
        return {"tuple": [pyval(x) for x in v]}
    if isinstance(v, list):
        return {"list": [pyval(x) for x in v]}
    if isinstance(v, torch.Tensor):
        return {"tensor": enc_t(v)}
    raise TypeError(type(v))


def ordered(d):
    return [[k, pyval(v)] for k, v in d.items()]


def make_params(dtype, seed):
    rng = np.random.default_rng(seed)
    shapes = [(3, 4), (4,), (2, 3)]
    return [torch.tensor(rng.uniform(-1.5, 1.5, s), dtype=dtype).requires_grad_() for s in shapes]


def loss_fn(params, consts):
    total = 0
    for p, c in zip(params, consts):
        total = total + (p * p * p).sum() / 3 + (p * c).sum() + (p * p).sum() * 0.5
    return total


def run_optimizer(case_id, cls, kwargs, groups=None, dtype=torch.float32, steps=10):
    params = make_params(dtype, 7)
    init = [enc_t(p) for p in params]
    rng = np.random.default_rng(11)
    consts = [torch.tensor(rng.uniform(-1, 1, tuple(p.shape)), dtype=dtype) for p in params]
    kwargs = dict(kwargs)
    kwargs["foreach"] = False
    if groups is None:
        opt = cls(params, **kwargs)
    else:
        opt = cls([dict(g, params=[params[i] for i in g["params"]]) for g in groups], **kwargs)
    record = []
    for step in range(steps):
        opt.zero_grad()
        loss_fn(params, consts).backward()
        if step % 4 == 3:
            params[2].grad = None  # skipped by the optimizer on this step
        grads = [None if p.grad is None else enc_t(p.grad) for p in params]
        opt.step()
        record.append({"grads": grads, "params": [enc_t(p) for p in params]})
    sd = opt.state_dict()
    state = [[k, [[sk, enc_t(sv) if isinstance(sv, torch.Tensor) else pyval(sv)] for sk, sv in v.items()]]
             for k, v in sd["state"].items()]
    cases.append({"kind": "optimizer", "id": case_id, "optim": cls.__name__,
                  "kwargs": {k: pyval(v) for k, v in kwargs.items() if k != "foreach"},
                  "groups": None if groups is None else [[[k, pyval(v)] for k, v in g.items() if k != "params"] + [["params", g["params"]]] for g in groups],
                  "init": init, "steps": record, "state": state,
                  "param_groups": [ordered(g) for g in sd["param_groups"]],
                  "repr": repr(opt)})


O = torch.optim
two_groups = [{"params": [0, 1]}, {"params": [2], "lr": 0.02}]
run_optimizer("sgd/plain", O.SGD, {"lr": 0.05})
run_optimizer("sgd/momentum", O.SGD, {"lr": 0.05, "momentum": 0.9})
run_optimizer("sgd/momentum_dampening_wd", O.SGD, {"lr": 0.05, "momentum": 0.8, "dampening": 0.3, "weight_decay": 0.01})
run_optimizer("sgd/nesterov", O.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weight_decay": 0.001})
run_optimizer("sgd/maximize", O.SGD, {"lr": 0.01, "momentum": 0.5, "maximize": True})
run_optimizer("sgd/two_groups", O.SGD, {"lr": 0.05, "momentum": 0.9}, groups=two_groups)
run_optimizer("sgd/float64", O.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True}, dtype=torch.float64)
run_optimizer("adam/default", O.Adam, {"lr": 0.01})
run_optimizer("adam/wd_amsgrad", O.Adam, {"lr": 0.01, "betas": (0.8, 0.95), "weight_decay": 0.01, "amsgrad": True})
run_optimizer("adam/maximize_eps", O.Adam, {"lr": 0.02, "eps": 1e-3, "maximize": True})
run_optimizer("adam/two_groups", O.Adam, {"lr": 0.01}, groups=[{"params": [0, 1]}, {"params": [2], "lr": 0.03, "betas": (0.5, 0.9)}])
run_optimizer("adam/float64_amsgrad", O.Adam, {"lr": 0.01, "amsgrad": True, "weight_decay": 0.1}, dtype=torch.float64)
run_optimizer("adamw/default", O.AdamW, {"lr": 0.01})
run_optimizer("adamw/amsgrad_maximize", O.AdamW, {"lr": 0.01, "weight_decay": 0.1, "amsgrad": True, "maximize": True})
run_optimizer("rmsprop/default", O.RMSprop, {"lr": 0.01})
run_optimizer("rmsprop/centered_momentum", O.RMSprop, {"lr": 0.01, "alpha": 0.9, "momentum": 0.8, "centered": True, "weight_decay": 0.01})
run_optimizer("rmsprop/momentum_maximize", O.RMSprop, {"lr": 0.005, "momentum": 0.5, "maximize": True})
run_optimizer("rmsprop/centered_float64", O.RMSprop, {"lr": 0.01, "centered": True}, dtype=torch.float64)
run_optimizer("adagrad/default", O.Adagrad, {"lr": 0.1})
run_optimizer("adagrad/decay_wd_init", O.Adagrad, {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.05, "initial_accumulator_value": 0.1, "eps": 1e-6})
run_optimizer("adagrad/two_groups_maximize", O.Adagrad, {"lr": 0.1, "maximize": True}, groups=two_groups)

# ---- step(closure) ----------------------------------------------------------------------
for name, cls, kw in [("sgd", O.SGD, {"lr": 0.1, "momentum": 0.9}), ("adam", O.Adam, {"lr": 0.1})]:
    p = torch.tensor([0.5, -1.0, 2.0, 0.25], requires_grad=True)
    c = torch.tensor([0.1, 0.2, -0.3, 0.4])
    opt = cls([p], foreach=False, **kw)
    losses, values = [], []

    def closure():
        opt.zero_grad()
        loss = (p * p * p).sum() / 3 + (p * c).sum()
        loss.backward()
        return loss
    for _ in range(5):
        losses.append(fnum(opt.step(closure).item()))
        values.append(enc_t(p))
    cases.append({"kind": "closure", "id": "closure/" + name, "optim": cls.__name__, "kwargs": {k: pyval(v) for k, v in kw.items()},
                  "init": [0.5, -1.0, 2.0, 0.25], "c": [0.1, 0.2, -0.3, 0.4], "losses": losses, "params": values})

# ---- state_dict of Adam after 2 steps ----------------------------------------------------
params = make_params(torch.float32, 7)
opt = O.Adam([{"params": params[:2]}, {"params": params[2:], "lr": 0.5, "amsgrad": True}], lr=0.01, foreach=False)
rng = np.random.default_rng(11)
consts = [torch.tensor(rng.uniform(-1, 1, tuple(p.shape)), dtype=torch.float32) for p in params]
grads = []
for _ in range(2):
    opt.zero_grad()
    loss_fn(params, consts).backward()
    grads.append([enc_t(p.grad) for p in params])
    opt.step()
sd = opt.state_dict()
cases.append({"kind": "state_dict", "id": "state_dict/adam", "init": [enc_t(p) for p in make_params(torch.float32, 7)],
              "grads": grads,
              "state": [[k, [[sk, enc_t(sv)] for sk, sv in v.items()]] for k, v in sd["state"].items()],
              "param_groups": [ordered(g) for g in sd["param_groups"]]})

# ---- errors ------------------------------------------------------------------------------
def err(case_id, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        cases.append({"kind": "error", "id": case_id, "type": type(e).__name__, "message": str(e)})
        return
    raise SystemExit(f"{case_id} did not raise")


def P():
    return [torch.zeros(2, requires_grad=True)]


err("sgd/lr", lambda: O.SGD(P(), lr=-1.0))
err("sgd/lr_int", lambda: O.SGD(P(), lr=-1))
err("sgd/momentum", lambda: O.SGD(P(), lr=0.1, momentum=-0.5))
err("sgd/weight_decay", lambda: O.SGD(P(), lr=0.1, weight_decay=-1e-3))
err("sgd/nesterov", lambda: O.SGD(P(), lr=0.1, nesterov=True))
err("sgd/nesterov_dampening", lambda: O.SGD(P(), lr=0.1, momentum=0.9, dampening=0.1, nesterov=True))
err("sgd/empty", lambda: O.SGD([], lr=0.1))
err("adam/lr", lambda: O.Adam(P(), lr=-0.001))
err("adam/eps", lambda: O.Adam(P(), eps=-1e-8))
err("adam/beta0", lambda: O.Adam(P(), betas=(1.0, 0.999)))
err("adam/beta1", lambda: O.Adam(P(), betas=(0.9, -0.1)))
err("adam/betas_int", lambda: O.Adam(P(), betas=(0, 0.9)))
err("adam/weight_decay", lambda: O.Adam(P(), weight_decay=-0.5))
err("adamw/beta0", lambda: O.AdamW(P(), betas=(1.5, 0.999)))
err("rmsprop/alpha", lambda: O.RMSprop(P(), alpha=-0.9))
err("rmsprop/momentum", lambda: O.RMSprop(P(), momentum=-0.9))
err("rmsprop/eps", lambda: O.RMSprop(P(), eps=-1.0))
err("adagrad/lr_decay", lambda: O.Adagrad(P(), lr_decay=-0.1))
err("adagrad/initial_accumulator_value", lambda: O.Adagrad(P(), initial_accumulator_value=-1.0))
err("adagrad/eps", lambda: O.Adagrad(P(), eps=-1e-10))


def dup_groups():
    a = P()
    O.SGD([{"params": a}, {"params": a}], lr=0.1)


err("add_param_group/duplicate", dup_groups)


def non_leaf():
    a = torch.zeros(2, requires_grad=True) * 2
    O.SGD([a], lr=0.1)


err("add_param_group/non_leaf", non_leaf)


def load_groups():
    a, b = P(), P()
    O.SGD(a, lr=0.1).load_state_dict(O.SGD([{"params": b}, {"params": P()}], lr=0.1).state_dict())


err("load_state_dict/groups", load_groups)


def load_sizes():
    O.SGD(P(), lr=0.1).load_state_dict(O.SGD(P() + P(), lr=0.1).state_dict())


err("load_state_dict/sizes", load_sizes)


def sgd():
    return O.SGD(P(), lr=0.1, momentum=0.9)


err("ConstantLR/factor", lambda: L.ConstantLR(sgd(), factor=1.5))
err("LinearLR/start", lambda: L.LinearLR(sgd(), start_factor=0))
err("LinearLR/end", lambda: L.LinearLR(sgd(), end_factor=1.5))
err("ReduceLROnPlateau/factor", lambda: L.ReduceLROnPlateau(sgd(), factor=1.0))
err("ReduceLROnPlateau/mode", lambda: L.ReduceLROnPlateau(sgd(), mode="avg"))
err("ReduceLROnPlateau/threshold_mode", lambda: L.ReduceLROnPlateau(sgd(), threshold_mode="pct"))
err("CosineAnnealingWarmRestarts/T_0", lambda: L.CosineAnnealingWarmRestarts(sgd(), T_0=0))
err("CosineAnnealingWarmRestarts/T_mult", lambda: L.CosineAnnealingWarmRestarts(sgd(), T_0=5, T_mult=0))
err("OneCycleLR/total", lambda: L.OneCycleLR(sgd(), max_lr=0.1))
err("OneCycleLR/total_steps", lambda: L.OneCycleLR(sgd(), max_lr=0.1, total_steps=0))
err("OneCycleLR/pct_start", lambda: L.OneCycleLR(sgd(), max_lr=0.1, total_steps=10, pct_start=1.5))
err("OneCycleLR/anneal", lambda: L.OneCycleLR(sgd(), max_lr=0.1, total_steps=10, anneal_strategy="quadratic"))
err("OneCycleLR/max_lr_len", lambda: L.OneCycleLR(sgd(), max_lr=[0.1, 0.2], total_steps=10))


def onecycle_over():
    s = L.OneCycleLR(sgd(), max_lr=0.1, total_steps=3)
    for _ in range(4):
        s.step()


err("OneCycleLR/overstep", onecycle_over)
err("OneCycleLR/no_momentum", lambda: L.OneCycleLR(O.Adagrad(P()), max_lr=0.1, total_steps=10))
err("CyclicLR/mode", lambda: L.CyclicLR(sgd(), 0.01, 0.1, mode="sine"))
err("SequentialLR/milestones", lambda: (lambda o: L.SequentialLR(o, [L.ConstantLR(o), L.ExponentialLR(o, 0.9)], milestones=[2, 4]))(sgd()))
err("SequentialLR/empty", lambda: L.SequentialLR(sgd(), [], milestones=[]))
err("LambdaLR/count", lambda: L.LambdaLR(sgd(), [lambda e: 1.0, lambda e: 1.0]))

# ---- schedulers ----------------------------------------------------------------------------
STEPS = 30
METRICS = [1.0, 0.9, 0.85, 0.86, 0.84, 0.84, 0.85, 0.86, 0.87, 0.80, 0.81, 0.82, 0.83, 0.84, 0.85,
           0.79, 0.80, 0.80, 0.80, 0.80, 0.80, 0.80, 0.70, 0.71, 0.72, 0.73, 0.74, 0.75, 0.76, 0.77]


def optimizer_for(spec):
    name, kw, ngroups = spec
    params = [torch.zeros(2, requires_grad=True) for _ in range(ngroups)]
    cls = getattr(O, name)
    if ngroups == 1:
        return cls(params, **kw)
    return cls([{"params": [params[0]]}] + [{"params": [p], "lr": kw.get("lr", 0.01) * (i + 2)} for i, p in enumerate(params[1:])], **kw)


def momenta(opt):
    out = []
    for g in opt.param_groups:
        if "betas" in g:
            out.append(fnum(g["betas"][0]))
        elif "momentum" in g:
            out.append(fnum(g["momentum"]))
    return out


def sched_case(case_id, optspec, make, kwargs, metric=False):
    opt = optimizer_for(optspec)
    s = make(opt)
    lrs = [[fnum(x) for x in s.get_last_lr()]]
    moms = [momenta(opt)]
    for i in range(STEPS):
        opt.step()
        if metric:
            s.step(METRICS[i])
        else:
            s.step()
        lrs.append([fnum(x) for x in s.get_last_lr()])
        moms.append(momenta(opt))
    sd = s.state_dict()
    cases.append({"kind": "scheduler", "id": case_id, "optim": optspec[0], "optim_kwargs": {k: pyval(v) for k, v in optspec[1].items()},
                  "groups": optspec[2], "kwargs": kwargs, "lrs": lrs, "momentums": moms,
                  "state_keys": list(sd.keys()), "last_epoch": sd.get("last_epoch"),
                  "param_groups": [ordered({k: v for k, v in g.items() if k != "params"}) for g in opt.param_groups]})


SGD1 = ("SGD", {"lr": 0.1, "momentum": 0.9}, 1)
SGD2 = ("SGD", {"lr": 0.1, "momentum": 0.9}, 2)
ADAM1 = ("Adam", {"lr": 0.01}, 1)
sched_case("StepLR/3", SGD1, lambda o: L.StepLR(o, step_size=3), {"step_size": 3})
sched_case("StepLR/two_groups", SGD2, lambda o: L.StepLR(o, step_size=7, gamma=0.5), {"step_size": 7, "gamma": 0.5})
sched_case("MultiStepLR/basic", SGD1, lambda o: L.MultiStepLR(o, milestones=[5, 12, 12, 20], gamma=0.3), {"milestones": [5, 12, 12, 20], "gamma": 0.3})
sched_case("ExponentialLR/0.9", SGD2, lambda o: L.ExponentialLR(o, gamma=0.9), {"gamma": 0.9})
sched_case("CosineAnnealingLR/10", SGD1, lambda o: L.CosineAnnealingLR(o, T_max=10), {"T_max": 10})
sched_case("CosineAnnealingLR/eta_min", SGD2, lambda o: L.CosineAnnealingLR(o, T_max=7, eta_min=0.001), {"T_max": 7, "eta_min": 0.001})
sched_case("CosineAnnealingWarmRestarts/5", SGD1, lambda o: L.CosineAnnealingWarmRestarts(o, T_0=5), {"T_0": 5})
sched_case("CosineAnnealingWarmRestarts/mult", SGD2, lambda o: L.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.01), {"T_0": 3, "T_mult": 2, "eta_min": 0.01})
sched_case("ReduceLROnPlateau/default", SGD1, lambda o: L.ReduceLROnPlateau(o, patience=2), {"patience": 2}, metric=True)
sched_case("ReduceLROnPlateau/cooldown_abs", SGD2, lambda o: L.ReduceLROnPlateau(o, factor=0.5, patience=1, threshold=0.02, threshold_mode="abs", cooldown=2, min_lr=[0.02, 0.05]),
           {"factor": 0.5, "patience": 1, "threshold": 0.02, "threshold_mode": "abs", "cooldown": 2, "min_lr": [0.02, 0.05]}, metric=True)
sched_case("ReduceLROnPlateau/max_rel", SGD1, lambda o: L.ReduceLROnPlateau(o, mode="max", factor=0.7, patience=0, min_lr=0.03), {"mode": "max", "factor": 0.7, "patience": 0, "min_lr": 0.03}, metric=True)
sched_case("OneCycleLR/default", SGD1, lambda o: L.OneCycleLR(o, max_lr=1.0, total_steps=30), {"max_lr": 1.0, "total_steps": 30})
sched_case("OneCycleLR/linear_adam", ADAM1, lambda o: L.OneCycleLR(o, max_lr=0.1, epochs=5, steps_per_epoch=6, anneal_strategy="linear", pct_start=0.25),
           {"max_lr": 0.1, "epochs": 5, "steps_per_epoch": 6, "anneal_strategy": "linear", "pct_start": 0.25})
sched_case("OneCycleLR/three_phase", SGD2, lambda o: L.OneCycleLR(o, max_lr=[0.5, 1.0], total_steps=31, three_phase=True, div_factor=10.0),
           {"max_lr": [0.5, 1.0], "total_steps": 31, "three_phase": True, "div_factor": 10.0})
sched_case("CyclicLR/triangular", SGD1, lambda o: L.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=4), {"base_lr": 0.01, "max_lr": 0.1, "step_size_up": 4})
sched_case("CyclicLR/triangular2", SGD2, lambda o: L.CyclicLR(o, base_lr=0.01, max_lr=[0.1, 0.2], step_size_up=3, step_size_down=5, mode="triangular2"),
           {"base_lr": 0.01, "max_lr": [0.1, 0.2], "step_size_up": 3, "step_size_down": 5, "mode": "triangular2"})
sched_case("CyclicLR/exp_range_adam", ADAM1, lambda o: L.CyclicLR(o, base_lr=0.001, max_lr=0.01, step_size_up=5, mode="exp_range", gamma=0.95),
           {"base_lr": 0.001, "max_lr": 0.01, "step_size_up": 5, "mode": "exp_range", "gamma": 0.95})
sched_case("CyclicLR/no_momentum", ("Adagrad", {"lr": 0.01}, 1), lambda o: L.CyclicLR(o, base_lr=0.01, max_lr=0.05, step_size_up=2, cycle_momentum=False),
           {"base_lr": 0.01, "max_lr": 0.05, "step_size_up": 2, "cycle_momentum": False})
sched_case("LambdaLR/pow", SGD1, lambda o: L.LambdaLR(o, lambda e: 0.95 ** e), {"lambda": "pow0.95"})
sched_case("LambdaLR/list", SGD2, lambda o: L.LambdaLR(o, [lambda e: 1.0 / (e + 1), lambda e: 0.95 ** e]), {"lambda": ["inv", "pow0.95"]})
sched_case("LinearLR/default", SGD1, lambda o: L.LinearLR(o), {})
sched_case("LinearLR/custom", SGD2, lambda o: L.LinearLR(o, start_factor=0.5, end_factor=0.1, total_iters=12), {"start_factor": 0.5, "end_factor": 0.1, "total_iters": 12})
sched_case("ConstantLR/default", SGD1, lambda o: L.ConstantLR(o), {})
sched_case("ConstantLR/custom", SGD2, lambda o: L.ConstantLR(o, factor=0.25, total_iters=8), {"factor": 0.25, "total_iters": 8})
sched_case("SequentialLR/linear_exp", SGD1, lambda o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.1, total_iters=5), L.ExponentialLR(o, gamma=0.9)], milestones=[5]),
           {"schedulers": [["LinearLR", {"start_factor": 0.1, "total_iters": 5}], ["ExponentialLR", {"gamma": 0.9}]], "milestones": [5]})
sched_case("SequentialLR/three", SGD2, lambda o: L.SequentialLR(o, [L.ConstantLR(o, factor=0.5, total_iters=4), L.StepLR(o, step_size=3, gamma=0.5), L.CosineAnnealingLR(o, T_max=8)], milestones=[6, 15]),
           {"schedulers": [["ConstantLR", {"factor": 0.5, "total_iters": 4}], ["StepLR", {"step_size": 3, "gamma": 0.5}], ["CosineAnnealingLR", {"T_max": 8}]], "milestones": [6, 15]})

with open(os.path.join(HERE, "optim.json"), "w") as f:
    f.write('{"meta": {"torch_version": "%s", "made_by": "make_optim_fixtures.py"}, "cases": [\n' % torch.__version__)
    f.write(",\n".join(json.dumps(c, sort_keys=False) for c in cases))
    f.write("\n]}\n")
kinds = {}
for c in cases:
    kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
print(kinds)
