#!/usr/bin/env python3
"""Extra golden fixtures for the shape and indexing family, made with real PyTorch.

Run with the project venv:  /work/venv/bin/python Tests/Fixtures/make_shape_fixtures.py

Writes shape.json next to this file, in the format of ops.json (README.md), using the
helpers of make_fixtures.py (imported, not run). It covers what ops.json leaves out: the
grad_fn that each path of `x[...] = v` records (CopySlices, AsStridedBackward0,
FillBackward2/3, CopyBackwards, IndexFillBackward0, MaskedFillBackward0,
IndexPutBackward0), gradients through views written in place, stale views, the errors of
in-place writes on views, and more shape/indexing cases and messages. Deterministic: inputs
come from literals or from generators seeded by group name, as in make_fixtures.py.
"""

import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_fixtures as mf  # noqa: E402

from make_fixtures import C, M, CODE, T, V, F, f32, f64, i64, i32  # noqa: E402

S = slice


def ar(*s, rg=True):
    """A fresh contiguous leaf (not a view)."""
    n = 1
    for k in s:
        n *= k
    return torch.arange(n, dtype=f32).reshape(s).clone().requires_grad_(rg)


def tr(*s):
    """A transposed (non-contiguous) leaf: ids of cases using one as input 0 end with
    "noncontiguous", and the Swift tests rebuild the same layout from the values."""
    return ar(*s, rg=False).t().requires_grad_()


def gen_views():
    mf.seed("shape-extra")
    C("reshape/noncontiguous_copies", "reshape", [tr(2, 3)], [T(0), (6,)])
    M("reshape/invalid_dim_error", "reshape", [ar(2, 3)], [-2, -1, -1], err=True)
    M("view/second_invalid_dim_error", "view", [ar(2, 3)], [-1, -2, -1], err=True)
    M("view/two_inferred_first_error", "view", [ar(2, 3)], [-1, -1, -2], err=True)
    M("expand/same_shape", "expand", [ar(2, 3)], [2, 3])
    M("expand/negative_leading_error", "expand", [ar(1, 3)], [-2, 1, 3], err=True)
    M("expand/minus1_leading_error", "expand", [ar(3)], [-1, 3], err=True)
    M("expand/zero", "expand", [ar(1, 3)], [0, 3])
    M("flatten/noncontiguous", "flatten", [tr(3, 4)], [])
    M("flatten/same_dims", "flatten", [ar(2, 3)], [1, 1])
    M("unflatten/empty_sizes_error", "unflatten", [ar(2, 6)], [1, ()], err=True)
    M("squeeze/dim_tuple_repeated_error", "squeeze", [ar(2, 1, 3)], [(1, 1)], err=True)
    M("squeeze/empty_tuple", "squeeze", [ar(2, 1, 3)], [()])
    M("T/0d", "T", [V(3.0)], [])
    M("mT/1d_error", "mT", [ar(3)], [], err=True)
    M("permute/noncontiguous", "permute", [tr(3, 4)], [1, 0])
    M("unsqueeze/noncontiguous", "unsqueeze", [tr(2, 3)], [0])
    M("clone/noncontiguous", "clone", [tr(2, 3)], [])
    M("contiguous/noncontiguous", "contiguous", [tr(2, 3)], [])
    M("select/basic", "select", [ar(3, 4)], [1, -1])
    M("select/out_of_range_error", "select", [ar(3, 4)], [0, 3], err=True)
    M("select/0d_error", "select", [V(1.0)], [0, 0], err=True)
    C("narrow/length_negative_error", "narrow", [ar(4)], [T(0), 0, 1, -1], err=True)
    C("narrow/start_below_error", "narrow", [ar(4)], [T(0), 0, -5, 1], err=True)
    C("narrow/0d_error", "narrow", [V(1.0)], [T(0), 0, 0, 1], err=True)


