import Script

/// Indexing of arrays: ints, slices, `None` and `...` give views (writes go through to the
/// original, as in numpy); a boolean mask or a list/array of ints on the first axis gives a copy.
extension NdArray {
    /// `a[key]`.
    func getItem(_ key: PyObject) throws -> PyObject {
        if let mask = fullMask(key) {
            let v = values
            return NdArray(zip(v, mask.values).compactMap { $1 != 0 ? $0 : nil }, shape: [mask.values.filter { $0 != 0 }.count], kind: kind)
        }
        if let rows = try fancyRows(key) {
            let inner = shape.dropFirst().reduce(1, *)
            let v = values
            var out: [Double] = []
            out.reserveCapacity(rows.count * inner)
            for r in rows { out.append(contentsOf: v[(r * inner) ..< (r * inner + inner)]) }
            return NdArray(out, shape: [rows.count] + shape.dropFirst(), kind: kind)
        }
        let view = try basicView(key)
        if view.shape.isEmpty { return scalar(view.buffer.values[view.offset]) }
        return view
    }

    /// `a[key] = value`.
    func setItem(_ key: PyObject, _ value: PyObject) throws {
        let source = try NdConvert.array(value, copy: false)
        if let mask = fullMask(key) {
            var positions: [Int] = []
            forEachOffset { positions.append($0) }
            let chosen = zip(positions, mask.values).compactMap { $1 != 0 ? $0 : nil }
            let sv = source.values
            guard sv.count == 1 || sv.count == chosen.count else {
                throw PyError.value("NumPy boolean array indexing assignment cannot assign \(sv.count) input values to the \(chosen.count) output values where the mask is true")
            }
            for (k, p) in chosen.enumerated() { buffer.values[p] = kind.store(sv.count == 1 ? sv[0] : sv[k]) }
            return
        }
        if let rows = try fancyRows(key) {
            let inner = shape.dropFirst().reduce(1, *)
            let target = [rows.count] + Array(shape.dropFirst())
            guard (try? NdMath.broadcastShape(source.shape, target)) == target else {
                throw PyError.value("could not broadcast input array from shape \(tupleText(source.shape)) into shape \(tupleText(target))")
            }
            let idx = NdMath.broadcastIndex(source.shape, target)
            let sv = source.values
            var positions: [Int] = []
            forEachOffset { positions.append($0) }
            for (k, r) in rows.enumerated() {
                for j in 0 ..< inner { buffer.values[positions[r * inner + j]] = kind.store(sv[idx[k * inner + j]]) }
            }
            return
        }
        let view = try basicView(key)
        guard (try? NdMath.broadcastShape(source.shape, view.shape)) == view.shape else {
            throw PyError.value("could not broadcast input array from shape \(tupleText(source.shape)) into shape \(tupleText(view.shape))")
        }
        let idx = NdMath.broadcastIndex(source.shape, view.shape)
        let sv = source.values
        var k = 0
        view.forEachOffset { p in
            buffer.values[p] = kind.store(sv[idx[k]])
            k += 1
        }
    }

    /// A boolean mask of this array's full shape (selects elements), or nil.
    private func fullMask(_ key: PyObject) -> NdArray? {
        guard let m = key as? NdArray, m.kind == .bool, m.shape == shape, shape.count > 1 else { return nil }
        return m
    }

