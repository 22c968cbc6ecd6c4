import Foundation

/// The ZIP container PyTorch's `torch.save` writes: stored (uncompressed) entries whose data
/// start on 64-byte boundaries, read back through the central directory (zip64 understood).
///
/// Errors use the texts of PyTorch 2.15's `PytorchStreamReader`.
public enum ZipArchive {
    /// One stored file of an archive: where its bytes are in the archive and their checksum.
    public struct Entry: Equatable {
        /// Full name inside the archive (`archive/data/0`).
        public let name: String
        /// Offset of the first data byte in the archive.
        public let dataOffset: Int
        /// Number of data bytes.
        public let size: Int
        /// CRC-32 recorded in the central directory.
        public let crc: UInt32
    }

    /// Text PyTorch 2.15 appends to errors found while opening an archive.
    static let corruptionHint = ". This is an internal miniz error. If you are seeing this error, there is a high likelihood that your checkpoint file is corrupted. This can happen if the checkpoint was not saved properly, was transferred incorrectly, or the file was modified after saving."

    /// The error PyTorch raises when the archive's directory cannot be read.
    static func archiveError(_ detail: String) -> TensorError {
        TensorError.runtime("PytorchStreamReader failed reading zip archive: " + detail + corruptionHint)
    }

    /// Little-endian unsigned integer of `width` bytes at `offset`, or nil past the end.
    static func uint(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> UInt64? {
        guard offset >= 0, width >= 0, offset <= bytes.count, bytes.count - offset >= width else { return nil }
        var value: UInt64 = 0
        for i in stride(from: width - 1, through: 0, by: -1) { value = value << 8 | UInt64(bytes[offset + i]) }
        return value
    }

    /// The entries of `bytes` in central-directory order.
    public static func entries(of bytes: [UInt8]) throws -> [Entry] {
        let missing = archiveError("failed finding central directory")
        guard bytes.count >= 22 else { throw archiveError("not a ZIP archive") }
        // End of central directory record: the last "PK\x05\x06" within the trailing 64 KiB.
        var eocd = -1
        var i = bytes.count - 22
        let lowest = Swift.max(0, bytes.count - 22 - 65535)
        while i >= lowest {
            if bytes[i] == 0x50, bytes[i + 1] == 0x4B, bytes[i + 2] == 0x05, bytes[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0, let count16 = uint(bytes, eocd + 10, 2), let size32 = uint(bytes, eocd + 12, 4),
              let offset32 = uint(bytes, eocd + 16, 4) else { throw missing }
        var count = count16, dirSize = size32, dirOffset = offset32
        // zip64 locator sits right before the end record.
        if eocd >= 20, uint(bytes, eocd - 20, 4) == 0x07064B50 {
            guard let recordOffset = uint(bytes, eocd - 12, 8), recordOffset < UInt64(bytes.count),
                  uint(bytes, Int(recordOffset), 4) == 0x06064B50,
                  let c = uint(bytes, Int(recordOffset) + 32, 8), let s = uint(bytes, Int(recordOffset) + 40, 8),
                  let o = uint(bytes, Int(recordOffset) + 48, 8) else { throw missing }
            count = c; dirSize = s; dirOffset = o
        }
        guard dirOffset <= UInt64(bytes.count), dirSize <= UInt64(bytes.count) - dirOffset,
              count <= dirSize / 46 + 1 else { throw missing }
        var result: [Entry] = []
        var p = Int(dirOffset)
        for _ in 0..<Int(count) {
            guard uint(bytes, p, 4) == 0x02014B50, let method = uint(bytes, p + 10, 2), let crc = uint(bytes, p + 16, 4),
                  var csize = uint(bytes, p + 20, 4), var usize = uint(bytes, p + 24, 4),
                  let nameLength = uint(bytes, p + 28, 2), let extraLength = uint(bytes, p + 30, 2),
                  let commentLength = uint(bytes, p + 32, 2), var localOffset = uint(bytes, p + 42, 4),
                  p + 46 + Int(nameLength + extraLength + commentLength) <= bytes.count
            else { throw archiveError("invalid header or archive is corrupted") }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + Int(nameLength))], as: UTF8.self)
            // zip64 extended information replaces the fields saturated at 0xFFFFFFFF.
            var e = p + 46 + Int(nameLength)
            let extraEnd = e + Int(extraLength)
            while e + 4 <= extraEnd, let id = uint(bytes, e, 2), let length = uint(bytes, e + 2, 2) {
                if id == 1 {
                    var q = e + 4
                    if usize == 0xFFFF_FFFF, let v = uint(bytes, q, 8) { usize = v; q += 8 }
                    if csize == 0xFFFF_FFFF, let v = uint(bytes, q, 8) { csize = v; q += 8 }
                    if localOffset == 0xFFFF_FFFF, let v = uint(bytes, q, 8) { localOffset = v }
                }
                e += 4 + Int(length)
            }
            guard method == 0 else {
                throw TensorError.runtime("PytorchStreamReader failed reading file \(name): unsupported compression method \(method) (wick reads stored entries only)")
            }
            guard csize == usize, localOffset < UInt64(bytes.count), uint(bytes, Int(localOffset), 4) == 0x04034B50,
                  let localName = uint(bytes, Int(localOffset) + 26, 2), let localExtra = uint(bytes, Int(localOffset) + 28, 2)
            else { throw archiveError("invalid header or archive is corrupted") }
            let start = Int(localOffset) + 30 + Int(localName + localExtra)
            guard usize <= UInt64(bytes.count), start <= bytes.count, Int(usize) <= bytes.count - start
            else { throw archiveError("invalid header or archive is corrupted") }
            result.append(Entry(name: name, dataOffset: start, size: Int(usize), crc: UInt32(crc)))
            p += 46 + Int(nameLength + extraLength + commentLength)
        }
        return result
    }

