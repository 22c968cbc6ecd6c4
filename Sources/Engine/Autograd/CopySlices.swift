/// Autograd through views written in place, as PyTorch does it.
///
/// When an in-place op writes through a view (`y[0] = v`, `y[:, 1].mul_(2)`), the view's base
/// gets a new grad_fn, `CopySlices`: its backward takes the base's gradient, runs the op's own
/// backward on the part the view covers, and passes the rest through unchanged. The view's
/// grad_fn becomes `AsStridedBackward0` over the base's `CopySlices`. Other views of the same
/// base made before the write are stale: their grad_fn is regenerated the same way the next
/// time the graph reaches them (`refreshStaleView`). A view is stale when the chain of view
/// nodes behind its grad_fn no longer ends at its base's current grad_fn.
///
/// Views made under `no_grad` of a tensor that requires grad (rare) are remembered in
/// `NoGradViews`, because writing to them with grad mode on is an error.
enum NoGradViews {
    struct Entry {
        weak var view: Tensor?
        /// True when made from such a view (rather than directly under no_grad).
        let inherited: Bool
        /// The grad_fn name of the op that made the view, for messages.
        let op: String?
    }

    nonisolated(unsafe) static var entries: [ObjectIdentifier: Entry] = [:]
    nonisolated(unsafe) static var purgeAt = 256

    static func entry(_ view: Tensor) -> Entry? {
        guard !entries.isEmpty, let e = entries[ObjectIdentifier(view)], e.view === view else { return nil }
        return e
    }

    static func add(_ view: Tensor, inherited: Bool, op: String?) {
        entries[ObjectIdentifier(view)] = Entry(view: view, inherited: inherited, op: op)
        if entries.count >= purgeAt {
            entries = entries.filter { $0.value.view != nil }
            purgeAt = Swift.max(256, entries.count * 2)
        }
    }
}

/// PyTorch's name for the op behind a grad_fn in messages: `SelectBackward0` → `Select`.
private func opName(_ node: String?) -> String {
    guard var name = node else { return "?" }
    if let r = name.range(of: "Backward", options: .backwards) { name = String(name[..<r.lowerBound]) }
    return name
}

/// Names of the nodes that view ops record, and of those that return several views at once.
private let viewNodeNames: Set<String> = [
    "ViewBackward0", "ExpandBackward0", "UnsqueezeBackward0", "SqueezeBackward0", "SqueezeBackward1",
    "SqueezeBackward2", "PermuteBackward0", "TransposeBackward0", "TBackward0", "SelectBackward0",
    "SliceBackward0", "AliasBackward0", "AsStridedBackward0", "SplitBackward0",
    "SplitWithSizesBackward0", "UnbindBackward0", "ReshapeAliasBackward0",
]
private let multiViewNodeNames: Set<String> = ["SplitBackward0", "SplitWithSizesBackward0", "UnbindBackward0"]

extension Tensor {
    /// Called by `makeView`: remembers views made under `no_grad` of a tensor that requires
    /// grad, and views of such views.
    func trackView(parent: Tensor, op: String?) {
        guard let root = base, root.requiresGrad else { return }
        if !GradMode.enabled {
            NoGradViews.add(self, inherited: false, op: op)
        } else if parent.base != nil, NoGradViews.entry(parent) != nil {
            NoGradViews.add(self, inherited: true, op: op)
        }
    }

    /// PyTorch's lazy grad_fn regeneration: a view whose data was changed in place (through
    /// its base or another view) since its grad_fn was made gets `AsStridedBackward0` over the
    /// base's current grad_fn.
    func refreshStaleView() {
        guard let root = base, root.requiresGrad, NoGradViews.entry(self) == nil else { return }
        if let fn = gradFn {
            // Only views whose grad_fn a view op made (a custom Function's output keeps its own).
            guard viewNodeNames.contains(fn.name) else { return }
            var node = fn
            var steps = 0
            while viewNodeNames.contains(node.name), let next = node.nextEdges.first??.node, steps < 100_000 {
                node = next
                steps += 1
            }
            if let current = root.gradFn {
                if node === current { return }
            } else if node.variable === root {
                return
            }
        }
        gradFn = Node(name: "AsStridedBackward0", nextEdges: [root.gradientEdge()],
                      inputMeta: [(root.shape, root.dtype)], outputMeta: [(shape, dtype)], saved: [],
                      formula: viewBackwardFormula(in: root))
        outputNr = 0
    }

    /// The backward of this view as a view of `root`: its gradient scattered into zeros of the
    /// root's shape.
    private func viewBackwardFormula(in root: Tensor) -> BackwardFormula {
        let placement = ViewPlacement(view: self, in: root)
        return { g, _ in
            guard let placement else { throw ViewPlacement.unsupported }
            return [try placement.scatter(g[0])]
        }
    }