def gen_join_split():
    mf.seed("join-extra")
    C("cat/legacy_empty_promotes", "cat", [V([1, 2], dt=i64), torch.zeros(0)], [[T(0), T(1)]])
    C("cat/only_legacy_empty", "cat", [torch.zeros(0), torch.zeros(0, dtype=i64)], [[T(0), T(1)]])
    C("cat/noncontiguous", "cat", [tr(3, 2), F(2, 2)], [[T(0), T(1)], 1])
    C("cat/bool_int32", "cat", [V([True, False]), V([3], dt=i32)], [[T(0), T(1)]])
    C("cat/0d_second_error", "cat", [F(2), V(1.0)], [[T(0), T(1)]], err=True)
    C("stack/empty_error", "stack", [], [[]], err=True)
    C("stack/neg_dim", "stack", [F(2, 3), F(2, 3)], [[T(0), T(1)]], {"dim": -3})
    C("split/zero_size_error", "split", [F(5)], [T(0), 0], err=True)
    C("split/negative_size_error", "split", [F(5)], [T(0), -1], err=True)
    C("split/zero_size_of_empty", "split", [torch.zeros(0)], [T(0), 0])
    C("split/negative_sizes_error", "split", [F(5)], [T(0), [2, -1, 4]], err=True)
    C("split/0d_error", "split", [V(1.0)], [T(0), 1], err=True)
    C("chunk/negative_error", "chunk", [F(4)], [T(0), -1], err=True)
    C("chunk/0d_error", "chunk", [V(1.0)], [T(0), 1], err=True)
    C("chunk/empty_dim", "chunk", [torch.zeros(0, 2).requires_grad_()], [T(0), 3])
    C("unbind/0d_error", "unbind", [V(1.0)], [T(0)], err=True)
    C("unbind/negdim", "unbind", [F(2, 3)], [T(0), -1])
    M("repeat/noncontiguous", "repeat", [tr(2, 3)], [2, 1, 2])
    M("repeat/negative_error", "repeat", [ar(2, 3)], [-1, 2], err=True)
    M("repeat/0d", "repeat", [V(2.5)], [3, 2])
    C("flip/noncontiguous", "flip", [tr(2, 3)], [T(0), [0, 1]])
    C("flip/0d", "flip", [V(2.5)], [T(0), [0]])
    C("tril/bool", "tril", [torch.ones(3, 3, dtype=torch.bool)], [T(0)])
    C("triu/noncontiguous", "triu", [tr(3, 4)], [T(0), 1])
    C("tril/huge_diagonal", "tril", [F(2, 3)], [T(0), 2 ** 62])
    C("triu/empty", "triu", [torch.zeros(2, 0)], [T(0)])


def gen_gather_masked():
    mf.seed("gather-extra")
    C("index_select/0d_self", "index_select", [V(5.0), V([0], dt=i64)], [T(0), 0, T(1)])
    C("index_select/0d_self_two_error", "index_select", [V(5.0), V([0, 0], dt=i64)], [T(0), 0, T(1)], err=True)
    C("index_select/2d_index_error", "index_select", [F(2, 3), V([[0]], dt=i64)], [T(0), 0, T(1)], err=True)
    C("index_select/noncontiguous", "index_select", [tr(3, 4), V([2, 0, 2], dt=i64)],
      [T(0), 1, T(1)])
    C("gather/negative_index_error", "gather", [F(2, 3), V([[-1]], dt=i64)], [T(0), 1, T(1)], err=True)
    C("gather/float_index_error", "gather", [F(2, 3), V([[0.0]], rg=False)], [T(0), 1, T(1)], err=True)
    C("gather/ndim_error", "gather", [F(2, 3), V([0], dt=i64)], [T(0), 1, T(1)], err=True)
    C("gather/empty_index", "gather", [F(2, 3), torch.zeros(0, dtype=i64)], [T(0), 1, T(1)])
    C("gather/repeated_grad_accumulates", "gather", [F(2, 3), V([[0, 0, 2], [1, 1, 1]], dt=i64)], [T(0), 1, T(1)])
    C("scatter/src", "scatter", [F(3, 4), V([[0, 2, 1, 0], [2, 1, 2, 1]], dt=i64), F(2, 4)], [T(0), 0, T(1), T(2)])
    C("scatter/value", "scatter", [F(2, 3), V([[2], [0]], dt=i64)], [T(0), 1, T(1), 9.5])
    C("scatter/dtype_error", "scatter", [F(2, 3), V([[0]], dt=i64), F(2, 3, dt=f64)], [T(0), 0, T(1), T(2)], err=True)
    C("scatter/index_too_big_error", "scatter", [F(2, 3), V([[0, 0, 0, 0]], dt=i64), F(2, 3)], [T(0), 0, T(1), T(2)],
      err=True)
    C("scatter/out_of_bounds_error", "scatter", [F(2, 3), V([[5]], dt=i64)], [T(0), 0, T(1), 1.0], err=True)
    C("scatter_add/basic", "scatter_add", [F(2, 3), V([[0, 1, 0], [1, 0, 1]], dt=i64), F(2, 3)], [T(0), 0, T(1), T(2)])
    C("scatter_add/repeated", "scatter_add", [F(3), V([0, 0, 2, 0], dt=i64), F(4)], [T(0), 0, T(1), T(2)])
    C("masked_fill/int64_mask_error", "masked_fill", [F(3), V([1, 0, 1], dt=i64)], [T(0), T(1), 0.0], err=True)
    C("masked_fill/int32_mask_error", "masked_fill", [F(3), V([1, 0, 1], dt=i32)], [T(0), T(1), 0.0], err=True)
    C("masked_fill/double_mask_error", "masked_fill", [F(3), V([1.0, 0.0, 1.0], dt=f64, rg=False)], [T(0), T(1), 0.0],
      err=True)
    C("masked_fill/mask_bigger", "masked_fill", [F(3), V([[True, False, True], [False, False, True]])], [T(0), T(1), 2.0])
    C("masked_fill/mismatch_error", "masked_fill", [F(2, 3), V([True, False])], [T(0), T(1), 2.0], err=True)
    C("masked_fill/int_nan_error", "masked_fill", [V([1, 2, 3], dt=i64), V([True, False, True])],
      [T(0), T(1), float("nan")], err=True)
    C("masked_fill/f64_value_tensor", "masked_fill", [F(3), V([True, False, True]), F(dt=f64)], [T(0), T(1), T(2)])
    C("masked_fill/noncontiguous", "masked_fill", [tr(3, 2), V([True, False, True])],
      [T(0), T(1), -1.0])
    M("masked_fill_/mask_bigger_error", "masked_fill_", [torch.zeros(3), V([[True, False, True]] * 2)], [T(1), 1.0],
      err=True)
    M("masked_fill_/mismatch_error", "masked_fill_", [torch.zeros(2, 3), V([True, False])], [T(1), 1.0], err=True)


