"""Writes Tests/Fixtures/pth/*.pth with real PyTorch 2.15 (torch.save) and
Tests/Fixtures/pth/expected.json describing what torch.load returns for each file
(values flattened, dtypes, shapes, strides, storage offsets, requires_grad, Parameter flags,
which tensors share storage) plus the exact error texts of malicious / corrupt files.

Deterministic: fixed seeds, content-only checks (serialization ids are random but unused).

Usage:
    /work/venv/bin/python Tests/Fixtures/make_pth_fixtures.py            # regenerate fixtures
    /work/venv/bin/python Tests/Fixtures/make_pth_fixtures.py --check DIR
        loads every .pth file the Swift tests wrote into DIR (PTHRoundTripTests write them to
        /tmp/wick-pth-out) with real torch.load(weights_only=True) and compares it with
        DIR/<name>.json written next to it; exits non-zero on any mismatch.
"""
import collections, json, os, sys
import torch

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pth")


def describe(v, storages):
    if isinstance(v, torch.Tensor):
        key = v.untyped_storage().data_ptr()
        if key not in storages:
            storages[key] = len(storages)
        return {"kind": "tensor", "dtype": str(v.dtype).replace("torch.", ""), "shape": list(v.shape),
                "stride": list(v.stride()), "offset": v.storage_offset(), "requires_grad": v.requires_grad,
                "parameter": isinstance(v, torch.nn.Parameter), "storage": storages[key],
                "values": [float(x) if v.dtype.is_floating_point else int(x) for x in v.detach().reshape(-1).tolist()]}
    if v is None:
        return {"kind": "none"}
    if isinstance(v, bool):
        return {"kind": "bool", "value": v}
    if isinstance(v, int):
        return {"kind": "int", "value": v}
    if isinstance(v, float):
        return {"kind": "float", "value": v}
    if isinstance(v, str):
        return {"kind": "string", "value": v}
    if isinstance(v, (list, tuple)):
        return {"kind": "list" if isinstance(v, list) else "tuple", "items": [describe(x, storages) for x in v]}
    if isinstance(v, dict):
        return {"kind": "orderedDict" if isinstance(v, collections.OrderedDict) else "dict",
                "items": [[describe(k, storages), describe(x, storages)] for k, x in v.items()]}
    raise TypeError(type(v))


def objects():
    torch.manual_seed(0)
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4)
    lin = torch.nn.Linear(3, 2)
    opt = torch.optim.Adam(lin.parameters(), lr=0.01)
    lin(torch.randn(4, 3)).sum().backward()
    opt.step()
    return {
        "tensor": torch.tensor([[1.5, -2.0, 3.25], [0.0, 4.0, -1e-3]]),
        "views": {"base": base, "row": base[1], "col": base[:, 2], "t": base.t()},
        "linear_state": lin.state_dict(),
        "checkpoint": {"epoch": 3, "model": lin.state_dict(), "optimizer": opt.state_dict(), "loss": 0.25, "note": "x"},
        "dtypes": [torch.tensor([1.0, 2.5], dtype=torch.float64), torch.tensor([-3, 2**40], dtype=torch.int64),
                   torch.tensor([True, False, True]), torch.tensor([7, -8], dtype=torch.int32)],
        "scalar": torch.tensor(3.5),
        "empty": torch.zeros(0, 3),
        "parameter": torch.nn.Parameter(torch.tensor([1.0, 2.0])),
        "requires_grad": torch.tensor([1.0, -1.0], requires_grad=True),
        "nested": {"a": [1, 2.5, "s", None, True, (1, 2)], 7: {"x": torch.ones(2)}, "big": 2**40, "neg": -5},
    }


class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def load_error(path):
    try:
        torch.load(path, weights_only=True)
    except Exception as e:  # noqa: BLE001
        return {"type": type(e).__name__, "message": str(e)}
    return None


def generate():
    os.makedirs(HERE, exist_ok=True)
    expected = {}
    for name, obj in objects().items():
        path = os.path.join(HERE, name + ".pth")
        torch.save(obj, path)
        expected[name] = describe(torch.load(path, weights_only=True), {})
    errors = {}
    torch.save(Evil(), os.path.join(HERE, "malicious.pth"))
    errors["malicious"] = load_error(os.path.join(HERE, "malicious.pth"))
    data = open(os.path.join(HERE, "tensor.pth"), "rb").read()
    open(os.path.join(HERE, "truncated.pth"), "wb").write(data[: len(data) - 40])
    errors["truncated"] = load_error(os.path.join(HERE, "truncated.pth"))
    open(os.path.join(HERE, "tiny.pth"), "wb").write(b"PK\x03\x04garbage")
    errors["tiny"] = load_error(os.path.join(HERE, "tiny.pth"))
    errors["missing"] = load_error(os.path.join(HERE, "does_not_exist.pth"))
    json.dump({"values": expected, "errors": errors}, open(os.path.join(HERE, "expected.json"), "w"), indent=1, sort_keys=True)


def check(directory):
    failures = 0
    names = sorted(f for f in os.listdir(directory) if f.endswith(".pth"))
    for f in names:
        want = json.load(open(os.path.join(directory, f[:-4] + ".json")))
        got = describe(torch.load(os.path.join(directory, f), weights_only=True), {})
        if got != want:
            failures += 1
            print("MISMATCH", f, json.dumps(got)[:500], json.dumps(want)[:500])
    print(f"checked {len(names)} files, {failures} mismatches")
    sys.exit(1 if failures or not names else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        generate()
