import Script

/// Short `help()` texts for the torch functions and tensor methods lessons use most, in
/// PyTorch's words (registered with the interpreter's `HelpRegistry` by qualified name).
enum Docs {
    /// (name, signature, doc); the name is looked up as `torch.<name>` and `Tensor.<name>`.
    static let entries: [(String, String, String)] = [
        ("tensor", "tensor(data, *, dtype=None, device=None, requires_grad=False)",
         "Constructs a tensor with no autograd history by copying data (a list, tuple, number or tensor)."),
        ("zeros", "zeros(*size, *, dtype=None, device=None, requires_grad=False)", "Returns a tensor filled with the scalar value 0, with the shape defined by size."),
        ("ones", "ones(*size, *, dtype=None, device=None, requires_grad=False)", "Returns a tensor filled with the scalar value 1, with the shape defined by size."),
        ("full", "full(size, fill_value, *, dtype=None, requires_grad=False)", "Creates a tensor of size filled with fill_value."),
        ("arange", "arange(start=0, end, step=1, *, dtype=None, requires_grad=False)", "Returns a 1-D tensor of the values in [start, end) taken with common difference step."),
        ("linspace", "linspace(start, end, steps, *, dtype=None, requires_grad=False)", "Creates a 1-D tensor of steps values evenly spaced from start to end, inclusive."),
        ("eye", "eye(n, m=None, *, dtype=None, requires_grad=False)", "Returns a 2-D tensor with ones on the diagonal and zeros elsewhere."),
        ("rand", "rand(*size, *, generator=None, dtype=None, requires_grad=False)", "Returns a tensor filled with random numbers from a uniform distribution on [0, 1)."),
        ("randn", "randn(*size, *, generator=None, dtype=None, requires_grad=False)", "Returns a tensor filled with random numbers from a normal distribution with mean 0 and variance 1."),
        ("randint", "randint(low=0, high, size, *, generator=None, dtype=None)", "Returns a tensor filled with random integers generated uniformly between low (inclusive) and high (exclusive)."),
        ("randperm", "randperm(n, *, generator=None, dtype=torch.int64)", "Returns a random permutation of integers from 0 to n - 1."),
        ("manual_seed", "manual_seed(seed)", "Sets the seed for generating random numbers and returns the torch.Generator object."),
        ("cat", "cat(tensors, dim=0)", "Concatenates the given sequence of tensors in the given dimension."),
        ("stack", "stack(tensors, dim=0)", "Concatenates a sequence of tensors along a new dimension."),
        ("matmul", "matmul(input, other)", "Matrix product of two tensors, with broadcasting of batch dimensions."),
        ("mm", "mm(input, mat2)", "Performs a matrix multiplication of the matrices input and mat2."),
        ("sum", "sum(input, dim=None, keepdim=False, *, dtype=None)", "Returns the sum of all elements, or of each row of input in the given dimension(s)."),
        ("mean", "mean(input, dim=None, keepdim=False, *, dtype=None)", "Returns the mean value of all elements, or of each row in the given dimension(s)."),
        ("max", "max(input, dim=None, keepdim=False)", "The maximum of all elements; with dim, a namedtuple (values, indices) of each row's maximum."),
        ("min", "min(input, dim=None, keepdim=False)", "The minimum of all elements; with dim, a namedtuple (values, indices) of each row's minimum."),
        ("argmax", "argmax(input, dim=None, keepdim=False)", "Returns the indices of the maximum values of a tensor across a dimension."),
        ("where", "where(condition, input, other)", "Returns a tensor of elements selected from input where condition is True, else from other."),
        ("clamp", "clamp(input, min=None, max=None)", "Clamps all elements in input into the range [min, max]."),
        ("reshape", "reshape(input, shape)", "Returns a tensor with the same data and number of elements as input, with the specified shape."),
        ("view", "view(*shape)", "Returns a new tensor with the same data as the self tensor but of a different shape."),
        ("squeeze", "squeeze(input, dim=None)", "Returns a tensor with the dimensions of input of size 1 removed."),
        ("unsqueeze", "unsqueeze(input, dim)", "Returns a new tensor with a dimension of size one inserted at the specified position."),
        ("transpose", "transpose(input, dim0, dim1)", "Returns a tensor that is a transposed version of input: dim0 and dim1 are swapped."),
        ("permute", "permute(input, dims)", "Returns a view of the original tensor input with its dimensions permuted."),
        ("backward", "backward(gradient=None, retain_graph=None, create_graph=False)",
         "Computes the gradient of current tensor w.r.t. graph leaves, accumulating it into their .grad."),
        ("detach", "detach()", "Returns a new tensor, detached from the current graph; it shares storage with the original."),
        ("item", "item()", "Returns the value of this one-element tensor as a standard Python number."),
        ("tolist", "tolist()", "Returns the tensor as a (nested) list of Python numbers."),
        ("no_grad", "no_grad()", "Context manager (and decorator) that disables gradient calculation."),
        ("is_grad_enabled", "is_grad_enabled()", "Returns True if grad mode is currently enabled."),
        ("set_printoptions", "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None)",
         "Set options for printing tensors."),
        ("allclose", "allclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False)", "Checks if all elements of input and other satisfy |input - other| <= atol + rtol * |other|."),
    ]

    static func install() {
        for (name, signature, doc) in entries {
            HelpRegistry.register(name: "torch." + name, signature: signature, doc: doc)
            HelpRegistry.register(name: "Tensor." + name, signature: signature, doc: doc)
        }
        HelpRegistry.register(name: "torch.autograd.grad", signature: "grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, allow_unused=None)",
                              doc: "Computes and returns the sum of gradients of outputs with respect to the inputs.")
        HelpRegistry.register(name: "torch.autograd.gradcheck", signature: "gradcheck(func, inputs, *, eps=1e-06, atol=1e-05, rtol=0.001, raise_exception=True)",
                              doc: "Check gradients computed via small finite differences against analytical gradients w.r.t. tensors in inputs.")
        HelpRegistry.register(name: "torch", doc: "The torch package: tensors, autograd and the operations on them (wick runs it on the CPU).")
    }
}
