import Foundation

/// A running function, class body or module: locals in slots, captured variables in cells.
final class Frame {
    /// Local variable slots; indices come from the resolver, so they are always in range.
    let slots: UnsafeMutablePointer<PyObject?>
    let slotCount: Int
    let cells: [PyCell]
    let module: PyModule
    let code: FunctionDef
    var function: PyFunction?
    /// A class body's namespace while it runs.
    var classNamespace: AttributeTable?
    var line: Int
    var generator: GeneratorState?

    init(code: FunctionDef, module: PyModule, closure: [PyCell]) {
        self.code = code
        self.module = module
        slotCount = code.scope.slotCount
        slots = UnsafeMutablePointer<PyObject?>.allocate(capacity: max(1, slotCount))
        slots.initialize(repeating: nil, count: max(1, slotCount))
        let ownCells = code.scope.cellNames.count
        if ownCells == 0 {
            cells = closure  // shares the closure's array: no copy
        } else {
            var cells: [PyCell] = []
            cells.reserveCapacity(ownCells + closure.count)
            for _ in 0..<ownCells { cells.append(PyCell()) }
            cells.append(contentsOf: closure)
            self.cells = cells
        }
        line = code.line
    }

    deinit {
        slots.deinitialize(count: max(1, slotCount))
        slots.deallocate()
    }
}

/// How a statement finished.
enum Flow {
    case normal, breakLoop, continueLoop
    case returned(PyObject)
}

/// The tree-walking interpreter over the resolved tree.
final class Interpreter {
    /// The interpreter running on this process (the runner installs a fresh one per script).
    static var current: Interpreter {
        get { currentCell.pointee }
        set { currentCell.pointee = newValue }
    }
    /// Behind a raw pointer: hot paths read it with one load, no exclusivity bookkeeping.
    static let currentCell: UnsafeMutablePointer<Interpreter> = {
        let p = UnsafeMutablePointer<Interpreter>.allocate(capacity: 1)
        p.initialize(to: Interpreter())
        return p
    }()

    var depth = 0
    var recursionLimit = 1000
    /// When set, the number of statements and loop items left before RuntimeError (fuzzing).
    var stepBudget: Int?
    /// Bytes a single list, string or repetition may take before MemoryError (WICK_MAX_MEMORY).
    var memoryBudget: Int = Interpreter.defaultMemoryBudget

    static let defaultMemoryBudget: Int = {
        if let s = ProcessInfo.processInfo.environment["WICK_MAX_MEMORY"], let v = Int(s) { return v }
        return Int(clamping: ProcessInfo.processInfo.physicalMemory / 2)
    }()
    var output: (String) -> Void = { print($0, terminator: "") }
    var errorOutput: (String) -> Void = { FileHandle.standardError.write($0.data(using: .utf8) ?? Data()) }
    var modules: [String: PyModule] = [:]
    var sources: [String: [Substring]] = [:]
    var scriptDirectory = "."
    var argv: [String] = []
    /// The exceptions being handled (for bare `raise` and `__context__`).
    var handling: [PyBaseException] = []
    let builtins: PyModule
    /// Process-wide cells read on every statement and attribute access, kept here so the hot
    /// paths skip the lazy-global check.
    let attentionCell = Interpreter.attention
    let classVersionCell = PyClass.versionCell
    let plainObjectID = ObjectIdentifier(PyObject.self)
    let functionID = ObjectIdentifier(PyFunction.self)
    let nativeFunctionID = ObjectIdentifier(PyNativeFunction.self)
    let classID = ObjectIdentifier(PyClass.self)
    let intID = ObjectIdentifier(PyInt.self)

    init() {
        Interpreter.tuneMalloc
        builtins = Builtin.makeModule()
        // Hot built-ins get a binding-free entry point (same semantics as their bodies).
        (builtins["isinstance"] as? PyNativeFunction)?.direct2 = { o, t in PyBool.make(try Builtin.isInstance(o, t)) }
    }

    /// Scripts allocate and free many small objects: keep freed heap memory (no trim-and-refault
    /// cycles), grow the heap in large steps, and serve blocks under 32 MB from it (glibc's
    /// dynamic mmap threshold stops adapting once any of these is set, so it is set to its ceiling).
    static let tuneMalloc: Void = {
        // mallopt is declared in <malloc.h>, which the Glibc module does not export.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3  // M_* in <malloc.h>
        _ = mallopt(mmapThreshold, 32 << 20)
        _ = mallopt(trimThreshold, 256 << 20)
        _ = mallopt(topPad, 16 << 20)
    }()

    // MARK: calls

