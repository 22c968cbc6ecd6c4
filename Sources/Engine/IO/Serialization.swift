import Foundation

/// `torch.save` / `torch.load(weights_only=True)` in PyTorch's own file format: a ZIP archive
/// holding `data.pkl` (pickle protocol 2), `byteorder`, `version`, `.data/serialization_id`
/// and one `data/<key>` record per storage. Files round-trip with real PyTorch 2.15.
public enum Serialization {
    /// PyTorch's legacy storage class name for `dtype` (`FloatStorage`, …).
    public static func storageName(_ dtype: DType) -> String {
        switch dtype {
        case .float32: return "FloatStorage"
        case .float64: return "DoubleStorage"
        case .int64: return "LongStorage"
        case .int32: return "IntStorage"
        case .bool: return "BoolStorage"
        }
    }

    /// The dtype of a `torch.<Name>Storage` global, if wick supports it.
    static func dtype(storageName path: String) -> DType? {
        for dtype in DType.allCases where "torch." + storageName(dtype) == path { return dtype }
        return nil
    }

    /// The text `torch.load` wraps weights-only unpickling errors in (PyTorch 2.15).
    public static func weightsOnlyMessage(_ message: String) -> String {
        let unsafe = "In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do it only if you got the file from a trusted source."
        let docs = "\n\nCheck the documentation of torch.load to learn more about types accepted by default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html."
        if message.contains(" was not an allowed global by default.") {
            return "Weights only load failed. This file can still be loaded, to do so you have two options, \u{1B}[1mdo those steps only if you trust the source of the checkpoint\u{1B}[0m. \n\t(1) \(unsafe)\n\t(2) Alternatively, to load with `weights_only=True` please check the recommended steps in the following error message.\n\tWeightsUnpickler error: " + message + docs
        }
        var text = "Weights only load failed. \(unsafe)\n"
        if !message.contains(" is blocked") {
            text += "Please file an issue with the following so that we can make `weights_only=True` compatible with your use case: WeightsUnpickler error: "
        }
        return text + "\n\n" + message + docs
    }

