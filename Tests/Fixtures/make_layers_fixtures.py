#!/usr/bin/env python3
"""Golden fixtures for wick's layer ops and layers: convolution, pooling, normalisation,
embedding, padding and dropout.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_layers_fixtures.py

Writes layers.json next to this file, {"meta": {...}, "cases": [...]}, one case per line:
  * functional cases {"id", "fn", "inputs": [{"name", shape, dtype, values, requires_grad}],
    "kwargs": {...}} and then either "error": {"type", "message"} or "output" (a tensor, or a
    list for return_indices), "grad_fn", "graph" (grad_fn names nested with next_functions),
    "grad_output", "grads": {name: tensor|null}, and "after": {name: tensor} for running
    statistics updated in place. `fn` is the torch.nn.functional name; inputs are passed by
    name (input, weight, bias, running_mean, running_var).
  * module cases {"id", "module", "args", "kwargs"} with "repr" (print(module)), "params"
    ({name: tensor} after torch.manual_seed(0) and construction), "buffers", or "error";
    "steps" cases (BatchNorm) also record the running statistics after forward calls on
    seeded inputs ("inputs", "outputs", "buffers_after").
Deterministic (the script re-runs itself with PYTHONHASHSEED=0 so that the sets PyTorch
prints in messages come in one order): inputs come from a torch.Generator seeded with crc32(case id), cotangents
with crc32("grad:" + case id); torch runs on one thread.
"""

import json
import os
import sys
import zlib

import torch
import torch.nn as nn
import torch.nn.functional as F

# PyTorch prints some sets in its messages (padding modes): fix Python's string hashing so
# their order, and the file, is the same on every run.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_fixtures import enc_t  # noqa: E402  (the shared tensor encoder)

torch.set_num_threads(1)
CASES = []


def graph(fn):
    if fn is None:
        return "None"
    kids = [graph(n) for n, _ in fn.next_functions]
    return type(fn).__name__ + ("(" + ", ".join(kids) + ")" if kids else "")


def gen(key):
    return torch.Generator().manual_seed(zlib.crc32(key.encode()))


def func_case(cid, fn, inputs, **kwargs):
    """inputs: list of (name, tensor); float tensors named input/weight/bias require grad."""
    g = gen(cid)
    made = []
    for name, spec in inputs:
        if isinstance(spec, torch.Tensor):
            t = spec.clone()
        else:
            shape, dt = spec if isinstance(spec[0], (tuple, list)) else (spec, torch.float32)
            t = torch.randn(*shape, generator=g, dtype=dt)
        if t.is_floating_point() and name in ("input", "weight", "bias"):
            t.requires_grad_(True)
        made.append((name, t))
    case = {"id": cid, "fn": fn,
            "inputs": [dict(enc_t(t), name=n, requires_grad=t.requires_grad) for n, t in made],
            "kwargs": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()}}
    args = dict(made)
    try:
        if fn == "batch_norm":
            out = F.batch_norm(args["input"], args.get("running_mean"), args.get("running_var"),
                               args.get("weight"), args.get("bias"), **kwargs)
        elif fn == "layer_norm":
            out = F.layer_norm(args["input"], weight=args.get("weight"), bias=args.get("bias"), **kwargs)
        elif fn == "embedding":
            out = F.embedding(args["input"], args["weight"], **kwargs)
        else:
            call = getattr(F, fn)
            pos = [args[n] for n in ("input", "weight", "bias") if n in args]
            out = call(*pos, **kwargs)
    except Exception as e:  # noqa: BLE001
        case["error"] = {"type": type(e).__name__, "message": str(e)}
        CASES.append(case)
        return
    first = out[0] if isinstance(out, tuple) else out
    case["output"] = [enc_t(o) for o in out] if isinstance(out, tuple) else enc_t(out)
    case["grad_fn"] = type(first.grad_fn).__name__ if first.grad_fn is not None else None
    case["graph"] = graph(first.grad_fn)
    if first.requires_grad:
        go = torch.randn(first.shape, generator=gen("grad:" + cid), dtype=first.dtype)
        case["grad_output"] = enc_t(go)
        first.backward(go)
        case["grads"] = {n: (enc_t(t.grad) if t.grad is not None else None) for n, t in made if t.requires_grad}
    after = {n: enc_t(t) for n, t in made if n.startswith("running")}
    if after:
        case["after"] = after
    CASES.append(case)


