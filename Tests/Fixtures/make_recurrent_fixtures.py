#!/usr/bin/env python3
"""Golden fixtures for wick's recurrent layers (nn.RNN, nn.LSTM, nn.GRU and their cells).

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_recurrent_fixtures.py

Writes recurrent.json next to this file. Case kinds:
  * "layer" / "cell": the module is built right after torch.manual_seed(init_seed) (so
    "params" are PyTorch's default initialisation, in registration order with their names),
    converted with .double() when "dtype" is float64, put in train or eval mode ("training"),
    and called on "input" (and "hx": null, [h0] or [h0, c0]; a cell's [h] or [h, c]) right after
    torch.manual_seed(forward_seed) when that is not null (dropout draws). Recorded: "output",
    "h_n", "c_n" (cells: "output" is h', "c_n" the LSTMCell's c'), the grad_fn name of each
    ("grad_fn"), and the gradients of sum(output*g0) + sum(h_n*g1) [+ sum(c_n*g2)] for the
    seeded "cotangents": "grads" = {"input", "hx": [..] or null, "params": [..]}. "repr" is
    str(module).
  * "error": the same construction (or just the constructor when "input" is absent) and call,
    which raises: "error" = {"type", "message"}.
Tensors are encoded as in ops.json (README.md). Deterministic: inputs and cotangents come from
torch.Generator objects seeded with crc32 of the case id.
"""

import json
import os
import sys
import zlib

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_fixtures import enc_t, dump  # noqa: E402  (the shared tensor encoders)

torch.set_num_threads(1)
CASES = []
MODULES = {"RNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU,
           "RNNCell": nn.RNNCell, "LSTMCell": nn.LSTMCell, "GRUCell": nn.GRUCell}


def rand(gen, shape, dtype):
    return (torch.rand(shape, generator=gen, dtype=torch.float64) * 2 - 1).to(dtype)


def build(module, kwargs, init_seed, dtype, training):
    torch.manual_seed(init_seed)
    m = MODULES[module](**kwargs)
    if dtype == torch.float64:
        m = m.double()
    m.train(training)
    return m


def case(cid, module, kwargs, input_shape, hx_shapes=None, dtype=torch.float32, training=True,
         forward_seed=None, init_seed=0, hx_as_tuple=None):
    gen = torch.Generator().manual_seed(zlib.crc32(cid.encode()))
    m = build(module, kwargs, init_seed, dtype, training)
    x = rand(gen, input_shape, dtype).requires_grad_()
    hx = None if hx_shapes is None else [rand(gen, s, dtype).requires_grad_() for s in hx_shapes]
    if forward_seed is not None:
        torch.manual_seed(forward_seed)
    is_cell = module.endswith("Cell")
    two_states = module.startswith("LSTM")
    arg = None if hx is None else (tuple(hx) if two_states else hx[0])
    result = m(x) if arg is None else m(x, arg)
    if is_cell:
        out, h_n, c_n = (result[0], result[0], result[1]) if two_states else (result, result, None)
        outs = [result[0], result[1]] if two_states else [result]
    else:
        out, state = result
        h_n, c_n = (state[0], state[1]) if two_states else (state, None)
        outs = [out, h_n] + ([c_n] if two_states else [])
    cgen = torch.Generator().manual_seed(zlib.crc32(("grad:" + cid).encode()))
    cots = [rand(cgen, o.shape, dtype) for o in outs]
    loss = sum((o * c).sum() for o, c in zip(outs, cots))
    loss.backward()
    params = list(m.named_parameters())
    rec = {"id": cid, "kind": "cell" if is_cell else "layer", "module": module, "kwargs": kwargs,
           "init_seed": init_seed, "dtype": str(dtype).replace("torch.", ""), "training": training,
           "forward_seed": forward_seed,
           "params": [dict(enc_t(p), name=n) for n, p in params],
           "input": enc_t(x), "hx": None if hx is None else [enc_t(h) for h in hx],
           "output": enc_t(out), "h_n": enc_t(h_n), "c_n": None if c_n is None else enc_t(c_n),
           "grad_fn": {"output": out.grad_fn.name(), "h_n": h_n.grad_fn.name(),
                       "c_n": None if c_n is None else c_n.grad_fn.name()},
           "cotangents": [enc_t(c) for c in cots],
           "grads": {"input": enc_t(x.grad), "hx": None if hx is None else [enc_t(h.grad) for h in hx],
                     "params": [enc_t(p.grad) for _, p in params]},
           "repr": str(m)}
    CASES.append(rec)