    /// The bytes of `entry`, after checking their CRC-32.
    public static func data(of entry: Entry, in bytes: [UInt8], record: String) throws -> ArraySlice<UInt8> {
        let slice = bytes[entry.dataOffset..<(entry.dataOffset + entry.size)]
        guard CRC32.checksum(slice) == entry.crc else {
            throw TensorError.runtime("PytorchStreamReader failed reading file \(record): CRC-32 check failed")
        }
        return slice
    }

    /// An archive holding `files` (name, bytes) in order, each entry's data aligned to 64 bytes.
    public static func write(_ files: [(name: String, data: [UInt8])]) throws -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func put(_ value: UInt64, _ width: Int, into buffer: inout [UInt8]) {
            for i in 0..<width { buffer.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
        }
        for (name, data) in files {
            guard data.count < 0xFFFF_FFFF, out.count < 0xFFFF_FFFF else {
                throw TensorError.notImplemented("torch.save: archives over 4 GiB (zip64) are not supported by wick")
            }
            let nameBytes = Array(name.utf8)
            let crc = CRC32.checksum(data[...])
            let offset = out.count
            // Pad with an "FB" extra field so that the data starts on a 64-byte boundary.
            var padding = (64 - (offset + 30 + nameBytes.count + 4) % 64) % 64
            if padding < 0 { padding += 64 }
            var local: [UInt8] = []
            put(0x04034B50, 4, into: &local); put(20, 2, into: &local); put(0, 2, into: &local); put(0, 2, into: &local)
            put(0, 2, into: &local); put(0x21, 2, into: &local) // time 0, date 1980-01-01
            put(UInt64(crc), 4, into: &local); put(UInt64(data.count), 4, into: &local); put(UInt64(data.count), 4, into: &local)
            put(UInt64(nameBytes.count), 2, into: &local); put(UInt64(4 + padding), 2, into: &local)
            local += nameBytes
            put(0x4246, 2, into: &local); put(UInt64(padding), 2, into: &local)
            local += [UInt8](repeating: 0x5A, count: padding)
            out += local
            out += data
            put(0x02014B50, 4, into: &central); put(20, 2, into: &central); put(20, 2, into: &central)
            put(0, 2, into: &central); put(0, 2, into: &central); put(0, 2, into: &central); put(0x21, 2, into: &central)
            put(UInt64(crc), 4, into: &central); put(UInt64(data.count), 4, into: &central); put(UInt64(data.count), 4, into: &central)
            put(UInt64(nameBytes.count), 2, into: &central); put(0, 2, into: &central); put(0, 2, into: &central)
            put(0, 2, into: &central); put(0, 2, into: &central); put(0, 4, into: &central); put(UInt64(offset), 4, into: &central)
            central += nameBytes
        }
        let dirOffset = out.count
        guard dirOffset < 0xFFFF_FFFF, files.count < 0xFFFF else {
            throw TensorError.notImplemented("torch.save: archives over 4 GiB (zip64) are not supported by wick")
        }
        out += central
        put(0x06054B50, 4, into: &out); put(0, 2, into: &out); put(0, 2, into: &out)
        put(UInt64(files.count), 2, into: &out); put(UInt64(files.count), 2, into: &out)
        put(UInt64(central.count), 4, into: &out); put(UInt64(dirOffset), 4, into: &out); put(0, 2, into: &out)
        return out
    }
}

/// The CRC-32 (IEEE 802.3, as ZIP uses) of a byte sequence.
public enum CRC32 {
    /// Lookup table for the reflected polynomial 0xEDB88320.
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// Checksum of `bytes`.
    public static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { t in
            bytes.withUnsafeBufferPointer { b in
                for byte in b { c = t[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
            }
        }
        return c ^ 0xFFFF_FFFF
    }
}