def module_case(cid, cls, *args, steps=None, train=True, **kwargs):
    case = {"id": cid, "module": cls.__name__, "args": list(args),
            "kwargs": {k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs.items()}}
    torch.manual_seed(0)
    try:
        m = cls(*args, **kwargs)
    except Exception as e:  # noqa: BLE001
        case["error"] = {"type": type(e).__name__, "message": str(e)}
        CASES.append(case)
        return
    case["repr"] = repr(m)
    case["params"] = {n: enc_t(p) for n, p in m.named_parameters()}
    case["buffers"] = {n: enc_t(b) for n, b in m.named_buffers()}
    if steps:
        m.train(train)
        g = gen(cid)
        ins, outs = [], []
        for shape in steps:
            x = torch.randn(*shape, generator=g)
            ins.append(enc_t(x))
            try:
                outs.append(enc_t(m(x)))
            except Exception as e:  # noqa: BLE001
                case["forward_error"] = {"type": type(e).__name__, "message": str(e)}
                break
        case["inputs"], case["outputs"] = ins, outs
        case["buffers_after"] = {n: enc_t(b) for n, b in m.named_buffers()}
    CASES.append(case)


# ---------------------------------------------------------------- convolution
func_case("conv2d/lenet1", "conv2d", [("input", [2, 1, 8, 8]), ("weight", [6, 1, 5, 5]), ("bias", [6])], padding=2)
func_case("conv2d/stride_dilation", "conv2d", [("input", [2, 3, 9, 8]), ("weight", [4, 3, 3, 2]), ("bias", [4])],
          stride=(2, 1), padding=(1, 0), dilation=(2, 3))
func_case("conv2d/groups_nobias", "conv2d", [("input", [2, 4, 6, 6]), ("weight", [6, 2, 3, 3])], groups=2)
func_case("conv2d/same_even", "conv2d", [("input", [1, 2, 5, 6]), ("weight", [3, 2, 2, 4]), ("bias", [3])], padding="same")
func_case("conv2d/valid", "conv2d", [("input", [1, 2, 5, 6]), ("weight", [3, 2, 3, 3])], padding="valid")
func_case("conv2d/unbatched", "conv2d", [("input", [2, 5, 5]), ("weight", [3, 2, 3, 3]), ("bias", [3])], padding=1)
func_case("conv2d/float64", "conv2d", [("input", ([2, 3, 5, 5], torch.float64)), ("weight", ([2, 3, 3, 3], torch.float64))],
          stride=2)
func_case("conv1d/basic", "conv1d", [("input", [2, 3, 10]), ("weight", [4, 3, 3]), ("bias", [4])], stride=2, padding=1)
func_case("conv1d/groups_dilation", "conv1d", [("input", [1, 4, 9]), ("weight", [4, 2, 2])], groups=2, dilation=3)
func_case("conv1d/unbatched", "conv1d", [("input", [3, 7]), ("weight", [2, 3, 3])], padding="same")
func_case("conv_transpose2d/basic", "conv_transpose2d", [("input", [2, 3, 4, 4]), ("weight", [3, 2, 3, 3]), ("bias", [2])])
func_case("conv_transpose2d/stride_outpad", "conv_transpose2d",
          [("input", [1, 2, 3, 4]), ("weight", [2, 3, 3, 3]), ("bias", [3])], stride=2, padding=1, output_padding=1)
func_case("conv_transpose2d/groups_dilation", "conv_transpose2d", [("input", [2, 4, 3, 3]), ("weight", [4, 3, 2, 2])],
          groups=2, dilation=2)
func_case("conv_transpose1d/basic", "conv_transpose1d", [("input", [2, 3, 5]), ("weight", [3, 2, 3]), ("bias", [2])],
          stride=3, padding=1)
