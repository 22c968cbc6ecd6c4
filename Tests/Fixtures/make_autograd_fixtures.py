#!/usr/bin/env python3
"""Golden autograd-behaviour fixtures for Wick, produced with real PyTorch on the CPU.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_autograd_fixtures.py

Writes autograd.json next to this file: one case per snippet below.  Each snippet runs
with `torch` in scope and fills the dict `R` with what the Swift tests compare
(tensors as {"shape", "dtype", "values"}, numbers, strings, booleans, lists of them);
a snippet that raises records {"type", "message"} under "error" (with whatever it put
in R before raising); warnings raised on the way are recorded under "warnings" (for
anomaly mode's "Error detected in ..." only the first line: the traceback after it names
this script's paths).  Tests/EngineTests/Autograd*Tests.swift, CustomFunctionTests.swift and
GradcheckTests.swift replay the snippets by hand through wick's Swift API and look the cases
up by id (Tests/EngineTests/Support/AutogradFixtures.swift).

Deterministic: every input is a literal.  Running it twice gives identical files.
"""

import collections
import json
import math
import os
import warnings

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)
torch.set_default_dtype(torch.float32)


import sys  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_fixtures import fnum  # noqa: E402  (the shared tensor encoders)


def enc(v):
    if isinstance(v, torch.Tensor):
        t = v.detach()
        flat = t.reshape(-1)
        vals = [fnum(x) for x in flat.to(torch.float64).tolist()] if t.is_floating_point() else flat.tolist()
        return {"shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", ""), "values": vals}
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return fnum(v)
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    raise TypeError("cannot encode %r" % (v,))


CASES = collections.OrderedDict()
R = collections.OrderedDict()


def case(cid, code):
    CASES[cid] = code


