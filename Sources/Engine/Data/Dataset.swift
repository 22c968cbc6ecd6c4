/// `torch.utils.data.Dataset`: a sized collection whose items are read by index.
///
/// `count` is `len(dataset)` and `item(at:)` is `dataset[i]` for `0 <= i < count`
/// (implementations throw PyTorch's `IndexError` for other indices).
public protocol Dataset {
    /// What one item is (`TensorDataset`: one tensor per field).
    associatedtype Element
    /// `len(dataset)`.
    var count: Int { get }
    /// `dataset[index]`.
    func item(at index: Int) throws -> Element
}

/// `torch.utils.data.TensorDataset(*tensors)`: item `i` is `(t[i] for t in tensors)`.
public struct TensorDataset: Dataset {
    /// The tensors, all with the same first dimension.
    public let tensors: [Tensor]

    /// Checks that every tensor has the same size in dimension 0, with PyTorch's message.
    public init(_ tensors: [Tensor]) throws {
        guard let first = tensors.first else {
            throw TensorError.index("tuple index out of range")
        }
        guard first.shape.count > 0 else {
            throw TensorError.index("tuple index out of range")
        }
        for t in tensors where t.shape.first != first.shape[0] {
            throw TensorError.value("Size mismatch between tensors")
        }
        self.tensors = tensors
    }

    /// The common first dimension.
    public var count: Int { tensors.first?.shape.first ?? 0 }

    /// `(t[index] for t in tensors)`; negative indices count from the end, as in Python.
    public func item(at index: Int) throws -> [Tensor] {
        try tensors.map { try $0.select(dim: 0, index: index) }
    }
}

/// `torch.utils.data.Subset(dataset, indices)`: `subset[i]` is `dataset[indices[i]]`.
public struct Subset<Base: Dataset>: Dataset {
    /// The dataset the subset reads from.
    public let dataset: Base
    /// The indices into `dataset`, in order.
    public let indices: [Int]

    /// A view of `dataset` at `indices`.
    public init(_ dataset: Base, indices: [Int]) {
        self.dataset = dataset
        self.indices = indices
    }

    /// `len(indices)`.
    public var count: Int { indices.count }

    /// `dataset[indices[index]]` (negative `index` counts from the end, as Python lists do).
    public func item(at index: Int) throws -> Base.Element {
        let i = index < 0 ? index + indices.count : index
        guard i >= 0, i < indices.count else { throw TensorError.index("list index out of range") }
        return try dataset.item(at: indices[i])
    }
}

/// Default collation of tensors and numbers (`torch.utils.data.default_collate`'s leaves).
public enum Collate {
    /// A batch of tensors: `torch.stack(batch, 0)`, with stack's errors for mismatched shapes.
    public static func tensors(_ batch: [Tensor]) throws -> Tensor {
        try Tensor.stack(batch, dim: 0)
    }

    /// A batch of Python numbers: floats give a float64 tensor, ints int64, bools bool
    /// (`torch.tensor(batch)` / `torch.tensor(batch, dtype=torch.float64)`).
    public static func numbers(_ batch: [Scalar]) throws -> Tensor {
        let isFloat = batch.first.map { if case .double = $0 { return true } else { return false } } ?? false
        return try Tensor(literal: .list(batch.map(TensorLiteral.scalar)), dtype: isFloat ? .float64 : nil)
    }
}