    /// Rejects in-place changes PyTorch forbids on views: outputs of ops that return several
    /// views (split, chunk, unbind) and views made under `no_grad` of a tensor that requires
    /// grad. Call before writing.
    func checkViewInPlace() throws {
        guard GradMode.enabled, let root = base else { return }
        if let entry = NoGradViews.entry(self), root.requiresGrad {
            let what = entry.inherited
                ? "Output \(outputNr) of \(opName(gradFn?.name ?? entry.op)) is a view of a view which was created in no_grad mode"
                : "A view was created in no_grad mode"
            throw TensorError.runtime(what + " and is being modified inplace with grad mode enabled. Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the no_grad block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).")
        }
        var node = gradFn
        var steps = 0
        while let n = node, viewNodeNames.contains(n.name), steps < 10_000 {
            if multiViewNodeNames.contains(n.name) {
                throw TensorError.runtime("Output \(outputNr) of \(opName(gradFn?.name)) is a view and is being modified inplace. This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.")
            }
            node = n.nextEdges.first??.node
            steps += 1
        }
    }

    /// Records an in-place op on this view: the base gets `CopySlices` around the op's
    /// backward `formula` (gradients for [view-before-the-op] + `others`), and this view gets
    /// `AsStridedBackward0` over it.
    func recordCopySlices(_ name: String, root: Tensor, others: [Tensor?], saved: [SavedTensor],
                          _ formula: @escaping BackwardFormula) throws {
        try checkViewInPlace()
        guard let placement = ViewPlacement(view: self, in: root) else { throw ViewPlacement.unsupported }
        let rootEdge = root.gradientEdge()
        let viewShape = shape, rootDtype = root.dtype, otherCount = others.count
        let copySlices = Node(
            name: "CopySlices", nextEdges: [rootEdge] + others.map { $0?.gradientEdge() },
            inputMeta: [(root.shape, root.dtype)] + others.map { ($0?.shape ?? [], $0?.dtype ?? .float32) },
            outputMeta: [(root.shape, root.dtype)], saved: saved,
            formula: { g, saved in
                let slice = try placement.gather(g[0])
                let res = try formula([slice], saved)
                guard res.count == 1 + otherCount else {
                    throw TensorError.runtime("function \(name) returned an incorrect number of gradients (expected \(1 + otherCount), got \(res.count))")
                }
                var gRoot: Tensor? = nil
                if rootEdge != nil {
                    var inner = res[0]
                    if let s = inner, s.shape != viewShape { inner = try s.sumToSize(viewShape) }
                    if let s = inner, s.dtype != rootDtype { inner = try s.to(rootDtype) }
                    gRoot = try placement.replace(g[0], with: inner)
                }
                return [gRoot] + res.dropFirst()
            })
        if GradMode.detectAnomaly { copySlices.anomalyTrace = Autograd.anomalyTraceProvider?() }
        root.gradFn = copySlices
        root.outputNr = 0
        gradFn = Node(name: "AsStridedBackward0", nextEdges: [(copySlices, 0)], inputMeta: [(root.shape, root.dtype)],
                      outputMeta: [(shape, dtype)], saved: [], formula: { g, _ in [try placement.scatter(g[0])] })
        outputNr = 0
    }
}

/// Where a view's elements sit in its base, in the base's own index space: a permutation that
/// makes the base row-major (identity for ordinary tensors) and the view's region in it.
struct ViewPlacement {
    let permutation: [Int]?
    let inverse: [Int]
    let region: Region

    static let unsupported = TensorError.notImplemented("in-place changes through a view of a tensor whose elements are not laid out densely are not supported by wick yet; clone() the tensor first")

    /// Nil when the base is not dense and free of overlap (so a region cannot describe the view).
    init?(view: Tensor, in base: Tensor) {
        let n = base.dim
        let order = (0..<n).sorted { a, b in
            base.strides[a] != base.strides[b] ? base.strides[a] > base.strides[b] : a < b
        }
        let shape = order.map { base.shape[$0] }, strides = order.map { base.strides[$0] }
        let probe = Tensor(storage: base.storage, shape: shape, strides: strides, offset: base.storageOffset)
        guard probe.isContiguous, !zip(shape, strides).contains(where: { $0.0 > 1 && $0.1 == 0 }) else { return nil }
        let identity = order == Array(0..<n)
        permutation = identity ? nil : order
        var inv = [Int](repeating: 0, count: n)
        for (i, d) in order.enumerated() { inv[d] = i }
        inverse = inv
        region = Region(shape: view.shape, strides: view.strides, offset: view.storageOffset - base.storageOffset,
                        fullShape: shape)
    }

    private func toRegionSpace(_ g: Tensor) throws -> Tensor {
        guard let permutation else { return g }
        return try g.permute(permutation)
    }

    private func fromRegionSpace(_ g: Tensor) throws -> Tensor {
        guard permutation != nil else { return g }
        return try g.permute(inverse)
    }

    /// The part of a base-shaped gradient that the view covers.
    func gather(_ g: Tensor) throws -> Tensor { try toRegionSpace(g).gatherRegion(region) }

    /// A view-shaped gradient placed into zeros of the base's shape.
    func scatter(_ g: Tensor) throws -> Tensor {
        try fromRegionSpace(g.scatterRegion(region, name: "AsStridedScatterBackward0"))
    }

    /// A base-shaped gradient with the view's part replaced (by zeros when `value` is nil).
    func replace(_ g: Tensor, with value: Tensor?) throws -> Tensor {
        try fromRegionSpace(toRegionSpace(g).replacingRegion(region, with: value))
    }
}