# ---------------------------------------------------------------- backward basics
case("accumulate_across_backward", """
x = torch.tensor([1., 2.], requires_grad=True)
(x * 3).sum().backward()
R['after_first'] = x.grad.clone()
(x * x).sum().backward()
R['grad'] = x.grad
""")
case("retain_graph_twice", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = (x * x).sum()
y.backward(retain_graph=True)
y.backward()
R['grad'] = x.grad
""")
case("backward_twice_error", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = (x * x).sum()
y.backward()
y.backward()
""")
case("backward_twice_no_saved_ok", """
x = torch.tensor([1., 2.], requires_grad=True)
y = (x + 1).sum()
y.backward()
y.backward()
R['grad'] = x.grad
""")
case("non_scalar_needs_gradient", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * 2
y.backward()
""")
case("non_scalar_with_gradient", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * x
y.backward(torch.tensor([1., 0.5, 2.]))
R['grad'] = x.grad
""")
case("no_grad_fn_error", """
x = torch.tensor([1., 2., 3.])
(x * 2).sum().backward()
""")
case("second_root_no_grad_fn_error", """
x = torch.tensor([1., 2.], requires_grad=True)
torch.autograd.backward([(x * 2).sum(), torch.tensor(1.)])
""")
case("fewer_gradients_than_roots_error", """
x = torch.tensor([1., 2.], requires_grad=True)
y = (x * x).sum()
torch.autograd.backward([y, y * 2], [torch.tensor(1.)])
""")
case("grad_empty_inputs_error", """
x = torch.tensor([1., 2.], requires_grad=True)
torch.autograd.grad((x * x).sum(), [])
""")
# ---------------------------------------------------------------- grad mode
case("grad_mode_nesting", """
x = torch.tensor([1., 2.], requires_grad=True)
flags = []
with torch.no_grad():
    flags.append(torch.is_grad_enabled()); a = x * 2
    with torch.enable_grad():
        flags.append(torch.is_grad_enabled()); b = x * 2
        with torch.set_grad_enabled(False):
            flags.append(torch.is_grad_enabled()); c = x * 2
        flags.append(torch.is_grad_enabled())
    flags.append(torch.is_grad_enabled())
flags.append(torch.is_grad_enabled())
torch.set_grad_enabled(False)
flags.append(torch.is_grad_enabled()); d = x * 2
torch.set_grad_enabled(True)
flags.append(torch.is_grad_enabled())
R['flags'] = flags
R['requires_grad'] = [a.requires_grad, b.requires_grad, c.requires_grad, d.requires_grad]
R['is_leaf'] = [a.is_leaf, b.is_leaf, c.is_leaf, d.is_leaf]
""")
# ---------------------------------------------------------------- detach / data
case("detach_shares_storage_and_version", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
d = x.detach()
R['d_flags'] = [d.requires_grad, d.is_leaf, d.grad_fn is None]
y = x * x
d.add_(1)
R['x'] = x
R['versions'] = [x._version, d._version]
y.sum().backward()
""")
case("data_has_own_version", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * x
x.data.mul_(2)
R['versions'] = [x._version, x.data._version]
y.sum().backward()
R['grad'] = x.grad
R['data_flags'] = [x.data.requires_grad, x.data.is_leaf]
""")
# ---------------------------------------------------------------- retain_grad
case("retain_grad_nonleaf", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.retain_grad()
x.retain_grad()
z = y * y
R['retains'] = [x.retains_grad, y.retains_grad, z.retains_grad]
z.sum().backward()
R['y_grad'] = y.grad
R['x_grad'] = x.grad
R['z_grad_none'] = z.grad is None
""")
case("retain_grad_no_requires_grad_error", """
x = torch.tensor([1., 2.])
x.retain_grad()
""")
# ---------------------------------------------------------------- hooks
case("hook_leaf_modifies_and_removal", """
x = torch.tensor([1., 2.], requires_grad=True)
h = x.register_hook(lambda g: g * 10)
(x * 3).sum().backward()
R['hooked'] = x.grad.clone()
h.remove()
x.grad = None
(x * 3).sum().backward()
R['removed'] = x.grad
""")
case("hook_nonleaf_modifies", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: g + 1)
y.retain_grad()
(y * y).sum().backward()
R['y_grad'] = y.grad
R['x_grad'] = x.grad
""")
case("hook_no_requires_grad_error", """
x = torch.tensor([1., 2.])
x.register_hook(lambda g: g)
""")
case("hook_execution_order", """
order = []
x = torch.tensor([1., 2.], requires_grad=True)
w = torch.tensor([3., 4.], requires_grad=True)
x.register_hook(lambda g: order.append('x'))
w.register_hook(lambda g: order.append('w'))
y = x * w
y.register_hook(lambda g: order.append('y1'))
y.register_hook(lambda g: order.append('y2'))
z = y.sum()
z.register_hook(lambda g: order.append('z'))
y.grad_fn.register_prehook(lambda go: order.append('y.grad_fn pre'))
y.grad_fn.register_hook(lambda gi, go: order.append('y.grad_fn post'))
z.grad_fn.register_hook(lambda gi, go: order.append('z.grad_fn post'))
z.backward()
R['order'] = order
""")
case("hook_order_three_leaves", """
order = []
a = torch.tensor([1.], requires_grad=True)
b = torch.tensor([2.], requires_grad=True)
c = torch.tensor([3.], requires_grad=True)
for name, t in (('a', a), ('b', b), ('c', c)):
    t.register_hook(lambda g, name=name: order.append(name))
(a * b * c).sum().backward()
order.append('|')
(a + b + c).sum().backward()
order.append('|')
torch.stack([a, b, c]).sum().backward()
R['order'] = order
""")
case("hook_changes_dtype_error", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
def to_double(g):
    return g.double()
y.register_hook(to_double)
y.sum().backward()
""")
case("hook_on_autograd_grad_leaf", """
x = torch.tensor([1., 2.], requires_grad=True)
x.register_hook(lambda g: g * 2)
y = (x * 3).sum()
R['grad'] = torch.autograd.grad(y, x)[0]
R['x_grad_none'] = x.grad is None
""")
case("hook_changes_shape_error", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: g.sum())
y.sum().backward()
""")
case("post_hook_replaces_grad_inputs", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 3
y.grad_fn.register_hook(lambda gi, go: (gi[0] * 0 + 7, gi[1]))
y.sum().backward()
R['grad'] = x.grad
""")
# ---------------------------------------------------------------- autograd.grad
case("grad_with_grad_outputs", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x * x
R['grad'] = torch.autograd.grad(y, x, grad_outputs=torch.tensor([1., 0.5, -1.]))[0]
R['x_grad_none'] = x.grad is None
""")
case("grad_allow_unused", """
x = torch.tensor([1., 2.], requires_grad=True)
u = torch.tensor([5.], requires_grad=True)
y = (x * x).sum()
gx, gu = torch.autograd.grad(y, [x, u], allow_unused=True)
R['gx'] = gx
R['gu_none'] = gu is None
""")
case("grad_unused_error", """
x = torch.tensor([1., 2.], requires_grad=True)
u = torch.tensor([5.], requires_grad=True)
y = (x * x).sum()
torch.autograd.grad(y, [x, u])
""")
case("grad_input_no_requires_grad_error", """
x = torch.tensor([1., 2.], requires_grad=True)
c = torch.tensor([5.])
y = (x * c).sum()
torch.autograd.grad(y, [x, c])
""")
case("grad_create_graph_second_derivative", """
x = torch.tensor([1., -2., 0.5], dtype=torch.float64, requires_grad=True)
y = (x * x * x).sum()
g, = torch.autograd.grad(y, x, create_graph=True)
R['first'] = g
R['first_requires_grad'] = g.requires_grad
g2, = torch.autograd.grad(g.sum(), x)
R['second'] = g2
""")
case("backward_create_graph_grad_has_grad_fn", """
x = torch.tensor([2.], dtype=torch.float64, requires_grad=True)
y = (x * x * x).sum()
y.backward(create_graph=True)
R['grad'] = x.grad
R['grad_requires_grad'] = x.grad.requires_grad
g = x.grad
x.grad = None
g.sum().backward()
R['second'] = x.grad
""")
# ---------------------------------------------------------------- in-place and versions
case("saved_leaf_modified_in_place", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
w = torch.tensor([4., 5., 6.], requires_grad=True)
y = x * w
with torch.no_grad():
    w.add_(1)
y.sum().backward()
""")
case("saved_nonleaf_modified_in_place", """
x = torch.tensor([1., 2., 3.], requires_grad=True)
w = torch.tensor([4., 5., 6.], requires_grad=True)
a = x * 2
y = a * w
a.add_(1)
y.sum().backward()
""")
case("saved_output_modified_in_place_f64", """
x = torch.tensor([[1., 2.], [3., 4.]], dtype=torch.float64, requires_grad=True)
w = torch.tensor([[1., 2.], [3., 4.]], dtype=torch.float64)
a = x * w
b = a * a
a.mul_(3)
b.sum().backward()
""")
case("inplace_leaf_requires_grad_error", """
x = torch.tensor([1., 2.], requires_grad=True)
x.add_(1)
""")
case("inplace_leaf_under_no_grad_ok", """
x = torch.tensor([1., 2.], requires_grad=True)
with torch.no_grad():
    x.mul_(2)
R['x'] = x
R['version'] = x._version
R['flags'] = [x.requires_grad, x.is_leaf]
""")
# ---------------------------------------------------------------- graph structure
case("next_functions_structure", """
x = torch.tensor([1., 2.], requires_grad=True)
w = torch.tensor([3., 4.], requires_grad=True)
b = torch.tensor([0.5, 0.5], requires_grad=True)
c = torch.tensor([2., 2.])
y = ((x * w + b) * c).sum()
def walk(fn):
    return [type(fn).__name__, [(walk(f) if f is not None else None, n) for f, n in fn.next_functions]]
R['tree'] = walk(y.grad_fn)
R['scalar_mul'] = walk((x * 2).grad_fn)
R['rsub'] = walk((1 - x).grad_fn)
acc = y.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[1][0]
R['acc_variable_is_b'] = acc.variable is b
R['same_accumulator'] = (x * 1).grad_fn.next_functions[0][0] is (x * 2).grad_fn.next_functions[0][0]
""")
case("is_leaf_rules", """
a = torch.tensor([1., 2.])
b = torch.tensor([1., 2.], requires_grad=True)
c = b * 2
d = a * 2
with torch.no_grad():
    e = b * 2
f = b.detach()
g = c.detach()
h = torch.tensor([1., 2.]).requires_grad_()
R['is_leaf'] = [a.is_leaf, b.is_leaf, c.is_leaf, d.is_leaf, e.is_leaf, f.is_leaf, g.is_leaf, h.is_leaf]
R['requires_grad'] = [a.requires_grad, b.requires_grad, c.requires_grad, d.requires_grad,
                      e.requires_grad, f.requires_grad, g.requires_grad, h.requires_grad]
R['grad_fn'] = [None if t.grad_fn is None else type(t.grad_fn).__name__ for t in (a, b, c, d, e, f, g, h)]
""")
case("requires_grad_propagation", """
a = torch.tensor([1., 2.], requires_grad=True)
b = torch.tensor([3., 4.])
c = torch.tensor([5., 6.])
R['flags'] = [(a + b).requires_grad, (b + c).requires_grad, (b * a).requires_grad,
              (b + c + a).requires_grad, (a.detach() + b).requires_grad, (a.sum() * 0).requires_grad]
""")
case("requires_grad_int_error", """
x = torch.tensor([1, 2])
x.requires_grad_()
""")
case("requires_grad_nonleaf_off_error", """
x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
y.requires_grad_(False)
""")
# ---------------------------------------------------------------- anomaly mode
case("anomaly_nan_1th_output", """
x = torch.tensor([0.], requires_grad=True)
with torch.autograd.detect_anomaly():
    y = x / x
    y.sum().backward()
""")
case("anomaly_nan_0th_output", """
x = torch.tensor([0., 1.], requires_grad=True)
z = torch.tensor([0., 1.])
with torch.autograd.set_detect_anomaly(True):
    y = x / z
    (y * 0).sum().backward()
""")
case("anomaly_off_nan_passes", """
x = torch.tensor([0.], requires_grad=True)
y = x / x
y.sum().backward()
R['grad'] = x.grad
""")
case("anomaly_check_nan_false", """
x = torch.tensor([0.], requires_grad=True)
with torch.autograd.set_detect_anomaly(True, check_nan=False):
    y = x / x
    y.sum().backward()
R['grad'] = x.grad
R['enabled_after'] = torch.is_anomaly_enabled()
""")


# ---------------------------------------------------------------- custom functions
class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * (x > 0)


case("custom_myrelu", """
x = torch.tensor([-1., 2., 0.5], requires_grad=True)
y = MyReLU.apply(x)
R['y'] = y
R['name'] = type(y.grad_fn).__name__
R['next'] = [(type(f).__name__, n) for f, n in y.grad_fn.next_functions]
R['flags'] = [y.requires_grad, y.is_leaf]
(y * y).sum().backward()
R['grad'] = x.grad
""")


class TwoIn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        return x * w

    @staticmethod
    def backward(ctx, g):
        return g


case("custom_wrong_count", """
x = torch.tensor([1., 2.], requires_grad=True)
TwoIn.apply(x, x).sum().backward()
""")


class ExtraNone(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2, None, None


case("custom_extra_none_ok", """
x = torch.tensor([1., 2.], requires_grad=True)
ExtraNone.apply(x).sum().backward()
R['grad'] = x.grad
""")


class ExtraGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2, g


case("custom_extra_grad_error", """
x = torch.tensor([1., 2.], requires_grad=True)
ExtraGrad.apply(x).sum().backward()
""")


class Scale(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, k):
        ctx.k = k
        return x * k

    @staticmethod
    def backward(ctx, g):
        return g * ctx.k, g


case("custom_non_tensor_grad_error", """
x = torch.tensor([1., 2.], requires_grad=True)
Scale.apply(x, 2.0).sum().backward()
""")


class BadShape(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones(3)


case("custom_wrong_shape", """
x = torch.tensor([1., 2.], requires_grad=True)
BadShape.apply(x).sum().backward()
""")


class SavesInput(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * 2

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * x


class SavesNothing(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2


case("custom_saved_backward_twice_error", """
x = torch.tensor([1., 2.], requires_grad=True)
y = SavesInput.apply(x).sum()
y.backward()
y.backward()
""")
case("custom_unsaved_backward_twice_ok", """
x = torch.tensor([1., 2.], requires_grad=True)
y = SavesNothing.apply(x).sum()
y.backward()
y.backward()
R['grad'] = x.grad
""")
case("custom_saved_modified_error", """
x = torch.tensor([1., 2.], requires_grad=True)
a = x * 1
y = SavesInput.apply(a)
a.add_(2)
y.sum().backward()
""")


class ExpFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        r = x * 3
        ctx.save_for_backward(r)
        return r

    @staticmethod
    def backward(ctx, g):
        (r,) = ctx.saved_tensors
        return g * r


case("custom_saved_output_modified_error", """
x = torch.tensor([1., 2.], requires_grad=True)
y = ExpFn.apply(x)
y.add_(2)
y.sum().backward()
""")


class Probe(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y, k):
        R['forward'] = [torch.is_grad_enabled(), list(ctx.needs_input_grad)]
        out = x * y * k
        R['forward_out_requires_grad'] = out.requires_grad
        return out

    @staticmethod
    def backward(ctx, g):
        R.setdefault('backward', []).append([torch.is_grad_enabled(), list(ctx.needs_input_grad)])
        return g * 1, g * 2, None


case("custom_grad_mode_and_needs_input_grad", """
x = torch.tensor([1., 2.], requires_grad=True)
y = torch.tensor([3., 4.])
out = Probe.apply(x, y, 2.0)
out.sum().backward(retain_graph=True)
out.sum().backward(create_graph=True)
R['grad'] = x.grad
""")


class Identity(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x

    @staticmethod
    def backward(ctx, g):
        return g * 2


case("custom_returns_input", """
x = torch.tensor([1., 2.], requires_grad=True)
y = Identity.apply(x)
R['flags'] = [y is x, y.is_leaf, y.data_ptr() == x.data_ptr()]
R['name'] = type(y.grad_fn).__name__
y.sum().backward()
R['grad'] = x.grad
""")


class TwoOut(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        a = x * 2
        b = x * 3
        ctx.mark_non_differentiable(b)
        return a, b, x.argmax()

    @staticmethod
    def backward(ctx, ga, gb, gi):
        R['gb'] = gb
        R['gi'] = gi
        return ga * 2


case("custom_non_differentiable_outputs", """
x = torch.tensor([1., 3.], requires_grad=True)
a, b, i = TwoOut.apply(x)
R['requires_grad'] = [a.requires_grad, b.requires_grad, i.requires_grad]
R['grad_fn_none'] = [a.grad_fn is None, b.grad_fn is None, i.grad_fn is None]
a.sum().backward()
R['grad'] = x.grad
""")


class NoMaterialize(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        return x * 2, x * 3

    @staticmethod
    def backward(ctx, ga, gb):
        R['gb_none'] = gb is None
        return ga * 2


case("custom_set_materialize_grads_false", """
x = torch.tensor([1., 3.], requires_grad=True)
a, b = NoMaterialize.apply(x)
a.sum().backward()
R['grad'] = x.grad
""")


case("custom_no_input_requires_grad", """
x = torch.tensor([1., 3.])
y = MyReLU.apply(x)
R['flags'] = [y.requires_grad, y.grad_fn is None, y.is_leaf]
""")


# ---------------------------------------------------------------- gradcheck messages
class NotMulByGrad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return torch.ones_like(g) * 2


class ZeroGradNotZero(torch.autograd.Function):
    """Right Jacobian, but a zero grad_output does not give a zero gradient."""

    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        return g * 2 if bool(g.abs().sum() > 0) else torch.ones_like(g)


class Nondeterministic(torch.autograd.Function):
    calls = [0]

    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, g):
        Nondeterministic.calls[0] += 1
        return g * (2 + 1e-3 * Nondeterministic.calls[0])


class WrongSum(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.sum()

    @staticmethod
    def backward(ctx, g):
        return g.expand(3) * torch.tensor([1., 2., 3.], dtype=torch.float64)


case("gradcheck_not_multiplied_by_grad_output", """
x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(NotMulByGrad.apply, (x,))
""")
case("gradcheck_zero_grad_output_not_zero", """
x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(ZeroGradNotZero.apply, (x,))
""")
case("gradcheck_not_reentrant", """
Nondeterministic.calls[0] = 0
x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(Nondeterministic.apply, (x,), atol=1e-2, rtol=1e-2)
""")
case("gradcheck_non_differentiable_output", """
x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(lambda x: (x * 2).detach(), (x,))
""")
case("gradcheck_non_differentiable_constant_ok", """
x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
R['result'] = torch.autograd.gradcheck(lambda x: torch.ones(2, dtype=torch.float64), (x,))
""")
case("gradcheck_no_input_requires_grad", """
x = torch.tensor([1., 2.], dtype=torch.float64)
torch.autograd.gradcheck(lambda x: x * 2, (x,))
""")
case("gradcheck_stride_zero_input", """
x = torch.tensor([1.], dtype=torch.float64).expand(3).requires_grad_()
torch.autograd.gradcheck(lambda x: x * 2, (x,))
""")
case("gradcheck_float32_warns", """
x = torch.tensor([1., 2.], requires_grad=True)
R['result'] = torch.autograd.gradcheck(lambda x: x * x, (x,), raise_exception=False)
""")
case("gradcheck_nonsquare_layout", """
x = torch.tensor([1., 2., 3.], dtype=torch.float64, requires_grad=True)
torch.autograd.gradcheck(WrongSum.apply, (x,))
""")
case("gradcheck_second_input_unused_ok", """
x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
u = torch.tensor([3.], dtype=torch.float64, requires_grad=True)
R['result'] = torch.autograd.gradcheck(lambda x, u: x * 2, (x, u))
""")
case("gradcheck_multiple_outputs_ok", """
x = torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)
w = torch.tensor([[3.], [4.]], dtype=torch.float64, requires_grad=True)
R['result'] = torch.autograd.gradcheck(lambda x, w: (x * w, (x * x).sum(), x.detach()), (x, w))
""")
case("gradcheck_noncontiguous_input_ok", """
x = torch.tensor([[1., 2., 3.], [4., 5., 6.]], dtype=torch.float64).t().requires_grad_()
R['result'] = torch.autograd.gradcheck(lambda x: x * torch.tensor([1., 2.], dtype=torch.float64), (x,))
""")


def main():
    out = []
    global R
    for cid, code in CASES.items():
        R = collections.OrderedDict()  # also seen by the Function classes above
        env = dict(globals())
        rec = collections.OrderedDict([("id", cid), ("code", code.strip())])
        with warnings.catch_warnings(record=True) as ws:
            warnings.simplefilter("always")
            try:
                exec(code, env)
            except Exception as e:
                rec["error"] = {"type": type(e).__name__, "message": str(e)}
            finally:
                torch.set_grad_enabled(True)
                torch.autograd.set_detect_anomaly(False)
        rec["values"] = {k: enc(v) for k, v in R.items()}
        msgs = []
        for w in ws:
            m = str(w.message)
            if m.startswith("Error detected in "):
                m = m.split("\n")[0]  # the forward traceback that follows names this script's paths
            if m not in msgs:
                msgs.append(m)
        if msgs:
            rec["warnings"] = msgs
        out.append(rec)
    path = os.path.join(HERE, "autograd.json")
    with open(path, "w") as f:
        f.write('{"meta": ' + json.dumps({"torch_version": torch.__version__,
                                           "made_by": "make_autograd_fixtures.py"}) + ',\n "cases": [\n')
        f.write(",\n".join(json.dumps(c, allow_nan=False) for c in out))
        f.write("\n]}\n")
    print("autograd.json: %d cases" % len(out))


if __name__ == "__main__":
    main()