    func callFunction(_ fn: PyFunction, _ args: [PyObject], _ kw: [(String, PyObject)]) throws -> PyObject {
        let code = fn.def
        let frame = Frame(code: code, module: fn.module, closure: fn.closure)
        frame.function = fn
        let n = args.count
        if kw.isEmpty && fn.acceptsPositional(n) {
            for i in 0..<n { frame.slots[i] = args[i] }
            fn.fillDefaults(frame, from: n)
        } else {
            try bindArguments(fn, frame, args, kw)
        }
        return try invoke(fn, frame)
    }

    /// Calls `fn(receiver, *args, **kw)` without building the joined argument array when binding is positional.
    func callFunction(_ fn: PyFunction, receiver: PyObject, _ args: [PyObject], _ kw: [(String, PyObject)]) throws -> PyObject {
        let n = args.count + 1
        guard kw.isEmpty && fn.acceptsPositional(n) else { return try callFunction(fn, [receiver] + args, kw) }
        let frame = Frame(code: fn.def, module: fn.module, closure: fn.closure)
        frame.function = fn
        frame.slots[0] = receiver
        for i in 0..<args.count { frame.slots[i + 1] = args[i] }
        fn.fillDefaults(frame, from: n)
        return try invoke(fn, frame)
    }

    /// Calls `fn(a, b)` (a method with one argument, an operator dunder) with no argument arrays.
    func callFunction(_ fn: PyFunction, _ a: PyObject, _ b: PyObject) throws -> PyObject {
        guard fn.acceptsPositional(2) else { return try callFunction(fn, [a, b], []) }
        let frame = Frame(code: fn.def, module: fn.module, closure: fn.closure)
        frame.function = fn
        frame.slots[0] = a
        frame.slots[1] = b
        fn.fillDefaults(frame, from: 2)
        return try invoke(fn, frame)
    }

    /// Runs a function whose arguments are already in `frame`'s slots.
    func invoke(_ fn: PyFunction, _ frame: Frame) throws -> PyObject {
        let code = fn.def
        if fn.hasParameterCells {
            for (slot, cell) in code.scope.parameterCells { frame.cells[cell].value = frame.slots[slot] }
        }
        if fn.isGenerator { return PyGenerator(frame: frame, interpreter: self) }
        depth += 1
        defer { depth -= 1 }
        if depth > recursionLimit {
            throw PyError(Builtin.recursionErrorClass, "maximum recursion depth exceeded")
        }
        do {
            if case .returned(let v) = try exec(code.body, frame) { return v }
            return PyNone.shared
        } catch let e as PyError {
            record(e.exception, frame)
            throw e
        }
    }

    /// Adds `frame`'s current line to the exception's traceback (once per frame).
    func record(_ e: PyBaseException, _ frame: Frame) {
        let id = ObjectIdentifier(frame)
        if e.lastRecordedFrame == id { return }
        e.lastRecordedFrame = id
        e.traceback.append(TracebackEntry(file: frame.module.file ?? "<string>", line: frame.line, function: frame.code.name))
    }

    func bindArguments(_ fn: PyFunction, _ frame: Frame, _ args: [PyObject], _ kw: [(String, PyObject)]) throws {
        let params = fn.def.parameters
        let name = fn.def.qualifiedName  // CPython 3.10+ names the function by __qualname__ in these errors
        var positionalIndex = 0
        var extra: [PyObject] = []
        for a in args {
            while positionalIndex < params.count && params[positionalIndex].kind != .normal { break }
            if positionalIndex < params.count && params[positionalIndex].kind == .normal {
                frame.slots[positionalIndex] = a
                positionalIndex += 1
            } else {
                extra.append(a)
            }
        }
        let positionalCount = params.filter { $0.kind == .normal }.count
        let varArgs = params.firstIndex { $0.kind == .varArgs }
        let varKw = params.firstIndex { $0.kind == .varKeywords }
        if !extra.isEmpty {
            guard let v = varArgs else {
                let required = params.filter { $0.kind == .normal && $0.defaultValue == nil }.count
                let takes = required == positionalCount ? "\(positionalCount)" : "from \(required) to \(positionalCount)"
                throw PyError.type("\(name)() takes \(takes) positional argument\(positionalCount == 1 ? "" : "s") but \(args.count) \(args.count == 1 ? "was" : "were") given")
            }
            frame.slots[v] = PyTuple(extra)
        } else if let v = varArgs {
            frame.slots[v] = PyTuple.empty
        }
        var kwDict: PyDict? = nil
        if let v = varKw { kwDict = PyDict(); frame.slots[v] = kwDict }
        for (k, value) in kw {
            if let i = params.firstIndex(where: { $0.name == k && ($0.kind == .normal || $0.kind == .keywordOnly) }) {
                if frame.slots[i] != nil { throw PyError.type("\(name)() got multiple values for argument '\(k)'") }
                frame.slots[i] = value
            } else if let d = kwDict {
                try d.set(PyStr(k), value)
            } else {
                throw PyError.type("\(name)() got an unexpected keyword argument '\(k)'")
            }
        }
        var missing: [String] = []
        var missingKw: [String] = []
        for (i, p) in params.enumerated() where (p.kind == .normal || p.kind == .keywordOnly) && frame.slots[i] == nil {
            if let d = fn.defaults[i] { frame.slots[i] = d }
            else if p.kind == .normal { missing.append("'\(p.name)'") }
            else { missingKw.append("'\(p.name)'") }
        }
        if !missing.isEmpty || !missingKw.isEmpty {
            let list = missing.isEmpty ? missingKw : missing
            let joined = list.count == 1 ? list[0] : list.dropLast().joined(separator: ", ") + " and " + list[list.count - 1]
            throw PyError.type("\(name)() missing \(list.count) required \(missing.isEmpty ? "keyword-only" : "positional") argument\(list.count == 1 ? "" : "s"): \(joined)")
        }
    }

