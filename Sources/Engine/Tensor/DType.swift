/// The element types a tensor can hold, named as PyTorch names them.
public enum DType: Int, CaseIterable, Sendable, CustomStringConvertible {
    case bool, int32, int64, float32, float64

    /// Size of one element in bytes.
    public var itemSize: Int {
        switch self {
        case .bool: return 1
        case .int32, .float32: return 4
        case .int64, .float64: return 8
        }
    }

    /// True for float32 and float64.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// PyTorch's printed name, `torch.float32`.
    public var description: String { "torch." + shortName }

    /// The name without the `torch.` prefix.
    public var shortName: String {
        switch self {
        case .bool: return "bool"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float32: return "float32"
        case .float64: return "float64"
        }
    }

    /// The legacy tensor type name (`torch.FloatTensor`) that PyTorch uses in some messages.
    public var legacyTypeName: String {
        switch self {
        case .bool: return "torch.BoolTensor"
        case .int32: return "torch.IntTensor"
        case .int64: return "torch.LongTensor"
        case .float32: return "torch.FloatTensor"
        case .float64: return "torch.DoubleTensor"
        }
    }

    /// The name PyTorch's kernels print in "not implemented for" errors (`'Float'`).
    public var scalarTypeName: String {
        switch self {
        case .bool: return "Bool"
        case .int32: return "Int"
        case .int64: return "Long"
        case .float32: return "Float"
        case .float64: return "Double"
        }
    }

    /// Kind used for type promotion: bool < integral < floating point.
    var category: Int {
        switch self {
        case .bool: return 0
        case .int32, .int64: return 1
        case .float32, .float64: return 2
        }
    }

    /// Promotes two dtypes of the same priority (both dimensioned tensors, say) as
    /// `torch.promote_types` does.
    public static func promote(_ a: DType, _ b: DType) -> DType {
        a.rawValue >= b.rawValue ? a : b
    }

    /// The floating dtype that new float tensors get (`torch.get_default_dtype()`).
    nonisolated(unsafe) public static var defaultFloat: DType = .float32
}