def error(cid, module, kwargs, input_shape=None, hx_shapes=None, dtype=torch.float32, input_dtype=None):
    gen = torch.Generator().manual_seed(zlib.crc32(cid.encode()))
    rec = {"id": cid, "kind": "error", "module": module, "kwargs": kwargs, "init_seed": 0,
           "dtype": str(dtype).replace("torch.", ""), "input": None, "hx": None}
    try:
        m = build(module, kwargs, 0, dtype, True)
        if input_shape is not None:
            x = rand(gen, input_shape, input_dtype or dtype)
            hx = None if hx_shapes is None else [rand(gen, s, dtype) for s in hx_shapes]
            rec["input"] = enc_t(x)
            rec["hx"] = None if hx is None else [enc_t(h) for h in hx]
            arg = None if hx is None else (tuple(hx) if module.startswith("LSTM") else hx[0])
            m(x) if arg is None else m(x, arg)
    except Exception as e:  # noqa: BLE001 - the error is the fixture
        rec["error"] = {"type": type(e).__name__, "message": str(e)}
        CASES.append(rec)
        return
    raise SystemExit(f"{cid}: expected an error")


def gen_layers():
    f64 = torch.float64
    for name in ["RNN", "LSTM", "GRU"]:
        two = name == "LSTM"

        def states(layers_dirs, batch, hidden):
            return [[layers_dirs, batch, hidden]] * (2 if two else 1)

        case(f"{name}/basic", name, {"input_size": 4, "hidden_size": 3}, [5, 2, 4])
        case(f"{name}/with_hx", name, {"input_size": 4, "hidden_size": 3}, [5, 2, 4], states(1, 2, 3))
        case(f"{name}/batch_first", name, {"input_size": 4, "hidden_size": 3, "batch_first": True}, [2, 5, 4])
        case(f"{name}/bidirectional", name, {"input_size": 4, "hidden_size": 3, "bidirectional": True}, [4, 2, 4],
             init_seed=1)
        case(f"{name}/two_layers", name, {"input_size": 4, "hidden_size": 3, "num_layers": 2}, [4, 3, 4], init_seed=2)
        case(f"{name}/two_layers_bidirectional_batch_first_hx", name,
             {"input_size": 3, "hidden_size": 4, "num_layers": 2, "bidirectional": True, "batch_first": True},
             [2, 4, 3], states(4, 2, 4), init_seed=3)
        case(f"{name}/no_bias", name, {"input_size": 4, "hidden_size": 3, "bias": False}, [3, 2, 4])
        case(f"{name}/unbatched", name, {"input_size": 4, "hidden_size": 3}, [5, 4])
        case(f"{name}/unbatched_hx", name, {"input_size": 4, "hidden_size": 3, "num_layers": 2}, [5, 4],
             [[2, 3]] * (2 if two else 1))
        case(f"{name}/unbatched_batch_first", name, {"input_size": 4, "hidden_size": 3, "batch_first": True}, [5, 4])
        case(f"{name}/dropout_train", name,
             {"input_size": 4, "hidden_size": 3, "num_layers": 3, "dropout": 0.5}, [4, 2, 4], forward_seed=7)
        case(f"{name}/dropout_eval", name,
             {"input_size": 4, "hidden_size": 3, "num_layers": 2, "dropout": 0.5}, [4, 2, 4], training=False)
        case(f"{name}/float64", name, {"input_size": 4, "hidden_size": 3}, [5, 2, 4], dtype=f64)
        case(f"{name}/float64_bidirectional_two_layers_hx", name,
             {"input_size": 3, "hidden_size": 2, "num_layers": 2, "bidirectional": True}, [3, 2, 3],
             states(4, 2, 2), dtype=f64, init_seed=4)
        case(f"{name}/float64_batch_first_dropout", name,
             {"input_size": 3, "hidden_size": 2, "num_layers": 2, "batch_first": True, "dropout": 0.3}, [2, 3, 3],
             dtype=f64, forward_seed=11)
    case("RNN/relu", "RNN", {"input_size": 4, "hidden_size": 3, "nonlinearity": "relu"}, [5, 2, 4])
    case("RNN/relu_bidirectional_float64", "RNN",
         {"input_size": 4, "hidden_size": 3, "nonlinearity": "relu", "bidirectional": True}, [3, 2, 4], dtype=f64)
    # A wider layer, batch first as in the benchmark.
    case("LSTM/wider_batch_first", "LSTM", {"input_size": 8, "hidden_size": 32, "batch_first": True}, [3, 6, 8])