    // MARK: names

    func load(_ ref: NameRef, _ f: Frame) throws -> PyObject {
        switch ref.slot {
        case .fast(let i):
            if let v = f.slots[i] { return v }
            throw PyError(Builtin.unboundLocalErrorClass, "cannot access local variable '\(ref.name)' where it is not associated with a value")
        case .cell(let i):
            if let v = f.cells[i].value { return v }
            if i < f.code.scope.cellNames.count {
                throw PyError(Builtin.unboundLocalErrorClass, "cannot access local variable '\(ref.name)' where it is not associated with a value")
            }
            throw PyError.name("cannot access free variable '\(ref.name)' where it is not associated with a value in enclosing scope")
        case .classLocal:
            if let v = f.classNamespace?[ref.name] { return v }
            return try loadGlobal(ref, f)
        case .global, .unresolved:
            return try loadGlobal(ref, f)
        }
    }

    @inline(__always)
    func loadGlobal(_ ref: NameRef, _ f: Frame) throws -> PyObject {
        // A name belongs to one module's code and boxes are never removed, so the cache stays valid.
        let box: GlobalBox
        if let b = ref.globalBox { box = b } else { box = f.module.box(ref.name); ref.globalBox = box }
        if let v = box.value { return v }
        if let b = ref.builtinBox ?? builtins.globals[ref.name] {
            ref.builtinBox = b
            if let v = b.value { return v }
        }
        throw PyError.name("name '\(ref.name)' is not defined")
    }

    func store(_ ref: NameRef, _ value: PyObject, _ f: Frame) {
        switch ref.slot {
        case .fast(let i): f.slots[i] = value
        case .cell(let i): f.cells[i].value = value
        case .classLocal:
            if f.classNamespace != nil { f.classNamespace?[ref.name] = value } else { f.module[ref.name] = value }
        case .global, .unresolved:
            if let box = ref.globalBox { box.value = value } else {
                let box = f.module.box(ref.name)
                ref.globalBox = box
                box.value = value
            }
        }
    }

    func delete(_ ref: NameRef, _ f: Frame) throws {
        let missing = { PyError.name("name '\(ref.name)' is not defined") }
        switch ref.slot {
        case .fast(let i):
            if f.slots[i] == nil { throw PyError(Builtin.unboundLocalErrorClass, "cannot access local variable '\(ref.name)' where it is not associated with a value") }
            f.slots[i] = nil
        case .cell(let i):
            if f.cells[i].value == nil { throw missing() }
            f.cells[i].value = nil
        case .classLocal:
            if f.classNamespace?[ref.name] == nil { throw missing() }
            f.classNamespace?[ref.name] = nil
        case .global, .unresolved:
            if f.module[ref.name] == nil { throw missing() }
            f.module[ref.name] = nil
        }
    }

    // MARK: assignment

    func assign(_ target: Expr, _ value: PyObject, _ f: Frame) throws {
        switch target {
        case .name(let ref): store(ref, value, f)
        case .attribute(let obj, let site): try storeAttribute(try eval(obj, f), site, value)
        case .item(let obj, let key): try Runtime.setItem(try eval(obj, f), try eval(key, f), value)
        case .tuple(let targets), .list(let targets): try unpack(targets, value, f)
        case .starred(let inner): try assign(inner, value, f)
        default: throw PyError(Builtin.syntaxErrorClass, "cannot assign to expression")
        }
    }

