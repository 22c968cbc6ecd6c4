/// A pickle reader that only builds data: the weights-only unpickler of PyTorch 2.15.
///
/// It understands the opcodes `torch.save` emits and resolves GLOBALs against an allow-list
/// (tensor and parameter rebuilders, storage types, `OrderedDict`, `torch.Size`); it never
/// runs code. Input is untrusted: every length is checked against the remaining bytes, and
/// the result is converted with a depth and node budget.
struct SafeUnpickler {
    /// A list under construction (shared through the memo, so a reference).
    final class ListBox { var items: [Value] = [] }
    /// A dict under construction, insertion-ordered, last write wins.
    final class DictBox {
        var keys: [Value] = []
        var values: [Value] = []
        var index: [Key: Int] = [:]
        let ordered: Bool
        init(ordered: Bool) { self.ordered = ordered }
        func set(_ key: Value, _ value: Value) throws {
            let k = try Key(key)
            if let i = index[k] { values[i] = value; return }
            index[k] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    /// A hashable stand-in for a dict key (Python's equality: `True == 1 == 1.0`).
    indirect enum Key: Hashable {
        case none, int(Int), float(Double), string(String), tuple([Key]), identity(ObjectIdentifier)
        init(_ v: Value) throws {
            switch v {
            case .none: self = .none
            case .bool(let b): self = .int(b ? 1 : 0)
            case .int(let i): self = .int(i)
            case .float(let d):
                if d.rounded() == d, let i = Int(exactly: d) { self = .int(i) } else { self = .float(d) }
            case .string(let s): self = .string(s)
            case .tuple(let items, _): self = .tuple(try items.map(Key.init))
            case .tensor(let t): self = .identity(ObjectIdentifier(t))
            case .list: throw TensorError.type("unhashable type: 'list'")
            case .dict(let d): throw TensorError.type(d.ordered ? "unhashable type: 'collections.OrderedDict'" : "unhashable type: 'dict'")
            case .global(let name): self = .string("<global>" + name)
            case .storage(let s, _): self = .identity(ObjectIdentifier(s))
            }
        }
    }

    /// A value on the pickle stack.
    indirect enum Value {
        case none, bool(Bool), int(Int), float(Double), string(String)
        /// A tuple and its nesting depth (limited, so that freeing it cannot overflow the stack).
        case tuple([Value], Int)
        case list(ListBox), dict(DictBox), tensor(Tensor), global(String), storage(Storage, DType)
    }

    let data: [UInt8]
    var pos: Int
    let end: Int
    /// Loads the storage of a persistent id (`key`, dtype, numel).
    let loadStorage: (String, DType, Int) throws -> Storage
    var stack: [Value] = []
    var metastack: [[Value]] = []
    var memo: [Int: Value] = [:]
    /// Every list and dict made, emptied at the end so that freeing deep nests never recurses.
    var lists: [ListBox] = []
    var dicts: [DictBox] = []

    init(data: [UInt8], range: Range<Int>, loadStorage: @escaping (String, DType, Int) throws -> Storage) {
        self.data = data
        self.pos = range.lowerBound
        self.end = range.upperBound
        self.loadStorage = loadStorage
    }

    static func fail(_ message: String) -> SerializationError { SerializationError(.unpickling, message) }

    /// Globals PyTorch allows by default but wick cannot build.
    static func knownButUnsupported(_ path: String) -> Bool {
        path.hasPrefix("torch._utils.") || path.hasPrefix("torch._tensor.") || (path.hasPrefix("torch.") && path.hasSuffix("Storage"))
            || ["torch.device", "builtins.set", "builtins.frozenset", "builtins.bytearray", "collections.Counter",
                "torch.nn.parameter.Parameter", "torch.serialization._get_layout", "torch.storage.UntypedStorage",
                "torch.float16", "torch.bfloat16", "torch.uint8", "torch.int8", "torch.int16", "torch.complex64",
                "torch.float32", "torch.float64", "torch.int32", "torch.int64", "torch.bool", "_codecs.encode",
                "torch.Tensor", "builtins.slice", "builtins.complex"].contains(path)
    }

    mutating func read(_ n: Int) throws -> Range<Int> {
        guard n >= 0, n <= end - pos else { throw SerializationError(.eof, "") }
        defer { pos += n }
        return pos..<(pos + n)
    }

    mutating func byte() throws -> UInt8 { data[try read(1).lowerBound] }

    mutating func uint(_ n: Int) throws -> Int {
        let r = try read(n)
        var v = 0
        for i in r.reversed() { v = v << 8 | Int(data[i]) }
        return v
    }

    mutating func pop() throws -> Value {
        guard let v = stack.popLast() else { throw TensorError.index("pop from empty list") }
        return v
    }

    mutating func top() throws -> Value {
        guard let v = stack.last else { throw TensorError.index("list index out of range") }
        return v
    }

    mutating func popMark() throws -> [Value] {
        let items = stack
        guard let previous = metastack.popLast() else { throw TensorError.index("pop from empty list") }
        stack = previous
        return items
    }

    mutating func readLine() throws -> String {
        var i = pos
        while i < end && data[i] != 0x0A { i += 1 }
        guard i < end else { throw Self.fail("pickle data was truncated") }
        let s = String(decoding: data[pos..<i], as: UTF8.self)
        pos = i + 1
        return s
    }

    /// Runs the pickle to STOP and returns its value.
    mutating func run() throws -> IOValue {
        defer {
            stack = []; metastack = []; memo = [:]
            for l in lists { l.items = [] }
            for d in dicts { d.keys = []; d.values = []; d.index = [:] }
        }
        while true {
            let op = try byte()
            switch op {
            case 0x80: _ = try byte()
            case 0x2E:
                let result = try pop()
                // Values without sharing take at least a byte each; sharing may add a million more.
                var budget = (end - pos) + data.count + 1_000_000
                return try Self.convert(result, depth: 0, budget: &budget)
            case 0x63: // GLOBAL
                let module = try readLine(), name = try readLine()
                let path = module + "." + name
                if ["sys", "os", "posix", "nt"].contains(module) {
                    throw Self.fail("Trying to load unsupported GLOBAL \(path) whose module \(module) is blocked.")
                }
                let allowed: Set<String> = ["torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_parameter",
                                            "collections.OrderedDict", "torch.Size", "torch.FloatStorage",
                                            "torch.DoubleStorage", "torch.LongStorage", "torch.IntStorage", "torch.BoolStorage"]
                if !allowed.contains(path) {
                    if Self.knownButUnsupported(path) {
                        throw TensorError.notImplemented("torch.load: wick cannot load objects of type \(path) (supported: float32/float64/int64/int32/bool tensors, parameters, numbers, strings, lists, tuples, dicts and OrderedDicts)")
                    }
                    throw Self.fail("Unsupported global: GLOBAL \(path) was not an allowed global by default. Please use `torch.serialization.add_safe_globals([\(name)])` or the `torch.serialization.safe_globals([\(name)])` context manager to allowlist this global if you trust this class/function.")
                }
                stack.append(.global(path))
            case 0x51: // BINPERSID
                let pid = try pop()
                guard case .tuple(let items, _) = pid else {
                    if case .int = pid { throw Self.fail("unsupported persistent id encountered") }
                    throw Self.fail("persistent_load id must be tuple or int, but got <class '\(Self.typeName(pid))'>")
                }
                guard items.count == 5, case .string("storage") = items[0] else {
                    if let first = items.first, case .string = first {} else if let first = items.first {
                        throw Self.fail("Only persistent_load of storage is allowed, but got <class '\(Self.typeName(first))'>")
                    }
                    throw Self.fail("unsupported persistent id encountered")
                }
                guard case .global(let type) = items[1], let dtype = Serialization.dtype(storageName: type),
                      case .string(let key) = items[2], case .int(let numel) = items[4], numel >= 0
                else { throw Self.fail("unsupported persistent id encountered") }
                stack.append(.storage(try loadStorage(key, dtype, numel), dtype))
            case 0x52: // REDUCE
                let args = try pop()
                let function = try top()
                guard case .global(let name) = function, case .tuple(let a, _) = args else {
                    throw Self.fail("Trying to call reduce for unrecognized function \(Self.typeName(function))")
                }
                var created: [DictBox] = []
                let result = try Self.call(name, a, created: &created)
                dicts += created
                stack[stack.count - 1] = result
            case 0x62: // BUILD
                let state = try pop()
                let inst = try top()
                switch inst {
                case .dict(let d) where d.ordered:
                    // OrderedDict attributes (state_dict's `_metadata`): accepted and not kept.
                    break
                case .tensor:
                    if !Self.isEmptyState(state) {
                        throw TensorError.notImplemented("torch.load: wick cannot restore extra attributes set on a saved tensor")
                    }
                default:
                    throw Self.fail("Can only build Tensor, Parameter, OrderedDict or types allowlisted via `add_safe_globals`, but got <class '\(Self.typeName(inst))'>")
                }
            case 0x28: metastack.append(stack); stack = []
            case 0x74: stack.append(try tuple(try popMark()))
            case 0x85: stack.append(try tuple([try pop()]))
            case 0x86: let b = try pop(), a = try pop(); stack.append(try tuple([a, b]))
            case 0x87: let c = try pop(), b = try pop(), a = try pop(); stack.append(try tuple([a, b, c]))
            case 0x29: stack.append(.tuple([], 1))
            case 0x5D: let l = ListBox(); lists.append(l); stack.append(.list(l))
            case 0x7D: let d = DictBox(ordered: false); dicts.append(d); stack.append(.dict(d))
            case 0x4E: stack.append(.none)
            case 0x88: stack.append(.bool(true))
            case 0x89: stack.append(.bool(false))
            case 0x61: // APPEND
                let item = try pop()
                guard case .list(let l) = try top() else { throw Self.fail("Can only append to lists, but got <class '\(Self.typeName(try top()))'>") }
                l.items.append(item)
            case 0x65: // APPENDS
                let items = try popMark()
                guard case .list(let l) = try top() else { throw Self.fail("Can only extend lists, but got <class '\(Self.typeName(try top()))'>") }
                l.items += items
            case 0x73: // SETITEM
                let v = try pop(), k = try pop()
                try dictTarget("SETITEM").set(k, v)
            case 0x75: // SETITEMS
                let items = try popMark()
                let d = try dictTarget("SETITEMS")
                var i = 0
                while i + 1 < items.count { try d.set(items[i], items[i + 1]); i += 2 }
                if i < items.count { throw TensorError.index("list index out of range") }
            case 0x4A: stack.append(.int(Int(Int32(truncatingIfNeeded: try uint(4)))))
            case 0x4B: stack.append(.int(try uint(1)))
            case 0x4D: stack.append(.int(try uint(2)))
            case 0x47:
                var bits: UInt64 = 0
                for i in try read(8) { bits = bits << 8 | UInt64(data[i]) }
                stack.append(.float(Double(bitPattern: bits)))
            case 0x58, 0x8C, 0x55: // BINUNICODE, SHORT_BINUNICODE, SHORT_BINSTRING
                let n = try uint(op == 0x58 ? 4 : 1)
                let r = try read(n)
                guard let s = String(validating: data[r], as: UTF8.self) else {
                    throw Self.fail("'utf-8' codec can't decode bytes: invalid data")
                }
                stack.append(.string(s))
            case 0x8A: // LONG1
                let n = try uint(1)
                let r = try read(n)
                guard n <= 8 else { throw TensorError.notImplemented("torch.load: integers wider than 64 bits are not supported by wick") }
                if n == 0 { stack.append(.int(0)); break }
                var v: UInt64 = 0
                for i in r.reversed() { v = v << 8 | UInt64(data[i]) }
                let shift = UInt64(64 - 8 * n)
                stack.append(.int(Int(Int64(bitPattern: v << shift) >> Int64(shift))))
            case 0x71, 0x72: // BINPUT, LONG_BINPUT
                let i = try uint(op == 0x71 ? 1 : 4)
                memo[i] = try top()
            case 0x94: memo[memo.count] = try top() // MEMOIZE
            case 0x68, 0x6A: // BINGET, LONG_BINGET
                let i = try uint(op == 0x68 ? 1 : 4)
                guard let v = memo[i] else { throw TensorError(.key, String(i)) }
                stack.append(v)
            default:
                throw Self.fail("Unsupported operand \(op)")
            }
        }
    }

    /// A tuple of `items`, refusing nesting deeper than Python's recursion limit.
    func tuple(_ items: [Value]) throws -> Value {
        var depth = 1
        for item in items { if case .tuple(_, let d) = item, d + 1 > depth { depth = d + 1 } }
        guard depth < 1000 else { throw TensorError.runtime("maximum recursion depth exceeded while loading a checkpoint") }
        return .tuple(items, depth)
    }

    mutating func dictTarget(_ opcode: String) throws -> DictBox {
        let t = try top()
        guard case .dict(let d) = t else {
            throw Self.fail("Can only \(opcode) for dict, collections.OrderedDict, collections.Counter, but got <class '\(Self.typeName(t))'>")
        }
        return d
    }

    static func isEmptyState(_ v: Value) -> Bool {
        switch v {
        case .none: return true
        case .dict(let d): return d.keys.isEmpty
        case .tuple(let items, _): return items.allSatisfy(isEmptyState)
        default: return false
        }
    }

    static func typeName(_ v: Value) -> String {
        switch v {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict(let d): return d.ordered ? "collections.OrderedDict" : "dict"
        case .tensor(let t): return t.isParameter ? "torch.nn.parameter.Parameter" : "torch.Tensor"
        case .global(let name): return name
        case .storage: return "torch.storage.TypedStorage"
        }
    }

    /// Calls an allow-listed global.
    static func call(_ name: String, _ args: [Value], created: inout [DictBox]) throws -> Value {
        switch name {
        case "collections.OrderedDict":
            guard args.isEmpty else { throw TensorError.notImplemented("torch.load: OrderedDict built from arguments is not supported by wick") }
            let d = DictBox(ordered: true)
            created.append(d)
            return .dict(d)
        case "torch.Size":
            guard args.count == 1, case .tuple(let items, let depth) = args[0], items.allSatisfy({ if case .int = $0 { return true } else { return false } })
            else { throw TensorError.type("torch.Size() takes an iterable of 'int'") }
            return .tuple(items, depth)
        case "torch._utils._rebuild_tensor_v2":
            guard args.count == 6 || args.count == 7, case .storage(let storage, _) = args[0], case .int(let offset) = args[1],
                  case .tuple(let sizeItems, _) = args[2], case .tuple(let strideItems, _) = args[3], case .bool(let requiresGrad) = args[4]
            else { throw fail("_rebuild_tensor_v2: malformed arguments") }
            let size = try ints(sizeItems), strides = try ints(strideItems)
            let tensor = try Serialization.makeTensor(storage: storage, offset: offset, size: size, strides: strides)
            if requiresGrad {
                guard tensor.dtype.isFloatingPoint else { throw TensorError.runtime("only Tensors of floating point and complex dtype can require gradients") }
                tensor.leafRequiresGrad = true
            }
            return .tensor(tensor)
        case "torch._utils._rebuild_parameter":
            guard args.count == 3, case .tensor(let data) = args[0], case .bool(let requiresGrad) = args[1]
            else { throw fail("_rebuild_parameter: malformed arguments") }
            let parameter = Tensor(storage: data.storage, shape: data.shape, strides: data.strides, offset: data.storageOffset)
            parameter.isParameter = true
            if requiresGrad {
                guard parameter.dtype.isFloatingPoint else { throw TensorError.runtime("Only Tensors of floating point and complex dtype can require gradients") }
                parameter.leafRequiresGrad = true
            }
            return .tensor(parameter)
        default:
            throw fail("Trying to call reduce for unrecognized function \(name)")
        }
    }

    static func ints(_ items: [Value]) throws -> [Int] {
        try items.map { item in
            guard case .int(let i) = item else { throw fail("_rebuild_tensor_v2: sizes and strides must be ints") }
            return i
        }
    }

    /// The loaded value as an `IOValue`, refusing deep nesting and exponential sharing.
    static func convert(_ v: Value, depth: Int, budget: inout Int) throws -> IOValue {
        budget -= 1
        guard depth < 1000 else { throw TensorError.runtime("maximum recursion depth exceeded while loading a checkpoint") }
        guard budget > 0 else { throw fail("checkpoint holds too many objects (shared references expand beyond what the file holds)") }
        switch v {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .tensor(let t): return .tensor(t)
        case .tuple(let items, _): return .tuple(try items.map { try convert($0, depth: depth + 1, budget: &budget) })
        case .list(let l): return .list(try l.items.map { try convert($0, depth: depth + 1, budget: &budget) })
        case .dict(let d):
            var pairs: [(key: IOValue, value: IOValue)] = []
            for (k, value) in zip(d.keys, d.values) {
                pairs.append((try convert(k, depth: depth + 1, budget: &budget), try convert(value, depth: depth + 1, budget: &budget)))
            }
            return d.ordered ? .orderedDict(pairs) : .dict(pairs)
        case .global(let name): throw TensorError.notImplemented("torch.load: the checkpoint returns the object \(name) itself, which wick cannot represent")
        case .storage: throw TensorError.notImplemented("torch.load: loading a bare storage is not supported by wick (save tensors instead)")
        }
    }
}