    /// A tensor over `storage` with PyTorch's bounds checks (`_rebuild_tensor_v2` → `set_`).
    static func makeTensor(storage: Storage, offset: Int, size: [Int], strides: [Int]) throws -> Tensor {
        guard size.count == strides.count else {
            throw TensorError.runtime("mismatch in length of strides and shape")
        }
        if let bad = size.first(where: { $0 < 0 }) {
            throw TensorError.runtime("Trying to create tensor with negative dimension \(bad): [\(size.map(String.init).joined(separator: ", "))]")
        }
        if strides.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("as_strided: Negative strides are not supported at the moment, got strides: [\(strides.map(String.init).joined(separator: ", "))]")
        }
        guard offset >= 0 else { throw TensorError.runtime("Tensor: invalid storage offset \(offset)") }
        var required = 0
        var overflow = false
        if !size.contains(0) {
            required = 1
            for (n, s) in zip(size, strides) {
                let (span, o1) = (n - 1).multipliedReportingOverflow(by: s)
                let (sum, o2) = required.addingReportingOverflow(span)
                overflow = overflow || o1 || o2
                required = sum
            }
            let (withOffset, o3) = required.addingReportingOverflow(offset)
            overflow = overflow || o3
            required = withOffset
        }
        if overflow || required > storage.count {
            let item = storage.dtype.itemSize
            let need = overflow ? "more than \(Int.max)" : String(required.multipliedReportingOverflow(by: item).partialValue)
            throw TensorError.runtime("setStorage: sizes [\(size.map(String.init).joined(separator: ", "))], strides [\(strides.map(String.init).joined(separator: ", "))], storage offset \(offset), and itemsize \(item) requiring a storage size of \(need) are out of bounds for storage of size \(storage.count * item)")
        }
        return Tensor(storage: storage, shape: size, strides: strides, offset: offset)
    }

    // MARK: Saving

    /// The archive bytes `torch.save(value, <archiveName>.pth)` writes.
    public static func archive(_ value: IOValue, archiveName: String) throws -> [UInt8] {
        var writer = PickleWriter()
        try writer.write(value)
        writer.finish()
        var files: [(name: String, data: [UInt8])] = [
            ("\(archiveName)/data.pkl", writer.bytes),
            ("\(archiveName)/.format_version", Array("1".utf8)),
            ("\(archiveName)/.storage_alignment", Array("64".utf8)),
            ("\(archiveName)/byteorder", Array("little".utf8)),
        ]
        for (key, storage) in writer.storages.enumerated() {
            let count = storage.count * storage.dtype.itemSize
            let raw = UnsafeRawBufferPointer(start: storage.bytes, count: count)
            files.append(("\(archiveName)/data/\(key)", Array(raw)))
        }
        files.append(("\(archiveName)/version", Array("3\n".utf8)))
        // A deterministic 40-digit id derived from the content (PyTorch's is random).
        var id = ""
        var seed = UInt64(CRC32.checksum(writer.bytes[...])) &* 0x9E37_79B9_7F4A_7C15 | 1
        for _ in 0..<40 {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            id += String(seed % 10)
        }
        files.append(("\(archiveName)/.data/serialization_id", Array(id.utf8)))
        return try ZipArchive.write(files)
    }

    /// `torch.save(value, path)`: writes atomically (a temporary file in the same directory,
    /// then a rename).
    public static func save(_ value: IOValue, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw TensorError.runtime("Parent directory \(parent) does not exist.")
        }
        var stem = url.deletingPathExtension().lastPathComponent
        if stem.isEmpty { stem = "archive" }
        let bytes = try archive(value, archiveName: stem)
        let temporary = directory + "/.\(url.lastPathComponent).wick-tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw SerializationError(.os, "[Errno 13] Permission denied: '\(path)'", errno: 13, filename: path)
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            if code == EISDIR {
                throw SerializationError(.os, "[Errno 21] Is a directory: '\(path)'", errno: 21, filename: path)
            }
            throw SerializationError(.os, "[Errno \(code)] \(String(cString: strerror(code))): '\(path)'", errno: code, filename: path)
        }
    }

    // MARK: Loading

    /// `torch.load(path, weights_only=True)`.
    public static func load(from path: String) throws -> IOValue {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SerializationError(.fileNotFound, "[Errno 2] No such file or directory: '\(path)'", errno: 2, filename: path)
        }
        if isDirectory.boolValue {
            throw SerializationError(.os, "[Errno 21] Is a directory: '\(path)'", errno: 21, filename: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SerializationError(.os, "[Errno 13] Permission denied: '\(path)'", errno: 13, filename: path)
        }
        return try load(bytes: [UInt8](data))
    }

    /// Loads a checkpoint from its bytes.
    public static func load(bytes: [UInt8]) throws -> IOValue {
        guard !bytes.isEmpty else { throw SerializationError(.eof, "") }
        guard bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 else {
            throw TensorError.notImplemented("torch.load: this file is not a zip archive; wick reads only the zip-based format torch.save has written since PyTorch 1.6 (the legacy format is not supported)")
        }
        let entries = try ZipArchive.entries(of: bytes)
        guard let first = entries.first else {
            throw TensorError.runtime("PytorchStreamReader failed reading zip archive: archive has no files")
        }
        let prefix = first.name.split(separator: "/", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var byName: [String: ZipArchive.Entry] = [:]
        for e in entries where byName[e.name] == nil { byName[e.name] = e }
        func record(_ name: String) throws -> ArraySlice<UInt8> {
            guard let e = byName[prefix + "/" + name] else {
                throw TensorError.runtime("PytorchStreamReader failed locating file \(name): file not found")
            }
            return try ZipArchive.data(of: e, in: bytes, record: name)
        }
        if byName[prefix + "/byteorder"] != nil, String(decoding: try record("byteorder"), as: UTF8.self) != "little" {
            throw TensorError.notImplemented("torch.load: big-endian checkpoints are not supported by wick")
        }
        let pickle = try record("data.pkl")
        var storages: [String: Storage] = [:]
        var unpickler = SafeUnpickler(data: bytes, range: pickle.startIndex..<pickle.endIndex) { key, dtype, numel in
            if let s = storages[key] {
                guard s.dtype == dtype else { throw TensorError.runtime("torch.load: storage \(key) is loaded with two different dtypes") }
                return s
            }
            let raw = try record("data/" + key)
            let (need, overflow) = numel.multipliedReportingOverflow(by: dtype.itemSize)
            guard !overflow, raw.count >= need else {
                throw TensorError.runtime("PytorchStreamReader failed reading file data/\(key): record holds \(raw.count) bytes but the storage needs \(overflow ? "more" : String(need))")
            }
            try MemoryBudget.check(bytes: need)
            let storage = Storage(count: numel, dtype: dtype)
            raw.withUnsafeBytes { src in
                if let base = src.baseAddress, need > 0 { storage.bytes.copyMemory(from: base, byteCount: need) }
            }
            if dtype == .bool {
                // Any nonzero byte is True; keep Swift's Bool representation valid.
                let p = storage.bytes.assumingMemoryBound(to: UInt8.self)
                for i in 0..<numel where p[i] > 1 { p[i] = 1 }
            }
            storages[key] = storage
            return storage
        }
        do {
            return try unpickler.run()
        } catch let e as SerializationError where e.kind == .unpickling {
            throw SerializationError(.unpickling, weightsOnlyMessage(e.message))
        }
    }
}
