/// Writes the `data.pkl` of a `torch.save` archive: pickle protocol 2 with tensors as
/// `torch._utils._rebuild_tensor_v2` calls over persistent storage ids, as PyTorch does.
struct PickleWriter {
    /// The pickle bytes so far.
    private(set) var bytes: [UInt8] = [0x80, 2]
    /// Storages in order of first appearance (their index is the archive key).
    private(set) var storages: [Storage] = []
    private var storageKeys: [ObjectIdentifier: Int] = [:]
    private var depth = 0

    /// Appends `value` (without STOP); throws on nesting deeper than Python's recursion limit.
    mutating func write(_ value: IOValue) throws {
        depth += 1
        defer { depth -= 1 }
        guard depth < 1000 else { throw TensorError(.runtime, "maximum recursion depth exceeded while pickling an object") }
        switch value {
        case .none: bytes.append(0x4E)
        case .bool(let b): bytes.append(b ? 0x88 : 0x89)
        case .int(let i): writeInt(i)
        case .float(let d):
            bytes.append(0x47)
            let bits = d.bitPattern
            for k in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(k))) }
        case .string(let s): writeString(s)
        case .tuple(let items): try writeTuple(items)
        case .list(let items):
            bytes.append(0x5D)
            if !items.isEmpty {
                bytes.append(0x28)
                for item in items { try write(item) }
                bytes.append(0x65)
            }
        case .dict(let pairs):
            bytes.append(0x7D)
            try writeItems(pairs)
        case .orderedDict(let pairs):
            writeGlobal("collections", "OrderedDict")
            bytes += [0x29, 0x52]
            try writeItems(pairs)
        case .tensor(let t): try writeTensor(t)
        }
    }

    /// Ends the pickle.
    mutating func finish() { bytes.append(0x2E) }

    private mutating func writeItems(_ pairs: [(key: IOValue, value: IOValue)]) throws {
        guard !pairs.isEmpty else { return }
        bytes.append(0x28)
        for (k, v) in pairs { try write(k); try write(v) }
        bytes.append(0x75)
    }

    private mutating func writeTuple(_ items: [IOValue]) throws {
        switch items.count {
        case 0: bytes.append(0x29)
        case 1...3:
            for item in items { try write(item) }
            bytes.append(UInt8(0x84 + items.count))
        default:
            bytes.append(0x28)
            for item in items { try write(item) }
            bytes.append(0x74)
        }
    }

    private mutating func writeInt(_ i: Int) {
        if i >= 0 && i < 256 { bytes += [0x4B, UInt8(i)]; return }
        if i >= 0 && i < 65536 { bytes += [0x4D, UInt8(i & 0xFF), UInt8(i >> 8)]; return }
        if i >= Int(Int32.min) && i <= Int(Int32.max) {
            bytes.append(0x4A)
            for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: i >> (8 * k))) }
            return
        }
        // LONG1: minimal little-endian two's complement.
        var le: [UInt8] = []
        for k in 0..<8 { le.append(UInt8(truncatingIfNeeded: i >> (8 * k))) }
        while le.count > 1 {
            let last = le[le.count - 1], prev = le[le.count - 2]
            if (last == 0 && prev & 0x80 == 0) || (last == 0xFF && prev & 0x80 != 0) { le.removeLast() } else { break }
        }
        bytes += [0x8A, UInt8(le.count)] + le
    }

    private mutating func writeString(_ s: String) {
        let utf8 = Array(s.utf8)
        bytes.append(0x58)
        for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: utf8.count >> (8 * k))) }
        bytes += utf8
    }

    private mutating func writeGlobal(_ module: String, _ name: String) {
        bytes.append(0x63)
        bytes += Array(module.utf8) + [0x0A] + Array(name.utf8) + [0x0A]
    }

    private mutating func writeTensor(_ t: Tensor) throws {
        if t.isParameter { writeGlobal("torch._utils", "_rebuild_parameter") }
        writeGlobal("torch._utils", "_rebuild_tensor_v2")
        bytes.append(0x28)
        // Persistent id ('storage', torch.<Type>Storage, key, 'cpu', numel).
        let storage = t.storage
        let key: Int
        if let k = storageKeys[ObjectIdentifier(storage)] { key = k } else {
            key = storages.count
            storageKeys[ObjectIdentifier(storage)] = key
            storages.append(storage)
        }
        bytes.append(0x28)
        writeString("storage")
        writeGlobal("torch", Serialization.storageName(storage.dtype))
        writeString(String(key))
        writeString("cpu")
        writeInt(storage.count)
        bytes += [0x74, 0x51]
        writeInt(t.storageOffset)
        try writeTuple(t.shape.map { .int($0) })
        try writeTuple(t.strides.map { .int($0) })
        bytes.append(!t.isParameter && t.requiresGrad ? 0x88 : 0x89)
        writeGlobal("collections", "OrderedDict")
        bytes += [0x29, 0x52, 0x74, 0x52]
        if t.isParameter {
            bytes.append(t.requiresGrad ? 0x88 : 0x89)
            writeGlobal("collections", "OrderedDict")
            bytes += [0x29, 0x52, 0x87, 0x52]
        }
    }
}