func_case("conv2d/err_channels", "conv2d", [("input", [1, 1, 28, 28]), ("weight", [6, 3, 5, 5])])
func_case("conv2d/err_kernel", "conv2d", [("input", [1, 3, 2, 2]), ("weight", [6, 3, 5, 5])])
func_case("conv2d/err_groups_channels", "conv2d", [("input", [1, 4, 5, 5]), ("weight", [6, 3, 1, 1])], groups=2)
func_case("conv2d/err_groups_divisible", "conv2d", [("input", [1, 4, 5, 5]), ("weight", [5, 2, 1, 1])], groups=2)
func_case("conv2d/err_rank", "conv2d", [("input", [3, 4]), ("weight", [6, 3, 1, 1])])
func_case("conv2d/err_padding_string", "conv2d", [("input", [1, 3, 4, 4]), ("weight", [6, 3, 1, 1])], padding="full")
func_case("conv2d/err_same_strided", "conv2d", [("input", [1, 3, 4, 4]), ("weight", [6, 3, 1, 1])], padding="same", stride=2)
func_case("conv2d/err_stride_len", "conv2d", [("input", [1, 3, 4, 4]), ("weight", [6, 3, 1, 1])], stride=(1, 1, 1))
func_case("conv2d/err_bias", "conv2d", [("input", [1, 3, 4, 4]), ("weight", [6, 3, 1, 1]), ("bias", [5])])
func_case("conv2d/err_negative_padding", "conv2d", [("input", [1, 3, 4, 4]), ("weight", [6, 3, 1, 1])], padding=-1)
func_case("conv2d/err_stride_zero", "conv2d", [("input", [1, 3, 4, 4]), ("weight", [6, 3, 1, 1])], stride=0)
func_case("conv2d/err_dtype", "conv2d", [("input", ([1, 3, 4, 4], torch.float64)), ("weight", [6, 3, 1, 1])])
func_case("conv_transpose2d/err_output_padding", "conv_transpose2d", [("input", [1, 3, 4, 4]), ("weight", [3, 3, 1, 1])],
          output_padding=1)
func_case("conv_transpose2d/err_channels", "conv_transpose2d", [("input", [1, 2, 4, 4]), ("weight", [3, 3, 1, 1])])

# ---------------------------------------------------------------- pooling
func_case("max_pool2d/basic", "max_pool2d", [("input", [2, 3, 6, 6])], kernel_size=2)
func_case("max_pool2d/stride_pad_ceil", "max_pool2d", [("input", [1, 2, 7, 6])], kernel_size=3, stride=2, padding=1,
          ceil_mode=True)
func_case("max_pool2d/dilation", "max_pool2d", [("input", [1, 2, 7, 7])], kernel_size=(2, 3), stride=(1, 2), dilation=2)
func_case("max_pool2d/indices", "max_pool2d", [("input", [1, 2, 5, 5])], kernel_size=2, return_indices=True)
func_case("max_pool2d/unbatched", "max_pool2d", [("input", [2, 5, 4])], kernel_size=2, stride=1)
func_case("max_pool2d/nan", "max_pool2d",
          [("input", torch.tensor([[[[1.0, float("nan"), 2.0, 3.0], [0.0, 5.0, float("nan"), 1.0]]]]))], kernel_size=2)
func_case("max_pool1d/basic", "max_pool1d", [("input", [2, 3, 9])], kernel_size=3, stride=2, padding=1)
func_case("max_pool1d/indices_unbatched", "max_pool1d", [("input", [3, 8])], kernel_size=2, return_indices=True)
func_case("max_pool2d/err_pad", "max_pool2d", [("input", [1, 1, 4, 4])], kernel_size=3, padding=2)
func_case("max_pool2d/err_small", "max_pool2d", [("input", [1, 1, 2, 2])], kernel_size=3)
func_case("max_pool2d/err_rank", "max_pool2d", [("input", [4, 4])], kernel_size=2)
func_case("max_pool1d/err_small", "max_pool1d", [("input", [1, 1, 2])], kernel_size=3)
func_case("avg_pool2d/basic", "avg_pool2d", [("input", [2, 3, 6, 6])], kernel_size=2)
func_case("avg_pool2d/pad_exclude", "avg_pool2d", [("input", [1, 2, 5, 7])], kernel_size=3, stride=2, padding=1,
          count_include_pad=False)
func_case("avg_pool2d/pad_include_ceil", "avg_pool2d", [("input", [1, 2, 5, 7])], kernel_size=3, stride=2, padding=1,
          ceil_mode=True)
func_case("avg_pool2d/divisor", "avg_pool2d", [("input", [1, 2, 5, 5])], kernel_size=(2, 3), stride=2, ceil_mode=True,
          divisor_override=4)
func_case("avg_pool2d/err_divisor", "avg_pool2d", [("input", [1, 2, 5, 5])], kernel_size=2, divisor_override=0)
func_case("adaptive_avg_pool2d/3x2", "adaptive_avg_pool2d", [("input", [2, 3, 7, 5])], output_size=(3, 2))
func_case("adaptive_avg_pool2d/int", "adaptive_avg_pool2d", [("input", [1, 2, 5, 9])], output_size=4)
func_case("adaptive_avg_pool2d/none", "adaptive_avg_pool2d", [("input", [2, 5, 4])], output_size=(3, None))
func_case("adaptive_avg_pool2d/one", "adaptive_avg_pool2d", [("input", [2, 3, 4, 4])], output_size=1)
func_case("adaptive_avg_pool2d/err_rank", "adaptive_avg_pool2d", [("input", [2, 3])], output_size=2)

