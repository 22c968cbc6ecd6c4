/// `nn.Embedding(num_embeddings, embedding_dim, padding_idx=None)`: a lookup table of
/// `num_embeddings` rows of `embedding_dim` features, initialised N(0, 1) from
/// `Generator.global` with the padding row zeroed, as PyTorch does.
public final class Embedding: Module {
    /// Rows of the table.
    public let numEmbeddings: Int
    /// Features per row.
    public let embeddingDim: Int
    /// The row that gets no gradient (normalised to be non-negative), or nil.
    public let paddingIdx: Int?

    /// A table with fresh N(0, 1) weights. `max_norm` is not supported.
    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIdx: Int? = nil, dtype: DType? = nil) throws {
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIdx = try Embedding.normalizedPaddingIdx(paddingIdx, numEmbeddings)
        super.init()
        let dtype = dtype ?? DType.defaultFloat
        try checkShape([numEmbeddings, embeddingDim], dtype: dtype)
        try registerParameter("weight", Tensor(zeros: [numEmbeddings, embeddingDim], dtype: dtype))
        try resetParameters()
    }

    /// A table around `weight` itself (sharing its data), as `_weight=` does: no initialisation.
    private init(weight: Tensor, paddingIdx: Int?, freeze: Bool) throws {
        numEmbeddings = weight.shape[0]
        embeddingDim = weight.shape[1]
        self.paddingIdx = try Embedding.normalizedPaddingIdx(paddingIdx, weight.shape[0])
        super.init()
        let parameter = Tensor(storage: weight.storage, shape: weight.shape, strides: weight.strides,
                               offset: weight.storageOffset, version: weight.version)
        try registerParameter("weight", parameter)
        try parameter.setRequiresGrad(!freeze)
    }

    /// `Embedding.from_pretrained(embeddings, freeze=True, padding_idx=None)`: a table whose
    /// weight shares `embeddings`' data; frozen tables do not require grad.
    public static func fromPretrained(_ embeddings: Tensor, freeze: Bool = true, paddingIdx: Int? = nil) throws -> Embedding {
        guard embeddings.dim == 2 else { throw TensorError.value("Embeddings parameter is expected to be 2-dimensional") }
        return try Embedding(weight: embeddings, paddingIdx: paddingIdx, freeze: freeze)
    }

    private static func normalizedPaddingIdx(_ idx: Int?, _ rows: Int) throws -> Int? {
        guard let idx else { return nil }
        // PyTorch asserts this (AssertionError); raised here as a ValueError with its text.
        guard idx < rows && idx >= -rows else { throw TensorError.value("Padding_idx must be within num_embeddings") }
        return idx < 0 ? idx + rows : idx
    }

    /// The [num_embeddings, embedding_dim] table.
    public var weight: Tensor? { parameter("weight") }

    /// `reset_parameters()`: normal_(weight), then the padding row set to zero.
    override public func resetParameters() throws {
        let weight = try requiredParameter("weight")
        try Init.normal_(weight)
        if let paddingIdx, paddingIdx < weight.shape[0] {
            try noGrad { _ = try weight.select(dim: 0, index: paddingIdx).fillInPlace(.int(0)) }
        }
    }

    override public func hasAttribute(_ name: String) -> Bool {
        ["num_embeddings", "embedding_dim", "padding_idx"].contains(name) || super.hasAttribute(name)
    }

    /// `5, 3` / `4, 2, padding_idx=1`.
    override public func extraRepr() -> String {
        "\(numEmbeddings), \(embeddingDim)" + (paddingIdx.map { ", padding_idx=\($0)" } ?? "")
    }

    override public func forward(_ inputs: [ModuleValue], keywords: [(String, ModuleValue)]) throws -> ModuleValue {
        .tensor(try forward(singleTensorArgument(inputs, keywords, function: "embedding")))
    }

    /// Typed forward: `F.embedding(indices, weight, padding_idx)`.
    public func forward(_ indices: Tensor) throws -> Tensor {
        try Tensor.embedding(indices, requiredParameter("weight"), paddingIdx: paddingIdx)
    }
}
