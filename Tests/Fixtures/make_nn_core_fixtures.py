#!/usr/bin/env python3
"""Golden fixtures for wick's nn core: Module, containers, Linear/Identity/Flatten/Unflatten,
nn.init and nn.utils (clip_grad_norm_, clip_grad_value_, parameters_to_vector).

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_nn_core_fixtures.py

Writes nn_core.json next to this file, {"meta": ..., "cases": [...]}, one case per line, each
with an "id" and a "kind":
  * "linear_init": torch.manual_seed(s); nn.Linear(...) parameters (several layers in a row).
  * "init": an nn.init function applied after manual_seed(s) to a fresh tensor (values), or the
    error it raises; "gain": calculate_gain values.
  * "linear_forward": F.linear outputs, grad_fn names (with the next_functions tree), and the
    gradients of input, weight and bias for a fixed cotangent; errors.
  * "repr": print(model) of models the Swift tests rebuild with the same structure.
  * "state_dict" / "load": keys in order, load_state_dict results and error texts.
  * "error": messages of registration and container misuse.
  * "clip": clip_grad_norm_/clip_grad_value_ results and clipped gradients; parameters_to_vector.
Deterministic: values come from fixed seeds. Tensors use make_fixtures.py's encoders.
"""

import json
import math
import os
import sys
import warnings
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_fixtures import enc_t, fnum  # noqa: E402  (the shared tensor encoders)

torch.set_num_threads(1)
CASES = []


def add(cid, kind, **fields):
    CASES.append({"id": cid, "kind": kind, **fields})


