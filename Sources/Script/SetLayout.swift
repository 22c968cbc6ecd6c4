/// CPython's set hash table (setobject.c), simulated to give sets CPython's iteration order:
/// `{3, 1, 2}` prints `{1, 2, 3}` as it does there. Membership itself lives in the OrderedTable;
/// this only tracks which slot each element would occupy.
struct SetLayout {
    private static let minSize = 8
    private static let linearProbes = 9
    private static let perturbShift = 5
    /// Slot contents: an element's index into `elements`, `empty` or `dummy`.
    private var slots = [Int](repeating: SetLayout.empty, count: SetLayout.minSize)
    private var hashes = [Int](repeating: 0, count: SetLayout.minSize)
    private var elements: [HashKey?] = []
    private var fill = 0
    private var used = 0
    private static let empty = -1
    private static let dummy = -2

    private var mask: Int { slots.count - 1 }

    /// `set_add_entry` for a key that is not yet in the set.
    mutating func add(_ key: HashKey) {
        let hash = key.hash
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        var freeSlot: Int? = nil
        while true {
            let probes = i + SetLayout.linearProbes <= mask ? SetLayout.linearProbes : 0
            var j = i
            for _ in 0...probes {
                if slots[j] == SetLayout.empty {
                    let target = freeSlot ?? j
                    elements.append(key)
                    slots[target] = elements.count - 1
                    hashes[target] = hash
                    used += 1
                    if freeSlot == nil {
                        fill += 1
                        if fill * 5 >= mask * 3 { resize(used > 50000 ? used * 2 : used * 4) }
                    }
                    return
                }
                if slots[j] == SetLayout.dummy && freeSlot == nil { freeSlot = j }
                j += 1
            }
            perturb >>= UInt(SetLayout.perturbShift)
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    /// Marks the key's slot as a dummy (`set_discard_entry`).
    mutating func remove(_ key: HashKey) {
        for s in slots.indices where slots[s] >= 0 {
            if let k = elements[slots[s]], k == key {
                elements[slots[s]] = nil
                slots[s] = SetLayout.dummy
                used -= 1
                return
            }
        }
    }

    /// `set_table_resize`: reinserts live entries in slot order with `set_insert_clean`.
    private mutating func resize(_ minUsed: Int) {
        var newSize = SetLayout.minSize
        while newSize <= minUsed { newSize <<= 1 }
        let oldSlots = slots, oldHashes = hashes
        slots = [Int](repeating: SetLayout.empty, count: newSize)
        hashes = [Int](repeating: 0, count: newSize)
        fill = used
        for s in oldSlots.indices where oldSlots[s] >= 0 {
            insertClean(oldSlots[s], oldHashes[s])
        }
    }

    private mutating func insertClean(_ element: Int, _ hash: Int) {
        var perturb = UInt(bitPattern: hash)
        var i = Int(UInt(bitPattern: hash) & UInt(mask))
        while true {
            if slots[i] == SetLayout.empty { slots[i] = element; hashes[i] = hash; return }
            if i + SetLayout.linearProbes <= mask {
                for j in (i + 1)...(i + SetLayout.linearProbes) where slots[j] == SetLayout.empty {
                    slots[j] = element
                    hashes[j] = hash
                    return
                }
            }
            perturb >>= UInt(SetLayout.perturbShift)
            i = Int((UInt(i) &* 5 &+ 1 &+ perturb) & UInt(mask))
        }
    }

    /// `set_merge` into a fresh set: CPython copies the table when sizes match, else reinserts.
    static func copy(of other: SetLayout) -> SetLayout {
        var result = SetLayout()
        if other.used * 5 >= result.mask * 3 { result.resize(other.used * 2) }
        if result.mask == other.mask && other.fill == other.used {
            return other
        }
        for s in other.slots.indices where other.slots[s] >= 0 {
            guard let key = other.elements[other.slots[s]] else { continue }
            result.elements.append(key)
            result.used += 1
            result.fill += 1
            result.insertClean(result.elements.count - 1, other.hashes[s])
        }
        return result
    }

    /// Makes room the way `set_merge` does before adding another set's elements.
    mutating func reserveForMerge(_ otherUsed: Int) {
        if (fill + otherUsed) * 5 >= mask * 3 { resize((used + otherUsed) * 2) }
    }

    /// Keys in CPython's iteration order (slot order).
    var orderedKeys: [HashKey] {
        slots.compactMap { $0 >= 0 ? elements[$0] : nil }
    }
}