def gen_indexing():
    mf.seed("index-extra")
    G = "__getitem__"
    m23 = [[True, False, True], [False, True, True]]
    M(G + "/full_slices_alias", G, [ar(3, 4)], [(S(None), S(None))])
    M(G + "/int_full_slice_select", G, [ar(3, 4)], [(0, S(None))])
    M(G + "/neg_start_full_slice", G, [ar(3, 4)], [(S(-3, None), S(None))])
    M(G + "/zero_start_full_slice_alias", G, [ar(3, 4)], [(S(0, 100), S(None))])
    M(G + "/mask_then_int", G, [ar(2, 3, 4), V(m23)], [(T(1), 0)])
    M(G + "/int_then_mask", G, [ar(3, 2, 3), V(m23)], [(1, T(1))])
    M(G + "/tensors_around_none", G, [ar(3, 4), V([0, 2], dt=i64), V([1, 3], dt=i64)], [(T(1), None, T(2))])
    M(G + "/none_then_tensor", G, [ar(3, 4), V([0, 2], dt=i64)], [(None, T(1))])
    M(G + "/slice_between_tensors_3d", G, [ar(3, 4, 5), V([2, 0], dt=i64), V([1, 3], dt=i64)], [(T(1), S(1, 3), T(2))])
    M(G + "/int_slice_tensor", G, [ar(2, 3, 4), V([1, 2], dt=i64)], [(0, S(None), T(1))])
    M(G + "/broadcast_2d_indices", G, [ar(3, 4), V([[0], [2]], dt=i64), V([[1, 3]], dt=i64)], [(T(1), T(2))])
    M(G + "/bool_then_tensor", G, [ar(3, 4), V([0, 1], dt=i64)], [(True, T(1))])
    M(G + "/false_ellipsis_int", G, [ar(2, 3, 4)], [(False, Ellipsis, 0)])
    M(G + "/0d_none_none", G, [V(2.0)], [(None, None)])
    M(G + "/0d_true", G, [V(2.0)], [True])
    M(G + "/0d_slice_error", G, [V(2.0)], [S(None)], err=True)
    M(G + "/0d_tensor_index_error", G, [V(2.0), V([0], dt=i64)], [T(1)], err=True)
    M(G + "/0d_int_1_error", G, [V(2.0)], [1], err=True)
    M(G + "/none_then_int_error", G, [ar(3)], [(None, 5)], err=True)
    M(G + "/step_zero_error", G, [ar(4)], [S(None, None, 0)], err=True)
    M(G + "/neg_index_dim1_error", G, [ar(3, 4), V([-5], dt=i64)], [(S(None), T(1))], err=True)
    M(G + "/second_tensor_out_of_range_error", G, [ar(3, 4), V([0], dt=i64), V([-5], dt=i64)], [(T(1), T(2))], err=True)
    M(G + "/mask_dim1_error", G, [ar(3, 4), V([True, False, True])], [(S(None), T(1))], err=True)
    M(G + "/mask_2d_dim1_error", G, [ar(3, 4), V([[True] * 3] * 3)], [(S(None), T(1))], err=True)
    M(G + "/int32_and_int64", G, [ar(3, 4), V([1], dt=i32), V([True, False, True, True])], [(T(1), T(2))])
    M(G + "/noncontiguous", G, [tr(3, 4), V([3, 0, 3], dt=i64)], [T(1)])
    M(G + "/f64_two_tensors_grad", G, [F(3, 4, dt=f64), V([2, 2, 0], dt=i64), V([1, 1, 3], dt=i64)], [(T(1), T(2))])