def err(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return {"type": type(e).__name__, "message": str(e) if not isinstance(e, KeyError) else e.args[0]}
    raise AssertionError("expected an error")


def graph(t):
    """grad_fn tree as Name(child, child); None for inputs without grad."""
    def walk(fn):
        if fn is None:
            return "None"
        kids = [walk(n) for n, _ in fn.next_functions]
        return fn.name() + ("(" + ", ".join(kids) + ")" if kids else "")
    return walk(t.grad_fn)


# ---------------------------------------------------------------- Linear init
def gen_linear_init():
    for seed, layers in [
        (0, [(4, 3, True)]),
        (1, [(1, 1, True)]),
        (42, [(7, 5, False)]),
        (7, [(10, 2, True), (2, 6, True)]),
        (123, [(20, 17, True)]),
    ]:
        torch.manual_seed(seed)
        out = []
        for i, o, b in layers:
            m = nn.Linear(i, o, bias=b)
            out.append({"in": i, "out": o, "bias": b, "weight_value": enc_t(m.weight),
                        "bias_value": enc_t(m.bias) if b else None})
        add(f"linear_init/{seed}", "linear_init", seed=seed, layers=out)
    torch.manual_seed(5)
    m = nn.Linear(3, 2, dtype=torch.float64)
    add("linear_init/float64", "linear_init", seed=5, layers=[{"in": 3, "out": 2, "bias": True,
        "weight_value": enc_t(m.weight), "bias_value": enc_t(m.bias), "dtype": "float64"}])


# ---------------------------------------------------------------- nn.init
def gen_init():
    gains = []
    for name, param in [("linear", None), ("conv2d", None), ("sigmoid", None), ("tanh", None),
                        ("relu", None), ("leaky_relu", None), ("leaky_relu", 0.2), ("leaky_relu", 1),
                        ("leaky_relu", math.sqrt(5)), ("selu", None), ("conv_transpose2d", None)]:
        gains.append({"name": name, "param": param, "value": nn.init.calculate_gain(name, param)})
    add("gain", "gain", gains=gains)
    add("gain/bad", "init_error", fn="calculate_gain", args=["swish"], error=err(lambda: nn.init.calculate_gain("swish")))
    add("gain/bool", "init_error", fn="calculate_gain", args=["leaky_relu", True],
        error=err(lambda: nn.init.calculate_gain("leaky_relu", True)))

    specs = [
        ("uniform_", [3, 4], {}), ("uniform_", [5], {"a": -2.0, "b": 3.0}), ("uniform_", [17, 3], {"a": -0.5, "b": 0.5}),
        ("normal_", [3, 4], {}), ("normal_", [20], {"mean": 1.0, "std": 0.5}), ("normal_", [4, 5], {"mean": -2.0, "std": 3.0}),
        ("constant_", [2, 3], {"val": 0.25}), ("ones_", [2, 2], {}), ("zeros_", [3], {}),
        ("eye_", [3, 3], {}), ("eye_", [2, 4], {}), ("eye_", [4, 2], {}),
        ("xavier_uniform_", [3, 4], {}), ("xavier_uniform_", [6, 2, 3, 3], {"gain": 2.0}),
        ("xavier_normal_", [3, 4], {}), ("xavier_normal_", [16, 8], {"gain": 0.5}),
        ("kaiming_uniform_", [3, 4], {}), ("kaiming_uniform_", [8, 3, 3, 3], {"mode": "fan_out", "nonlinearity": "relu"}),
        ("kaiming_uniform_", [5, 7], {"a": math.sqrt(5)}), ("kaiming_uniform_", [4, 6], {"a": 0.1, "mode": "FAN_IN"}),
        ("kaiming_normal_", [3, 4], {}), ("kaiming_normal_", [10, 20], {"mode": "fan_out", "nonlinearity": "relu"}),
        ("kaiming_normal_", [6, 2, 5], {"a": 0.2, "nonlinearity": "leaky_relu"}), ("kaiming_normal_", [4, 4], {"nonlinearity": "tanh"}),
        ("trunc_normal_", [3, 4], {}), ("trunc_normal_", [50], {"std": 0.02}), ("trunc_normal_", [30], {"mean": 0.0, "std": 1.0, "a": -0.5, "b": 0.5}),
        ("trunc_normal_", [40], {"mean": 1.0, "std": 2.0, "a": 0.0, "b": 1.0}), ("trunc_normal_", [5, 6], {"mean": 0.5, "std": 0.3, "a": -1.0, "b": 2.0}),
        ("orthogonal_", [3, 5], {}), ("orthogonal_", [5, 3], {}), ("orthogonal_", [4, 4], {"gain": 2.0}),
        ("orthogonal_", [2, 3, 4], {}),
    ]
    for i, (fn, shape, kw) in enumerate(specs):
        for dt in ([torch.float32, torch.float64] if i % 3 == 0 else [torch.float32]):
            seed = 100 + i
            torch.manual_seed(seed)
            t = torch.empty(shape, dtype=dt)
            getattr(nn.init, fn)(t, **kw)
            add(f"init/{fn}/{i}/{str(dt)[6:]}", "init", fn=fn, seed=seed, shape=shape, dtype=str(dt)[6:],
                kwargs=kw, output=enc_t(t), rng_after=torch.rand(3, dtype=torch.float64).tolist())
    for fn, shape, kw in [("xavier_uniform_", [5], {}), ("kaiming_uniform_", [], {}), ("kaiming_normal_", [3], {}),
                          ("xavier_normal_", [4], {}), ("kaiming_uniform_", [3, 4], {"mode": "fan_avg"}),
                          ("kaiming_normal_", [3, 4], {"nonlinearity": "gelu"}), ("eye_", [2, 2, 2], {}),
                          ("orthogonal_", [4], {})]:
        add(f"init_error/{fn}/{len(shape)}", "init_error", fn=fn, shape=shape, kwargs=kw,
            error=err(lambda: getattr(nn.init, fn)(torch.empty(shape), **kw)))
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        nn.init.kaiming_uniform_(torch.empty(0, 3))
    add("init_warning/zero", "init_warning", messages=[str(w.message) for w in ws])


# ---------------------------------------------------------------- Linear forward
def gen_linear_forward():
    g = torch.Generator().manual_seed(2024)

    def rand(*shape, dt):
        return (torch.rand(shape, generator=g, dtype=torch.float64) * 4 - 2).to(dt)

    for dt in [torch.float32, torch.float64]:
        for name, shape, bias, noncontig in [
            ("2d", [2, 4], True, False), ("2d_nobias", [2, 4], False, False),
            ("1d", [4], True, False), ("1d_nobias", [4], False, False),
            ("3d", [2, 3, 4], True, False), ("3d_nobias", [2, 3, 4], False, False),
            ("3d_noncontig", [2, 3, 4], True, True), ("4d", [2, 2, 3, 4], True, False),
            ("4d_noncontig", [2, 2, 3, 4], True, True), ("2d_noncontig", [3, 4], True, True),
            ("empty_batch", [0, 4], True, False),
        ]:
            w = rand(3, 4, dt=dt).requires_grad_()
            b = rand(3, dt=dt).requires_grad_() if bias else None
            if noncontig:
                base = rand(*([shape[1], shape[0]] + shape[2:]), dt=dt)
                x_in = base.transpose(0, 1)
                storage = enc_t(base)
            else:
                x_in = rand(*shape, dt=dt)
                storage = None
            x = x_in.detach().requires_grad_() if not noncontig else x_in.requires_grad_()
            y = F.linear(x, w, b)
            ct = rand(*y.shape, dt=dt)
            y.backward(ct)
            add(f"linear/{name}/{str(dt)[6:]}", "linear_forward", input=enc_t(x), transposed_base=storage,
                weight=enc_t(w), bias=enc_t(b) if b is not None else None, output=enc_t(y), grad_fn=y.grad_fn.name(),
                graph=graph(y), cotangent=enc_t(ct), grad_input=enc_t(x.grad if not noncontig else base.grad if base.grad is not None else x.grad),
                grad_weight=enc_t(w.grad), grad_bias=enc_t(b.grad) if b is not None else None)
    lin = nn.Linear(4, 3)
    add("linear_error/shape", "error", error=err(lambda: lin(torch.zeros(2, 5))))
    add("linear_error/1d_shape", "error", error=err(lambda: lin(torch.zeros(5))))
    add("linear_error/3d_shape", "error", error=err(lambda: lin(torch.zeros(2, 2, 5))))
    add("linear_error/0d", "error", error=err(lambda: lin(torch.tensor(1.0))))
    add("linear_error/dtype", "error", error=err(lambda: lin(torch.zeros(2, 4, dtype=torch.float64))))
    add("linear_error/arity", "error", error=err(lambda: lin(torch.zeros(2, 4), torch.zeros(1))))
    add("linear_error/missing", "error", error=err(lambda: lin()))
    add("linear_error/kw", "error", error=err(lambda: lin(x=torch.zeros(2, 4))))
    add("linear_error/none", "error", error=err(lambda: lin(None)))
    add("linear_error/negative", "error", error=err(lambda: nn.Linear(3, -1)))
    add("module_error/no_forward", "error", error=err(lambda: nn.ModuleList()(torch.zeros(1))))
    add("module_error/to_int", "error", error=err(lambda: nn.Linear(2, 2).to(torch.int64)))
    add("parameter_error/int", "error", error=err(lambda: nn.Parameter(torch.tensor([1, 2]))))


# ---------------------------------------------------------------- repr
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.act = nn.Identity()

    def extra_repr(self):
        return "alpha=1\nbeta=two"


class Lonely(nn.Module):
    def extra_repr(self):
        return "one=1\ntwo=2"


def gen_repr():
    models = {
        "linear": nn.Linear(4, 3),
        "linear_nobias": nn.Linear(4, 3, bias=False),
        "empty_seq": nn.Sequential(),
        "seq": nn.Sequential(nn.Linear(4, 3), nn.Identity(), nn.Linear(3, 2)),
        "nested": nn.Sequential(nn.Flatten(), nn.Sequential(nn.Linear(4, 4), nn.Linear(4, 4)), nn.Unflatten(1, (2, 2))),
        "seq_repeated": nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2), nn.Linear(2, 2)),
        "ordered": nn.Sequential(OrderedDict([("fc1", nn.Linear(2, 3)), ("act", nn.Identity()), ("fc2", nn.Linear(3, 1))])),
        "modulelist": nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2), nn.Linear(2, 2), nn.Identity(), nn.Linear(2, 2)]),
        "modulelist_empty": nn.ModuleList(),
        "modulelist_nested": nn.ModuleList([nn.Sequential(nn.Linear(1, 1)), nn.Sequential(nn.Linear(1, 1))]),
        "moduledict": nn.ModuleDict({"a": nn.Linear(1, 2), "b": nn.ModuleList([nn.Identity()])}),
        "block": Block(),
        "lonely": Lonely(),
        "flatten": nn.Flatten(0, 2),
        "unflatten": nn.Unflatten(1, (2, 5)),
        "unflatten1": nn.Unflatten(-1, (6,)),
        "identity": nn.Identity(),
        "seq_block": nn.Sequential(Block(), nn.Linear(2, 2)),
    }
    for name, m in models.items():
        add(f"repr/{name}", "repr", repr=repr(m))
    seq = nn.Sequential(nn.Linear(1, 1), nn.Linear(1, 2), nn.Linear(2, 3), nn.Linear(3, 4))
    add("repr/slice", "repr", repr=repr(seq[1:3]))
    add("repr/slice_step", "repr", repr=repr(seq[::-2]))
    seq.insert(1, nn.Identity())
    add("repr/insert", "repr", repr=repr(seq))
    del seq[0]
    add("repr/del", "repr", repr=repr(seq))
    seq.append(nn.Flatten())
    seq.extend([nn.Identity()])
    add("repr/append", "repr", repr=repr(seq))
    add("seq_error/index", "error", error=err(lambda: seq[7]))
    add("seq_error/insert", "error", error=err(lambda: seq.insert(9, nn.Identity())))
    add("seq_error/neg_index", "error", error=err(lambda: seq[-8]))
    ml = nn.ModuleList([nn.Identity()])
    add("modulelist_error/index", "error", error=err(lambda: ml[3]))
    md = nn.ModuleDict()
    add("moduledict_error/key", "error", error=err(lambda: md["nope"]))


