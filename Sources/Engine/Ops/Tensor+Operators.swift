/// Swift operators for the pointwise ops, mirroring Python's (`+ - * / % & | ^ ~` and their
/// reflected forms with a number on the left). Comparisons use the pointwise spellings
/// `.== .!= .< .<= .> .>=` and give bool tensors. Swift has no `**` or `//`: use `pow` and
/// `floorDivide`. The operators throw, like the ops they call (shape mismatches are errors).
extension Tensor {
    /// `tensor + tensor`: `add`.
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.add(rhs) }
    /// `tensor + number`: `add`.
    public static func + (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.add(rhs) }
    /// `number + tensor`: `add` (reflected).
    public static func + (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.add(lhs) }
    /// `tensor - tensor`: `sub`.
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.sub(rhs) }
    /// `tensor - number`: `sub`.
    public static func - (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.sub(rhs) }
    /// `number - tensor`: `rsub`.
    public static func - (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.rsub(lhs) }
    /// `tensor * tensor`: `mul`.
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.mul(rhs) }
    /// `tensor * number`: `mul`.
    public static func * (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.mul(rhs) }
    /// `number * tensor`: `mul` (reflected).
    public static func * (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.mul(lhs) }
    /// `tensor / tensor`: `div`.
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.div(rhs) }
    /// `tensor / number`: `div`.
    public static func / (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.div(rhs) }
    /// `number / tensor`: PyTorch computes `tensor.reciprocal() * number` (a MulBackward0 node).
    public static func / (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.reciprocal().mul(lhs) }
    /// `tensor % tensor`: `remainder`.
    public static func % (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.remainder(rhs) }
    /// `tensor % number`: `remainder`.
    public static func % (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.remainder(rhs) }
    /// `number % tensor`: `remainder` (reflected).
    public static func % (lhs: Scalar, rhs: Tensor) throws -> Tensor { try Tensor.remainder(lhs, rhs) }
    /// `-tensor`: `neg`.
    public static prefix func - (operand: Tensor) throws -> Tensor { try operand.neg() }

    /// `a += b`: in place, as Python's `+=` on a tensor (`add_`).
    public static func += (lhs: inout Tensor, rhs: Tensor) throws { try lhs.addInPlace(rhs) }
    /// `a += number`.
    public static func += (lhs: inout Tensor, rhs: Scalar) throws { try lhs.addInPlace(rhs) }
    /// `a -= b` (`sub_`).
    public static func -= (lhs: inout Tensor, rhs: Tensor) throws { try lhs.subInPlace(rhs) }
    /// `a -= number`.
    public static func -= (lhs: inout Tensor, rhs: Scalar) throws { try lhs.subInPlace(rhs) }
    /// `a *= b` (`mul_`).
    public static func *= (lhs: inout Tensor, rhs: Tensor) throws { try lhs.mulInPlace(rhs) }
    /// `a *= number`.
    public static func *= (lhs: inout Tensor, rhs: Scalar) throws { try lhs.mulInPlace(rhs) }
    /// `a /= b` (`div_`).
    public static func /= (lhs: inout Tensor, rhs: Tensor) throws { try lhs.divInPlace(rhs) }
    /// `a /= number`.
    public static func /= (lhs: inout Tensor, rhs: Scalar) throws { try lhs.divInPlace(rhs) }

    // MARK: Comparison

    /// `tensor .== tensor`: `eq`, Python's `==`.
    public static func .== (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.eq(rhs) }
    /// `tensor .== number`: `eq`, Python's `==`.
    public static func .== (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.eq(rhs) }
    /// `number .== tensor`: `eq`, Python's `==` (reflected).
    public static func .== (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.eq(lhs) }
    /// `tensor .!= tensor`: `ne`, Python's `!=`.
    public static func .!= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.ne(rhs) }
    /// `tensor .!= number`: `ne`, Python's `!=`.
    public static func .!= (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.ne(rhs) }
    /// `number .!= tensor`: `ne`, Python's `!=` (reflected).
    public static func .!= (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.ne(lhs) }
    /// `tensor .< tensor`: `lt`, Python's `<`.
    public static func .< (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.lt(rhs) }
    /// `tensor .< number`: `lt`, Python's `<`.
    public static func .< (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.lt(rhs) }
    /// `number .< tensor`: `lt`, Python's `<` (reflected).
    public static func .< (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.gt(lhs) }
    /// `tensor .<= tensor`: `le`, Python's `<=`.
    public static func .<= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.le(rhs) }
    /// `tensor .<= number`: `le`, Python's `<=`.
    public static func .<= (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.le(rhs) }
    /// `number .<= tensor`: `le`, Python's `<=` (reflected).
    public static func .<= (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.ge(lhs) }
    /// `tensor .> tensor`: `gt`, Python's `>`.
    public static func .> (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.gt(rhs) }
    /// `tensor .> number`: `gt`, Python's `>`.
    public static func .> (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.gt(rhs) }
    /// `number .> tensor`: `gt`, Python's `>` (reflected).
    public static func .> (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.lt(lhs) }
    /// `tensor .>= tensor`: `ge`, Python's `>=`.
    public static func .>= (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.ge(rhs) }
    /// `tensor .>= number`: `ge`, Python's `>=`.
    public static func .>= (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.ge(rhs) }
    /// `number .>= tensor`: `ge`, Python's `>=` (reflected).
    public static func .>= (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.le(lhs) }

    // MARK: Bitwise (integers and bools)

    /// `tensor & tensor`: `bitwise_and`.
    public static func & (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.bitwiseAnd(rhs) }
    /// `tensor & number`: `bitwise_and`.
    public static func & (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.bitwiseAnd(rhs) }
    /// `number & tensor`: `bitwise_and` (reflected).
    public static func & (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.bitwiseAnd(lhs) }
    /// `tensor | tensor`: `bitwise_or`.
    public static func | (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.bitwiseOr(rhs) }
    /// `tensor | number`: `bitwise_or`.
    public static func | (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.bitwiseOr(rhs) }
    /// `number | tensor`: `bitwise_or` (reflected).
    public static func | (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.bitwiseOr(lhs) }
    /// `tensor ^ tensor`: `bitwise_xor`.
    public static func ^ (lhs: Tensor, rhs: Tensor) throws -> Tensor { try lhs.bitwiseXor(rhs) }
    /// `tensor ^ number`: `bitwise_xor`.
    public static func ^ (lhs: Tensor, rhs: Scalar) throws -> Tensor { try lhs.bitwiseXor(rhs) }
    /// `number ^ tensor`: `bitwise_xor` (reflected).
    public static func ^ (lhs: Scalar, rhs: Tensor) throws -> Tensor { try rhs.bitwiseXor(lhs) }

    /// `~x`: logical not of a bool tensor, bitwise not of an integer one; Python's TypeError
    /// for floats.
    public static prefix func ~ (operand: Tensor) throws -> Tensor {
        guard !operand.dtype.isFloatingPoint else {
            throw TensorError.type("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
        }
        return try operand.bitwiseNot()
    }
}
