/// Swift operators for the arithmetic ops, mirroring Python's `+ - * /` and their reflected
/// forms. They throw, like the ops they call (shape mismatches are errors).
extension Tensor {
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.add(rhs) }
    public static func + (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.add(rhs) }
    public static func + (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.add(lhs) }
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.sub(rhs) }
    public static func - (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.sub(rhs) }
    public static func - (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.rsub(lhs) }
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.mul(rhs) }
    public static func * (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.mul(rhs) }
    public static func * (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.mul(lhs) }
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.div(rhs) }
    public static func / (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.div(rhs) }
    public static prefix func - (operand: Tensor) throws -> Tensor { try operand.neg() }
}
