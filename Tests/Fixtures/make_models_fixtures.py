"""Makes Tests/Fixtures/models.json: torchvision's resnet18 and vgg11 (architectures only) built
after torch.manual_seed(0) — print(model), every parameter and buffer's shape, sum and first
values — and the eval-mode output of a seeded input. Run with torch 2.15 + torchvision:
    /work/venv/bin/python Tests/Fixtures/make_models_fixtures.py
"""
import json
import os

import torch
import torchvision

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


def summary(t):
    flat = t.detach().double().flatten()
    return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""),
            "sum": flat.sum().item(), "abs_sum": flat.abs().sum().item(),
            "first": flat[:4].tolist()}


def case(name, build, input_shape):
    torch.manual_seed(0)
    model = build()
    params = [[n, summary(p)] for n, p in model.named_parameters()]
    buffers = [[n, summary(b)] for n, b in model.named_buffers()]
    model.eval()
    torch.manual_seed(1)
    x = torch.randn(*input_shape)
    with torch.no_grad():
        y = model(x)
    return {"id": name, "repr": repr(model), "parameters": params, "buffers": buffers,
            "parameter_count": sum(p.numel() for p in model.parameters()),
            "input_shape": list(input_shape), "output": y.flatten().tolist(),
            "output_shape": list(y.shape)}


cases = [
    case("resnet18/num_classes=10", lambda: torchvision.models.resnet18(num_classes=10), (2, 3, 64, 64)),
    case("vgg11/num_classes=10", lambda: torchvision.models.vgg11(num_classes=10), (1, 3, 32, 32)),
]
out = {"meta": {"torch_version": torch.__version__, "torchvision_version": torchvision.__version__,
                "made_by": "make_models_fixtures.py"}, "cases": cases}
with open(os.path.join(HERE, "models.json"), "w") as f:
    f.write('{"meta": ' + json.dumps(out["meta"]) + ', "cases": [\n')
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print(len(cases), "cases")
