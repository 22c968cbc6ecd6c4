/// The index samplers of `torch.utils.data` and `random_split`, drawing exactly as PyTorch
/// 2.15 does so shuffled orders match PyTorch's for the same seeds.
public enum Sampling {
    /// One `torch.empty((), dtype=torch.int64).random_(generator=g).item()` draw.
    public static func randomInt64(_ generator: Generator = Generator.global) -> Int64 {
        Int64(bitPattern: generator.nextUInt64() & 0x7FFF_FFFF_FFFF_FFFF)
    }

    /// `SequentialSampler`: `0..<count`.
    public static func sequential(_ count: Int) -> [Int] { Array(0..<max(count, 0)) }

    /// `RandomSampler(data_source, num_samples=numSamples, generator=generator)` without
    /// replacement: `numSamples / count` full permutations, then the first `numSamples % count`
    /// of one more (default: one full pass).
    ///
    /// With no generator, PyTorch draws a seed from the global generator and shuffles with a
    /// fresh generator seeded with it. That last permutation is drawn even when no element of
    /// it is used (`randperm(n)[:0]`), so a shared generator continues as in PyTorch.
    public static func randomPermutation(_ count: Int, numSamples: Int? = nil, generator: Generator? = nil) -> [Int] {
        guard count > 0 else { return [] }
        let g: Generator
        if let generator {
            g = generator
        } else {
            g = Generator()
            g.manualSeed(UInt64(bitPattern: randomInt64(Generator.global)))
        }
        let total = max(numSamples ?? count, 0)
        var order: [Int] = []
        for _ in 0..<(total / count) { order += g.randperm(count).map { Int($0) } }
        order += g.randperm(count).prefix(total % count).map { Int($0) }
        return order
    }

    /// `BatchSampler(sampler, batch_size, drop_last)`: consecutive chunks of `indices`.
    public static func batches(_ indices: [Int], batchSize: Int, dropLast: Bool) throws -> [[Int]] {
        guard batchSize > 0 else {
            throw TensorError.value("batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        }
        var out: [[Int]] = []
        out.reserveCapacity(indices.count / batchSize + 1)
        var start = 0
        while start < indices.count {
            let end = start + min(batchSize, indices.count - start)
            if end - start < batchSize && dropLast { break }
            out.append(Array(indices[start..<end]))
            start = end
        }
        return out
    }

    /// `len(BatchSampler)`: the number of batches for `count` indices.
    public static func batchCount(_ count: Int, batchSize: Int, dropLast: Bool) -> Int {
        guard batchSize > 0, count > 0 else { return 0 }
        return count / batchSize + (dropLast || count % batchSize == 0 ? 0 : 1)
    }

    /// The lengths of a split given as fractions summing to 1 (`random_split`): floor of each
    /// share, then one more to each split in turn until the remainder is used up. Returns nil
    /// when the values are not such fractions (they are then lengths).
    public static func splitLengths(count: Int, fractions: [Double]) throws -> [Int]? {
        let total = fractions.reduce(0, +)
        guard abs(total - 1) <= max(1e-9 * max(abs(total), 1), 0), total <= 1 else { return nil }
        var lengths: [Int] = []
        for (i, frac) in fractions.enumerated() {
            if frac < 0 || frac > 1 { throw TensorError.value("Fraction at index \(i) is not between 0 and 1") }
            lengths.append(Int((Double(count) * frac).rounded(.down)))
        }
        let remainder = count - lengths.reduce(0, +)
        if !lengths.isEmpty && remainder > 0 {
            for i in 0..<remainder { lengths[i % lengths.count] += 1 }
        }
        return lengths
    }

    /// `random_split(dataset, lengths, generator)`: the indices of each split, taken in order
    /// from `randperm(sum(lengths), generator=generator)`.
    public static func randomSplit(count: Int, lengths: [Int], generator: Generator = Generator.global) throws -> [[Int]] {
        var total = 0
        for n in lengths {
            let (sum, overflow) = total.addingReportingOverflow(n)
            guard n >= 0, !overflow else { total = -1; break }
            total = sum
        }
        guard total == count else {
            throw TensorError.value("Sum of input lengths does not equal the length of the input dataset!")
        }
        let perm = generator.randperm(count).map { Int($0) }
        var out: [[Int]] = []
        var offset = 0
        for length in lengths {
            out.append(Array(perm[offset..<(offset + length)]))
            offset += length
        }
        return out
    }
}