def gen_cells():
    f64 = torch.float64
    for name in ["RNNCell", "LSTMCell", "GRUCell"]:
        n = 2 if name == "LSTMCell" else 1
        case(f"{name}/basic", name, {"input_size": 4, "hidden_size": 3}, [2, 4])
        case(f"{name}/with_hx", name, {"input_size": 4, "hidden_size": 3}, [2, 4], [[2, 3]] * n)
        case(f"{name}/unbatched", name, {"input_size": 4, "hidden_size": 3}, [4], [[3]] * n)
        case(f"{name}/unbatched_no_hx", name, {"input_size": 4, "hidden_size": 3}, [4])
        case(f"{name}/no_bias", name, {"input_size": 4, "hidden_size": 3, "bias": False}, [2, 4], [[2, 3]] * n)
        case(f"{name}/float64", name, {"input_size": 4, "hidden_size": 3}, [2, 4], [[2, 3]] * n, dtype=f64)
    case("RNNCell/relu", "RNNCell", {"input_size": 4, "hidden_size": 3, "nonlinearity": "relu"}, [2, 4], [[2, 3]])


def gen_errors():
    k = {"input_size": 32, "hidden_size": 128}
    error("LSTM/err_input_size", "LSTM", k, [5, 2, 16])
    error("LSTM/err_hidden0_size", "LSTM", k, [5, 2, 32], [[1, 3, 128], [1, 2, 128]])
    error("LSTM/err_hidden1_size", "LSTM", k, [5, 2, 32], [[1, 2, 128], [1, 3, 128]])
    error("LSTM/err_batched_hx_dims", "LSTM", k, [5, 2, 32], [[2, 128], [1, 2, 128]])
    error("LSTM/err_unbatched_hx_dims", "LSTM", k, [5, 32], [[1, 2, 128], [1, 2, 128]])
    error("LSTM/err_input_dims", "LSTM", k, [5, 2, 2, 32])
    error("LSTM/err_input_dtype", "LSTM", k, [5, 2, 32], input_dtype=torch.float64)
    error("LSTM/err_empty_sequence", "LSTM", k, [0, 2, 32])
    error("LSTM/err_batch_first_hidden", "LSTM", dict(k, batch_first=True), [3, 5, 32], [[1, 5, 128], [1, 5, 128]])
    error("GRU/err_hidden_size", "GRU", dict(k, num_layers=2), [5, 2, 32], [[1, 2, 128]])
    error("GRU/err_batched_hx_dims", "GRU", k, [5, 2, 32], [[2, 128]])
    error("GRU/err_unbatched_hx_dims", "GRU", k, [5, 32], [[1, 2, 128]])
    error("GRU/err_input_dims", "GRU", k, [5, 2, 3, 32])
    error("GRU/err_empty_sequence", "GRU", k, [0, 2, 32])
    error("RNN/err_input_size", "RNN", k, [5, 2, 16])
    error("RNN/err_input_dims", "RNN", k, [32])
    error("RNN/err_bidirectional_hidden", "RNN", dict(k, bidirectional=True), [5, 2, 32], [[1, 2, 128]])
    error("RNN/err_nonlinearity", "RNN", {"input_size": 4, "hidden_size": 3, "nonlinearity": "sigmoid"})
    error("RNN/err_proj_size", "RNN", {"input_size": 4, "hidden_size": 3, "proj_size": 2})
    error("GRU/err_proj_size", "GRU", {"input_size": 4, "hidden_size": 3, "proj_size": 2})
    error("LSTM/err_proj_size_too_big", "LSTM", {"input_size": 4, "hidden_size": 3, "proj_size": 3})
    error("LSTM/err_proj_size_negative", "LSTM", {"input_size": 4, "hidden_size": 3, "proj_size": -1})
    error("LSTM/err_dropout", "LSTM", {"input_size": 4, "hidden_size": 3, "dropout": 1.5})
    error("LSTM/err_hidden_zero", "LSTM", {"input_size": 4, "hidden_size": 0})
    error("LSTM/err_input_zero", "LSTM", {"input_size": 0, "hidden_size": 3})
    error("LSTM/err_layers_zero", "LSTM", {"input_size": 4, "hidden_size": 3, "num_layers": 0})
    c = {"input_size": 4, "hidden_size": 3}
    for name in ["RNNCell", "LSTMCell", "GRUCell"]:
        n = 2 if name == "LSTMCell" else 1
        error(f"{name}/err_input_size", name, c, [2, 5])
        error(f"{name}/err_batch", name, c, [2, 4], [[3, 3]] * n)
        error(f"{name}/err_hidden_size", name, c, [2, 4], [[2, 5]] * n)
        error(f"{name}/err_input_dims", name, c, [2, 2, 4])
        error(f"{name}/err_hidden_1d_batched", name, c, [2, 4], [[3]] * n)
        error(f"{name}/err_hidden_3d", name, c, [2, 4], [[2, 3, 1]] * n)
        error(f"{name}/err_unbatched_2d_hidden", name, c, [4], [[2, 3]] * n)
    error("LSTMCell/err_hidden1_size", "LSTMCell", c, [2, 4], [[2, 3], [2, 5]])
    error("LSTMCell/err_hidden1_batch", "LSTMCell", c, [2, 4], [[2, 3], [3, 3]])
    error("RNNCell/err_nonlinearity", "RNNCell", dict(c, nonlinearity="sigmoid"), [2, 4])