# ---------------------------------------------------------------- normalisation
func_case("batch_norm/train", "batch_norm", [("input", [4, 3, 2, 2]), ("running_mean", torch.zeros(3)),
                                             ("running_var", torch.ones(3)), ("weight", [3]), ("bias", [3])],
          training=True, momentum=0.1, eps=1e-5)
func_case("batch_norm/train_2d_momentum", "batch_norm", [("input", [5, 3]), ("running_mean", torch.tensor([0.5, -1.0, 2.0])),
                                                         ("running_var", torch.tensor([1.0, 2.0, 0.5]))],
          training=True, momentum=0.3, eps=1e-3)
func_case("batch_norm/train_no_running", "batch_norm", [("input", [3, 2, 4]), ("weight", [2]), ("bias", [2])], training=True)
func_case("batch_norm/eval", "batch_norm", [("input", [3, 2, 2, 3]), ("running_mean", torch.tensor([0.1, -0.2])),
                                            ("running_var", torch.tensor([0.5, 2.0])), ("weight", [2]), ("bias", [2])],
          training=False)
func_case("batch_norm/err_one_value", "batch_norm", [("input", [1, 3])], training=True)
func_case("batch_norm/err_eval_no_running", "batch_norm", [("input", [2, 3])], training=False)
func_case("batch_norm/err_weight_size", "batch_norm", [("input", [4, 3]), ("weight", [4])], training=True)
func_case("layer_norm/affine", "layer_norm", [("input", [2, 3, 4]), ("weight", [4]), ("bias", [4])], normalized_shape=(4,))
func_case("layer_norm/2d", "layer_norm", [("input", [2, 3, 4]), ("weight", [3, 4]), ("bias", [3, 4])],
          normalized_shape=(3, 4), eps=1e-3)
func_case("layer_norm/plain", "layer_norm", [("input", [3, 5])], normalized_shape=(5,))
func_case("layer_norm/float64", "layer_norm", [("input", ([2, 6], torch.float64)), ("weight", ([6], torch.float64))],
          normalized_shape=(6,))
func_case("layer_norm/err_shape", "layer_norm", [("input", [2, 3])], normalized_shape=(4,))
func_case("layer_norm/err_weight", "layer_norm", [("input", [2, 4]), ("weight", [3])], normalized_shape=(4,))

# ---------------------------------------------------------------- embedding and padding
func_case("embedding/basic", "embedding", [("input", torch.tensor([[0, 2, 4], [2, 1, 0]])), ("weight", [5, 3])])
func_case("embedding/padding_idx", "embedding", [("input", torch.tensor([0, 3, 1, 3])), ("weight", [4, 2])], padding_idx=3)
func_case("embedding/padding_idx_negative", "embedding", [("input", torch.tensor([[0, 3], [3, 2]])), ("weight", [4, 2])],
          padding_idx=-2)
func_case("embedding/err_range", "embedding", [("input", torch.tensor([5])), ("weight", [3, 2])])
func_case("embedding/err_dtype", "embedding", [("input", torch.tensor([1.0])), ("weight", [3, 2])])
func_case("pad/constant", "pad", [("input", [2, 3, 4])], pad=(1, 2, -1, 1), value=0.5)
func_case("pad/constant_all", "pad", [("input", [2, 3])], pad=(1, 0, 0, 2))
func_case("pad/reflect1d", "pad", [("input", [2, 5])], pad=(2, 3), mode="reflect")
func_case("pad/reflect2d", "pad", [("input", [1, 2, 4, 5])], pad=(2, 1, 3, 0), mode="reflect")
func_case("pad/replicate1d", "pad", [("input", [2, 3, 4])], pad=(3, 1), mode="replicate")
func_case("pad/replicate2d", "pad", [("input", [2, 3, 4])], pad=(1, 2, 2, 1), mode="replicate")
func_case("pad/circular2d", "pad", [("input", [1, 1, 3, 4])], pad=(1, 2, 3, 1), mode="circular")
func_case("pad/err_odd", "pad", [("input", [2, 3])], pad=(1, 2, 3))
func_case("pad/err_reflect_size", "pad", [("input", [2, 3])], pad=(4, 4), mode="reflect")
func_case("pad/err_mode", "pad", [("input", [2, 3])], pad=(1, 1), mode="wrap")
func_case("pad/err_reflect_rank", "pad", [("input", [2, 3])], pad=(1, 1, 1, 1), mode="reflect")
func_case("pad/err_circular_wrap", "pad", [("input", [1, 2, 3])], pad=(4, 0), mode="circular")