    /// Rows selected by a boolean mask or an integer list/array on the first axis; nil for basic keys.
    private func fancyRows(_ key: PyObject) throws -> [Int]? {
        let index: NdArray
        if let a = key as? NdArray { index = a }
        else if key is PyList { index = try NdConvert.array(key) }
        else if let t = key as? TensorObject { index = NdArray.from(t.tensor) }
        else {
            if let t = key as? PyTuple, t.items.contains(where: { $0 is NdArray || $0 is PyList }) {
                throw PyError.notImplemented("numpy advanced indexing with several index arrays is not supported by wick")
            }
            return nil
        }
        guard !shape.isEmpty else { throw PyError.index("too many indices for array: array is 0-dimensional, but 1 were indexed") }
        if index.kind == .bool {
            guard index.shape == [shape[0]] || (index.shape == shape && shape.count == 1) else {
                if index.shape == shape { throw PyError.notImplemented("numpy boolean masks over several axes are not supported by wick") }
                throw PyError.index("boolean index did not match indexed array along axis 0; size of axis is \(shape[0]) but size of corresponding boolean axis is \(index.shape.first ?? 0)")
            }
            return index.values.enumerated().compactMap { $0.element != 0 ? $0.offset : nil }
        }
        guard !index.kind.isFloat else {
            throw PyError.index("arrays used as indices must be of integer (or boolean) type")
        }
        guard index.shape.count <= 1 else { throw PyError.notImplemented("numpy indexing with a multi-dimensional index array is not supported by wick") }
        return try index.values.map { v in
            let i = Int(safeInt64(v))
            guard i >= -shape[0] && i < shape[0] else {
                throw PyError.index("index \(i) is out of bounds for axis 0 with size \(shape[0])")
            }
            return i < 0 ? i + shape[0] : i
        }
    }

    /// The view selected by ints, slices, `None` and `...`.
    func basicView(_ key: PyObject) throws -> NdArray {
        var items = (key as? PyTuple)?.items ?? [key]
        let used = items.filter { !($0 is PyNone) && !($0 is PyEllipsis) }.count
        if let e = items.firstIndex(where: { $0 is PyEllipsis }) {
            items.replaceSubrange(e ... e, with: [PyObject](repeating: PySlice(PyNone.shared, PyNone.shared, PyNone.shared), count: max(0, shape.count - used)))
        }
        guard used <= shape.count else {
            throw PyError.index("too many indices for array: array is \(shape.count)-dimensional, but \(used) were indexed")
        }
        var newShape: [Int] = [], newStrides: [Int] = []
        var position = offset
        var d = 0
        for item in items {
            if item is PyNone { newShape.append(1); newStrides.append(0); continue }
            if let s = item as? PySlice {
                let (start, step, n) = try sliceBounds(s, shape[d])
                position += start * strides[d]
                newShape.append(n)
                newStrides.append(n <= 1 ? 0 : strides[d] &* step)
                d += 1
                continue
            }
            guard let i = item as? PyInt else {
                throw PyError.index("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")
            }
            let n = shape[d]
            guard i.value >= Int64(-n) && i.value < Int64(n) else {
                throw PyError.index("index \(i.value) is out of bounds for axis \(d) with size \(n)")
            }
            position += (Int(i.value) < 0 ? Int(i.value) + n : Int(i.value)) * strides[d]
            d += 1
        }
        while d < shape.count { newShape.append(shape[d]); newStrides.append(strides[d]); d += 1 }
        return NdArray(buffer: buffer, shape: newShape, strides: newStrides, offset: position, kind: kind)
    }
}

/// `slice.indices(length)` as CPython computes it: (start, step, count).
func sliceBounds(_ s: PySlice, _ length: Int) throws -> (Int, Int, Int) {
    func value(_ o: PyObject) throws -> Int? {
        if o is PyNone { return nil }
        guard let i = o as? PyInt else {
            throw PyError.type("slice indices must be integers or None or have an __index__ method")
        }
        return Int(clamping: i.value)
    }
    let step = try value(s.step) ?? 1
    if step == 0 { throw PyError.value("slice step cannot be zero") }
    if step > 0 {
        var start = try value(s.start) ?? 0, stop = try value(s.stop) ?? length
        start = start < 0 ? max(0, start &+ length) : min(start, length)
        stop = stop < 0 ? max(0, stop &+ length) : min(stop, length)
        return (start, step, stop > start ? (stop - start - 1) / step + 1 : 0)
    }
    var start = try value(s.start) ?? length - 1, stop = try value(s.stop) ?? -length - 1
    start = start < 0 ? max(-1, start &+ length) : min(start, length - 1)
    stop = stop < 0 ? max(-1, stop &+ length) : min(stop, length - 1)
    let negStep = step == Int.min ? Int.max : -step
    return (start, step, start > stop ? (start - stop - 1) / negStep + 1 : 0)
}