def gen_reprs():
    for name, kw in [("LSTM", {"input_size": 32, "hidden_size": 128, "batch_first": True}),
                     ("RNN", {"input_size": 4, "hidden_size": 3, "num_layers": 2, "nonlinearity": "relu", "bias": False,
                              "dropout": 0.5, "bidirectional": True}),
                     ("GRU", {"input_size": 4, "hidden_size": 3, "num_layers": 2, "dropout": 0.25}),
                     ("LSTM", {"input_size": 4, "hidden_size": 3, "dropout": 1}),
                     ("RNNCell", {"input_size": 4, "hidden_size": 3, "bias": False, "nonlinearity": "relu"}),
                     ("GRUCell", {"input_size": 4, "hidden_size": 3, "bias": False}),
                     ("LSTMCell", {"input_size": 4, "hidden_size": 3})]:
        import warnings
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            m = build(name, kw, 0, torch.float32, True)
        CASES.append({"id": f"{name}/repr_{len(CASES)}", "kind": "repr", "module": name, "kwargs": kw,
                      "repr": str(m), "warnings": [str(w.message) for w in ws],
                      "param_names": [n for n, _ in m.named_parameters()]})


def main():
    gen_layers()
    gen_cells()
    gen_errors()
    gen_reprs()
    meta = {"torch_version": torch.__version__, "made_by": "make_recurrent_fixtures.py",
            "num_threads": torch.get_num_threads()}
    dump(os.path.join(HERE, "recurrent.json"), meta, CASES)
    print(f"recurrent.json: {len(CASES)} cases")


if __name__ == "__main__":
    main()