def gen_setitem():
    mf.seed("setitem-extra")
    SI = "__setitem__"
    M(SI + "/slice_full_tensor_leaf", SI, [torch.zeros(2, 3), F(3)], [S(None), T(1)])
    M(SI + "/ellipsis_0d_value_grad", SI, [torch.zeros(2, 3), F()], [Ellipsis, T(1)])
    M(SI + "/ellipsis_value_grad", SI, [torch.zeros(2, 3), F(1, 3)], [Ellipsis, T(1)])
    M(SI + "/two_indices_value_grad", SI, [torch.zeros(3, 3), V([0, 2], dt=i64), V([1, 1], dt=i64), F(1, 1, 2)],
      [(T(1), T(2)), T(3)])
    M(SI + "/int32_index_value_grad", SI, [torch.zeros(3, 2), V([2, 0], dt=i32), F(2)], [T(1), T(2)])
    M(SI + "/mask_0d_value_grad", SI, [torch.zeros(4), V([True, False, True, True]), F()], [T(1), T(2)])
    M(SI + "/index_then_slice", SI, [torch.zeros(3, 4), V([2, 0], dt=i64), F(2, 2)], [(T(1), S(1, 3)), T(2)])
    M(SI + "/true_index", SI, [torch.zeros(3), F(3)], [True, T(1)])
    M(SI + "/false_index", SI, [torch.zeros(3), F(3)], [False, T(1)])
    M(SI + "/dtype_mismatch_error", SI, [torch.zeros(3), V([1.0], dt=f64, rg=False)], [[0], T(1)], err=True)
    M(SI + "/int_value_into_float_index_error", SI, [torch.zeros(3), V([1], dt=i64)], [[0], T(1)], err=True)
    CODE(SI + "/partial_overlap_error", "x = torch.arange(6.)\nx[1:] = x[:-1]", err=True)
    CODE(SI + "/index_put_overlap_error", "x = torch.arange(6.)\nx[torch.tensor([1, 2])] = x[0:2]", err=True)
    M(SI + "/int64_nan_error", SI, [V([1, 2, 3], dt=i64)], [0, float("nan")], err=True)
    M(SI + "/int32_overflow_error", SI, [V([1, 2, 3], dt=i32)], [0, 2 ** 40], err=True)
    M(SI + "/bool_target", SI, [V([True, False, True])], [S(0, 2), 0.0])
    M(SI + "/expanded_value_rows", SI, [torch.zeros(3, 4), F(4), V([True, False, True])], [T(2), T(1)])
    # Which grad_fn each path records, on a non-leaf target (first result's repr shows it).
    pre = "a = torch.arange(12.).reshape(3, 4).requires_grad_()\ny = a * 1\n"
    post = "\n(y * torch.arange(12.).reshape(3, 4)).sum().backward()\nresult = [y, a.grad]"
    scalar_paths = {
        "slice_scalar_fill": "y[:] = 1.",
        "ellipsis_scalar_fill": "y[...] = 1.",
        "full_slices_scalar_fill": "y[:, :] = 1.",
        "int_scalar_copyslices": "y[1] = 5.",
        "int_int_scalar_copyslices": "y[1, 2] = 5.",
        "list_scalar_index_fill": "y[[0, 2]] = 1.",
        "slice_list_scalar_index_fill": "y[:, [0, 2]] = 1.",
        "mask_scalar_masked_fill": "y[torch.tensor([True, False, True])] = -1.",
        "slice_mask_scalar_masked_fill": "y[:, torch.tensor([True, False, False, True])] = -1.",
        "int_list_scalar_copyslices": "y[1, [0, 2]] = 7.",
        "two_lists_scalar_index_put": "y[[0, 1], [2, 3]] = 7.",
        "int32_index_scalar_index_put": "y[torch.tensor([0, 2], dtype=torch.int32)] = 7.",
        "mask_tensor_value_index_put": "y[torch.tensor([True, False, True])] = torch.tensor(2.)",
        "int_int_tensor_copyslices": "y[1, 2] = torch.tensor(5.)",
        "ellipsis_row_copy": "y[...] = torch.tensor([1., 2., 3., 4.])",
        "none_scalar_copyslices": "y[None] = 3.",
        "zero_d_bool_tensor_copyslices": "y[torch.tensor(True)] = 3.",
        "zero_d_int_tensor_copyslices": "y[torch.tensor(1)] = 3.",
    }
    for name, stmt in scalar_paths.items():
        CODE(SI + "/" + name, pre + stmt + post)
    CODE(SI + "/value_grad_through_column",
         "a = torch.arange(6.).reshape(2, 3).requires_grad_()\nw = torch.tensor([10., 20.], requires_grad=True)\n"
         "y = a * 1\ny[:, 1] = w\n(y * y).sum().backward()\nresult = [y, a.grad, w.grad]")
    CODE("view_inplace/view_grad_fn",
         "a = torch.arange(1., 7.).reshape(2, 3).requires_grad_()\ny = a * 1\nv = y[:, 1]\nv.mul_(3)\n"
         "(y.sum() + v.sum()).backward()\nresult = [v, y, a.grad]")
    CODE("view_inplace/base_grad_fn",
         "a = torch.arange(1., 7.).reshape(2, 3).requires_grad_()\ny = a * 1\nv = y[:, 1]\nv.mul_(3)\nresult = [y]")
    CODE("view_inplace/transposed_base",
         "a = torch.arange(1., 7.).reshape(2, 3).requires_grad_()\ny = (a * 1).t()\nv = y[1:]\nv.add_(10)\n"
         "(y * torch.arange(6.).reshape(3, 2)).sum().backward()\nresult = [y, a.grad]")
    CODE("view_inplace/stale_view_regenerated",
         "a = torch.tensor([1., 2., 3.], requires_grad=True)\nx = a * 1\nv = x[0:2]\nx.mul_(2)\n"
         "v.sum().backward()\nresult = [v, a.grad]")
    CODE("view_inplace/stale_view_of_no_grad_base",
         "x = torch.zeros(3)\ns = x[0:2]\nw = torch.tensor(1., requires_grad=True)\nx[0] = w\n"
         "(s * torch.tensor([3., 4.])).sum().backward()\nresult = [s, w.grad]")
    CODE("view_inplace/no_grad_write_through",
         "w = torch.zeros(2, 2, requires_grad=True)\nwith torch.no_grad():\n    w[0] = 1.\n    w[1, :] += 2.\n"
         "result = [w, torch.tensor([w.is_leaf, w._version == 2])]")
    CODE("view_inplace/split_output_error",
         "y = torch.zeros(2, 2, requires_grad=True) * 1\ny.split(1)[1].mul_(2)", err=True)
    CODE("view_inplace/view_of_unbind_error",
         "y = torch.zeros(2, 2, requires_grad=True) * 1\ny.unbind()[0][0] = 1.", err=True)
    CODE("view_inplace/chunk_output_error",
         "y = torch.zeros(4, requires_grad=True) * 1\ny.chunk(2)[0].add_(1)", err=True)
    CODE("view_inplace/no_grad_view_error",
         "y = torch.zeros(2, 2, requires_grad=True) * 1\nwith torch.no_grad():\n    v = y[0]\nv[0] = 3.", err=True)
    CODE("view_inplace/no_grad_view_of_view_error",
         "y = torch.zeros(2, 2, requires_grad=True) * 1\nwith torch.no_grad():\n    v = y[0]\nv[0:1].mul_(3)", err=True)
    CODE("view_inplace/double_backward",
         "x = torch.tensor([1., 2., 3.], requires_grad=True)\ny = x * x\nt = x[1:]\ny[1:] += t * t * t\n"
         "g, = torch.autograd.grad(y.sum(), x, create_graph=True)\ng.sum().backward()\nresult = [g, x.grad]")


def main():
    gen_views()
    gen_join_split()
    gen_gather_masked()
    gen_indexing()
    gen_setitem()
    meta = {"torch_version": torch.__version__, "made_by": "make_shape_fixtures.py",
            "default_dtype": mf.dtype_name(torch.get_default_dtype())}
    mf.dump(os.path.join(HERE, "shape.json"), meta, mf.CASES)
    print("shape.json: %d cases" % len(mf.CASES))


if __name__ == "__main__":
    main()