# ---------------------------------------------------------------- registration, state_dict, load
class WithBuffers(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(2, 2)
        self.register_buffer("running", torch.zeros(2))
        self.register_buffer("scratch", torch.ones(3), persistent=False)
        self.register_buffer("nothing", None)
        self.register_parameter("gamma", nn.Parameter(torch.ones(2)))
        self.register_parameter("absent", None)


def gen_state():
    m = nn.Sequential(OrderedDict([("feat", nn.Sequential(nn.Linear(4, 3), nn.Identity())), ("wb", WithBuffers()),
                                   ("fc", nn.Linear(3, 2))]))
    add("state_dict/nested", "state_dict", keys=list(m.state_dict().keys()),
        named_parameters=[n for n, _ in m.named_parameters()], named_buffers=[n for n, _ in m.named_buffers()],
        named_modules=[n for n, _ in m.named_modules()], named_modules_prefix=[n for n, _ in m.named_modules(prefix="net")],
        named_children=[n for n, _ in m.named_children()],
        named_parameters_prefix=[n for n, _ in m.named_parameters(prefix="model")],
        named_parameters_norecurse=[n for n, _ in m.wb.named_parameters(recurse=False)])
    shared = nn.Linear(2, 2)
    s = nn.Sequential(shared, nn.Identity(), shared)
    add("state_dict/shared_module", "state_dict", keys=list(s.state_dict().keys()),
        named_parameters=[n for n, _ in s.named_parameters()], named_modules=[n for n, _ in s.named_modules()],
        named_modules_dup=[n for n, _ in s.named_modules(remove_duplicate=False)],
        named_children=[n for n, _ in s.named_children()])
    a, b = nn.Linear(2, 2), nn.Linear(2, 2)
    b.weight = a.weight
    s2 = nn.Sequential(a, b)
    add("state_dict/shared_param", "state_dict", keys=list(s2.state_dict().keys()),
        named_parameters=[n for n, _ in s2.named_parameters()],
        named_parameters_dup=[n for n, _ in s2.named_parameters(remove_duplicate=False)])

    def load(model, sd, strict):
        r = model.load_state_dict(sd, strict=strict)
        return {"missing": list(r.missing_keys), "unexpected": list(r.unexpected_keys)}

    small = lambda: nn.Sequential(nn.Linear(4, 3), nn.Identity(), nn.Linear(3, 2))  # noqa: E731
    src = small().state_dict()
    add("load/ok", "load", result=load(small(), src, True))
    part = {k: v for k, v in src.items() if not k.startswith("2.")}
    add("load/missing_strict", "load", error=err(lambda: small().load_state_dict(part)))
    add("load/missing_loose", "load", result=load(small(), part, False))
    extra = dict(src)
    extra["3.weight"] = torch.zeros(1)
    extra["0.extra"] = torch.zeros(1)
    extra["top"] = torch.zeros(1)
    add("load/unexpected_strict", "load", error=err(lambda: small().load_state_dict(extra)))
    add("load/unexpected_loose", "load", result=load(small(), extra, False))
    both = dict(part)
    both["extra"] = torch.zeros(1)
    add("load/both_strict", "load", error=err(lambda: small().load_state_dict(both)))
    bad = dict(part)
    bad["0.weight"] = torch.zeros(2, 4)
    add("load/mismatch_strict", "load", error=err(lambda: small().load_state_dict(bad)))
    add("load/mismatch_loose", "load", error=err(lambda: small().load_state_dict(bad, strict=False)))
    wb = WithBuffers()
    sd = wb.state_dict()
    add("load/buffers_keys", "state_dict", keys=list(sd.keys()))
    sd2 = dict(sd)
    sd2["scratch"] = torch.zeros(3)
    add("load/nonpersistent_unexpected", "load", error=err(lambda: WithBuffers().load_state_dict(sd2)))

    def reg(fn):
        mod = nn.Linear(2, 2)
        return err(lambda: fn(mod))
    p = nn.Parameter(torch.ones(1))
    for cid, fn in [
        ("param_dot", lambda m: m.register_parameter("a.b", p)),
        ("param_empty", lambda m: m.register_parameter("", p)),
        ("param_exists_buffer", lambda m: (m.register_buffer("x", torch.ones(1)), m.register_parameter("x", p))),
        ("param_exists_module", lambda m: (m.add_module("sub", nn.Identity()), m.register_parameter("sub", p))),
        ("param_exists_builtin", lambda m: m.register_parameter("training", p)),
        ("param_nonleaf", lambda m: m.register_parameter("y", torch.ones(1, requires_grad=True) * 2)),
        ("buffer_dot", lambda m: m.register_buffer("a.b", torch.ones(1))),
        ("buffer_empty", lambda m: m.register_buffer("", torch.ones(1))),
        ("buffer_exists_param", lambda m: m.register_buffer("weight", torch.ones(1))),
        ("buffer_exists_builtin", lambda m: m.register_buffer("forward", torch.ones(1))),
        ("module_dot", lambda m: m.add_module("a.b", nn.Identity())),
        ("module_empty", lambda m: m.add_module("", nn.Identity())),
        ("module_exists_param", lambda m: m.add_module("bias", nn.Identity())),
        ("setattr_tensor_as_param", lambda m: setattr(m, "weight", torch.ones(1))),
        ("setattr_double_as_param", lambda m: setattr(m, "weight", torch.ones(1, dtype=torch.float64))),
        ("setattr_int_as_param", lambda m: setattr(m, "bias", 3)),
    ]:
        add(f"register/{cid}", "error", error=reg(fn))


# ---------------------------------------------------------------- clip / vector
def gen_clip():
    g = torch.Generator().manual_seed(77)

    def params(dt=torch.float32, with_none=False):
        ps = [nn.Parameter(torch.zeros(3, 2, dtype=dt)), nn.Parameter(torch.zeros(4, dtype=dt)),
              nn.Parameter(torch.zeros(2, 2, dtype=dt))]
        for i, q in enumerate(ps):
            if with_none and i == 1:
                continue
            q.grad = (torch.rand(q.shape, generator=g, dtype=torch.float64) * 6 - 3).to(dt)
        return ps

    for dt in [torch.float32, torch.float64]:
        for norm_type in [2.0, 1.0, float("inf"), 3.0, 0.5, 0.0, float("-inf")]:
            for max_norm in [1.0, 100.0]:
                ps = params(dt, with_none=(norm_type == 1.0))
                before = [enc_t(q.grad) if q.grad is not None else None for q in ps]
                total = nn.utils.clip_grad_norm_(ps, max_norm, norm_type=norm_type)
                add(f"clip_norm/{str(dt)[6:]}/{norm_type}/{max_norm}", "clip_norm", norm_type=fnum(norm_type),
                    max_norm=max_norm, grads=before, total=enc_t(total),
                    after=[enc_t(q.grad) if q.grad is not None else None for q in ps])
    add("clip_norm/empty", "clip_norm", norm_type=2.0, max_norm=1.0, grads=[None], total=enc_t(
        nn.utils.clip_grad_norm_([nn.Parameter(torch.zeros(2))], 1.0)), after=[None])
    ps = params()
    ps[0].grad[0, 0] = float("nan")
    add("clip_norm/nonfinite", "error", grads=[enc_t(q.grad) for q in ps],
        error=err(lambda: nn.utils.clip_grad_norm_(ps, 1.0, error_if_nonfinite=True)))
    ps = params()
    ps[2].grad[1, 1] = float("inf")
    before = [enc_t(q.grad) for q in ps]
    total = nn.utils.clip_grad_norm_(ps, 1.0)
    add("clip_norm/inf_grad", "clip_norm", norm_type=2.0, max_norm=1.0, grads=before, total=enc_t(total),
        after=[enc_t(q.grad) for q in ps])
    for clip in [0.5, 2.0]:
        ps = params()
        before = [enc_t(q.grad) for q in ps]
        nn.utils.clip_grad_value_(ps, clip)
        add(f"clip_value/{clip}", "clip_value", clip=clip, grads=before, after=[enc_t(q.grad) for q in ps])
    lin = nn.Linear(3, 2)
    v = nn.utils.parameters_to_vector(lin.parameters())
    add("to_vector", "vector", params=[enc_t(q) for q in lin.parameters()], vector=enc_t(v), grad_fn=v.grad_fn.name())
    newv = torch.arange(8, dtype=torch.float32)
    nn.utils.vector_to_parameters(newv, lin.parameters())
    add("from_vector", "vector", vector=enc_t(newv), params=[enc_t(q) for q in lin.parameters()])
    add("from_vector/short", "error", error=err(lambda: nn.utils.vector_to_parameters(torch.zeros(5), nn.Linear(3, 2).parameters())))
    add("to_vector/empty", "error", error=err(lambda: nn.utils.parameters_to_vector([])))


# ---------------------------------------------------------------- end to end
def gen_mlp():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
    x = torch.randn(8, 64)
    y = model(x)
    y.sum().backward()
    add("mlp", "mlp", repr=repr(model), output=enc_t(y), grad_fn=y.grad_fn.name(),
        grad_first_bias=enc_t(model[0].bias.grad), grad_last_weight=enc_t(model[2].weight.grad))


def main():
    gen_mlp()
    gen_linear_init()
    gen_init()
    gen_linear_forward()
    gen_repr()
    gen_state()
    gen_clip()
    path = os.path.join(HERE, "nn_core.json")
    meta = {"torch_version": torch.__version__, "made_by": "make_nn_core_fixtures.py"}
    with open(path, "w") as f:
        f.write('{"meta": ' + json.dumps(meta) + ', "cases": [\n')
        f.write(",\n".join(json.dumps(c, allow_nan=False) for c in CASES))
        f.write("\n]}\n")
    kinds = {}
    for c in CASES:
        kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    print(len(CASES), "cases", kinds)


if __name__ == "__main__":
    main()