# ---------------------------------------------------------------- modules
module_case("Conv2d/lenet1", nn.Conv2d, 1, 6, 5, padding=2)
module_case("Conv2d/full", nn.Conv2d, 4, 6, (3, 2), stride=(2, 1), padding=(1, 0), dilation=2, groups=2, bias=False)
module_case("Conv2d/same", nn.Conv2d, 3, 2, 3, padding="same")
module_case("Conv2d/padding_mode", nn.Conv2d, 2, 2, 3, padding=1, padding_mode="reflect")
module_case("Conv1d/basic", nn.Conv1d, 3, 4, 3, stride=2)
module_case("ConvTranspose2d/basic", nn.ConvTranspose2d, 3, 2, 3, stride=2, padding=1, output_padding=1)
module_case("Conv2d/err_groups", nn.Conv2d, 3, 6, 3, groups=2)
module_case("Conv2d/err_out_groups", nn.Conv2d, 4, 5, 3, groups=2)
module_case("Conv2d/err_padding_string", nn.Conv2d, 3, 6, 3, padding="full")
module_case("Conv2d/err_same_strided", nn.Conv2d, 3, 6, 3, padding="same", stride=2)
module_case("Conv2d/err_padding_mode", nn.Conv2d, 3, 6, 3, padding_mode="wrap")
module_case("MaxPool2d/basic", nn.MaxPool2d, 2)
module_case("MaxPool2d/full", nn.MaxPool2d, (3, 2), stride=1, padding=1, dilation=2, return_indices=True, ceil_mode=True)
module_case("MaxPool1d/basic", nn.MaxPool1d, 3, stride=2)
module_case("AvgPool2d/basic", nn.AvgPool2d, 2)
module_case("AvgPool2d/full", nn.AvgPool2d, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False,
            divisor_override=2)
module_case("AdaptiveAvgPool2d/int", nn.AdaptiveAvgPool2d, 1)
module_case("AdaptiveAvgPool2d/tuple", nn.AdaptiveAvgPool2d, (5, None))
module_case("BatchNorm2d/steps", nn.BatchNorm2d, 3, steps=[[4, 3, 2, 2]] * 3)
module_case("BatchNorm1d/cumulative", nn.BatchNorm1d, 2, momentum=None, steps=[[4, 2], [3, 2], [5, 2]])
module_case("BatchNorm1d/3d_no_affine", nn.BatchNorm1d, 2, affine=False, eps=1e-3, steps=[[3, 2, 4]] * 2)
module_case("BatchNorm1d/no_tracking", nn.BatchNorm1d, 2, track_running_stats=False, steps=[[4, 2]])
module_case("BatchNorm2d/eval", nn.BatchNorm2d, 2, steps=[[2, 2, 3, 3]], train=False)
module_case("BatchNorm1d/err_rank", nn.BatchNorm1d, 3, steps=[[2, 3, 4, 4]])
module_case("BatchNorm2d/err_rank", nn.BatchNorm2d, 3, steps=[[2, 3]])
module_case("LayerNorm/basic", nn.LayerNorm, 4)
module_case("LayerNorm/full", nn.LayerNorm, (3, 4), eps=1e-3, elementwise_affine=True, bias=False)
module_case("LayerNorm/no_affine", nn.LayerNorm, [5], elementwise_affine=False)
module_case("Embedding/basic", nn.Embedding, 5, 3)
module_case("Embedding/padding", nn.Embedding, 4, 2, padding_idx=1)
module_case("Embedding/err_padding", nn.Embedding, 4, 2, padding_idx=4)
module_case("Dropout/basic", nn.Dropout)
module_case("Dropout/full", nn.Dropout, 0.25, inplace=True)
module_case("Dropout/err_p", nn.Dropout, 1.5)


def main():
    meta = {"torch_version": torch.__version__, "made_by": "make_layers_fixtures.py"}
    with open(os.path.join(HERE, "layers.json"), "w") as f:
        f.write('{"meta": ' + json.dumps(meta) + ',\n "cases": [\n')
        f.write(",\n".join(json.dumps(c) for c in CASES))
        f.write("\n]}\n")
    print("layers.json:", len(CASES), "cases")


if __name__ == "__main__":
    main()