    func unpack(_ targets: [Expr], _ value: PyObject, _ f: Frame) throws {
        let items: [PyObject]
        if let t = value as? PyTuple { items = t.items }
        else if let l = value as? PyList { items = l.items }
        else {
            do { _ = try Runtime.iterate(value) } catch let e as PyError where e.matches(Builtin.typeErrorClass) {
                throw PyError.type("cannot unpack non-iterable \(value.cls.name) object")
            }
            items = try Runtime.toArray(value)
        }
        if let star = targets.firstIndex(where: { if case .starred = $0 { return true }; return false }) {
            let after = targets.count - star - 1
            guard items.count >= targets.count - 1 else {
                throw PyError.value("not enough values to unpack (expected at least \(targets.count - 1), got \(items.count))")
            }
            for i in 0..<star { try assign(targets[i], items[i], f) }
            try assign(targets[star], PyList(Array(items[star..<(items.count - after)])), f)
            for i in 0..<after { try assign(targets[star + 1 + i], items[items.count - after + i], f) }
            return
        }
        if items.count != targets.count {
            if items.count < targets.count {
                throw PyError.value("not enough values to unpack (expected \(targets.count), got \(items.count))")
            }
            throw PyError.value("too many values to unpack (expected \(targets.count))")
        }
        for (t, v) in zip(targets, items) { try assign(t, v, f) }
    }

    // MARK: functions and classes

    func makeFunction(_ def: FunctionDef, _ f: Frame) throws -> PyFunction {
        var defaults: [PyObject?] = []
        for p in def.parameters { defaults.append(try p.defaultValue.map { try eval($0, f) }) }
        var annotations: PyDict? = nil
        if def.returnAnnotation != nil || def.parameters.contains(where: { $0.annotation != nil }) {
            let d = PyDict()
            for p in def.parameters { if let a = p.annotation { try d.set(PyStr(p.name), try eval(a, f)) } }
            if let r = def.returnAnnotation { try d.set(PyStr("return"), try eval(r, f)) }
            annotations = d
        }
        let closure = def.scope.freeSources.map { i in i < f.cells.count ? f.cells[i] : PyCell() }
        let fn = PyFunction(def: def, module: f.module, defaults: defaults, closure: closure)
        fn.annotations = annotations
        return fn
    }

    func makeClass(_ def: ClassDef, _ f: Frame) throws -> PyObject {
        var bases: [PyClass] = []
        for b in def.bases {
            switch b {
            case .positional(let e):
                let v = try eval(e, f)
                guard let c = v as? PyClass else { throw PyError.type("bases must be types") }
                bases.append(c)
            case .star(let e):
                for v in try Runtime.toArray(try eval(e, f)) {
                    guard let c = v as? PyClass else { throw PyError.type("bases must be types") }
                    bases.append(c)
                }
            case .keyword, .doubleStar: break
            }
        }
        if bases.isEmpty { bases = [Builtin.objectType] }
        let frame = Frame(code: def.body, module: f.module, closure: def.body.scope.freeSources.map { $0 < f.cells.count ? f.cells[$0] : PyCell() })
        frame.classNamespace = AttributeTable()
        frame.classNamespace?["__module__"] = PyStr(f.module.name)
        frame.classNamespace?["__qualname__"] = PyStr(def.body.qualifiedName)
        if let doc = def.body.docstring { frame.classNamespace?["__doc__"] = PyStr(doc) }
        _ = try exec(def.body.body, frame)
        if frame.classNamespace?["__slots__"] != nil { throw PyError.type("__slots__ is not supported by wick") }
        let cls = PyClass(name: def.name, bases: bases, module: f.module.name)
        if cls.mro.count == 1 + bases.count && bases.count > 1 {
            _ = try PyClass.linearize(cls)
        }
        for (name, value) in frame.classNamespace?.entries ?? [] {
            cls.namespace[name] = value
            if let fn = value as? PyFunction { fn.definingClass = cls }
            if let w = value as? PyMethodWrapper, let fn = w.function as? PyFunction { fn.definingClass = cls }
            if let p = value as? PyProperty {
                for g in [p.getter, p.setter, p.deleter] { (g as? PyFunction)?.definingClass = cls }
            }
        }
        PyClass.globalVersion &+= 1
        var result: PyObject = cls
        for d in def.decorators.reversed() { result = try Runtime.call(try eval(d, f), [result]) }
        return result
    }
}
