/// Attribute reads and calls through their sites' inline caches (same semantics as `Runtime`).
extension Interpreter {
    /// Whether `o` is a plain script instance (no native storage, no special attribute rules).
    @inline(__always)
    func isPlainInstance(_ o: PyObject) -> Bool { ObjectIdentifier(type(of: o)) == plainObjectID }

    /// `o.name` for a site: instance dict, class attribute and module global reads skip hashing.
    func loadAttribute(_ o: PyObject, _ site: AttributeSite) throws -> PyObject {
        if isPlainInstance(o) {
            let cls = o.cls
            if site.cls !== cls || site.version != classVersionCell.pointee { site.refresh(cls) }
            if !site.isProperty {
                // Read in place (binding the table to a local would copy and retain its arrays).
                var hint = site.hint
                if let v = o.attributes?.value(site.name, hint: &hint) {
                    if hint != site.hint { site.hint = hint }
                    return v
                }
            }
            if let a = site.classAttribute { return try Runtime.bind(a, o) }
            return try Runtime.getAttribute(o, site.name)
        }
        if let m = o as? PyModule {
            if site.module === m, let box = site.box, let v = box.value { return v }
            if let box = m.globals[site.name], let v = box.value {
                site.module = m
                site.box = box
                return v
            }
        }
        return try Runtime.getAttribute(o, site.name)
    }

    /// `o.name = v` for a site: a plain instance whose class has no property, `__setattr__` or hook
    /// under that name gets the value written at the cached slot.
    func storeAttribute(_ o: PyObject, _ site: AttributeSite, _ v: PyObject) throws {
        if isPlainInstance(o), o.attributes != nil {
            let cls = o.cls
            if site.cls !== cls || site.version != classVersionCell.pointee { site.refresh(cls) }
            if site.storesDirectly {
                var hint = site.hint
                o.attributes?.set(site.name, v, hint: &hint)
                if hint != site.hint { site.hint = hint }
                return
            }
        }
        try Runtime.setAttribute(o, site.name, v)
    }

    /// The method a call `r.name(…)` can run with `r` as its first argument, without a bound method:
    /// a function found on the class and not shadowed by the instance dict.
    @inline(__always)
    func method(_ r: PyObject, _ site: AttributeSite) -> PyObject? {
        if !isPlainInstance(r) {
            if r is PyClass || r is PyModule || r is PySuper { return nil }
        }
        let cls = r.cls
        if site.cls !== cls || site.version != classVersionCell.pointee { site.refresh(cls) }
        guard site.isMethod else { return nil }
        if (r.attributes?.count ?? 0) > 0 {
            var hint = site.hint
            if r.attributes?.value(site.name, hint: &hint) != nil { return nil }
        }
        return site.classAttribute
    }

    /// Runs a call site: method calls without bound methods, script functions with their arguments
    /// evaluated straight into the new frame, hot built-ins and plain class instantiation without
    /// argument arrays; everything else through `Runtime.call`.
    func call(_ site: CallSite, _ f: Frame) throws -> PyObject {
        let callee: PyObject
        if case .attribute(let objExpr, let attr) = site.callee {
            let r = try eval(objExpr, f)
            if let m = method(r, attr) {
                if site.positionalOnly {
                    let args = site.positional
                    if ObjectIdentifier(type(of: m)) == functionID {
                        let fn = unsafeDowncast(m, to: PyFunction.self)
                        if fn.acceptsPositional(args.count + 1) {
                            let frame = Frame(code: fn.def, module: fn.module, closure: fn.closure)
                            frame.function = fn
                            frame.slots[0] = r
                            var k = 1
                            for e in args { frame.slots[k] = try eval(e, f); k += 1 }
                            fn.fillDefaults(frame, from: k)
                            return try invoke(fn, frame)
                        }
                    } else if let fn = m as? PyNativeFunction {
                        if args.isEmpty, let d = fn.direct1 { return try d(r) }
                        if args.count == 1, let d = fn.direct2 { return try d(r, try eval(args[0], f)) }
                    }
                }
                var args: [PyObject] = []
                var kw: [(String, PyObject)] = []
                try evaluateArguments(site, &args, &kw, f)
                return try Runtime.callMethod(m, r, args, kw)
            }
            callee = try loadAttribute(r, attr)
        } else {
            callee = try eval(site.callee, f)
        }
        if site.positionalOnly {
            let args = site.positional
            let type = ObjectIdentifier(type(of: callee))
            if type == functionID {
                let fn = unsafeDowncast(callee, to: PyFunction.self)
                if fn.acceptsPositional(args.count) {
                    let frame = Frame(code: fn.def, module: fn.module, closure: fn.closure)
                    frame.function = fn
                    var k = 0
                    for e in args { frame.slots[k] = try eval(e, f); k += 1 }
                    fn.fillDefaults(frame, from: k)
                    return try invoke(fn, frame)
                }
            } else if type == nativeFunctionID {
                let fn = unsafeDowncast(callee, to: PyNativeFunction.self)
                if args.count == 1, let d = fn.direct1 { return try d(try eval(args[0], f)) }
                if args.count == 2, let d = fn.direct2 {
                    let a = try eval(args[0], f)
                    return try d(a, try eval(args[1], f))
                }
            } else if type == classID {
                let k = unsafeDowncast(callee, to: PyClass.self)
                if let r = try instantiate(k, args, f) { return r }
            }
        }
        var args: [PyObject] = []
        var kw: [(String, PyObject)] = []
        try evaluateArguments(site, &args, &kw, f)
        switch callee {
        case let fn as PyFunction: return try callFunction(fn, args, kw)
        case let fn as PyNativeFunction:
            if fn.isSuper && args.isEmpty { return try zeroArgumentSuper(f) }
            return try fn.call(args, kw)
        default: return try Runtime.call(callee, args, kw)
        }
    }

    /// `Class(a, b)` for a script class with no `__new__` and no native base: the arguments go
    /// straight into `__init__`'s frame. Nil when the class needs the general path.
    @inline(__always)
    func instantiate(_ k: PyClass, _ args: [Expr], _ f: Frame) throws -> PyObject? {
        guard k.makesPlainInstances, k !== PyClass.typeClass, k.special(.new) == nil,
              let initializer = k.special(.initializer), ObjectIdentifier(type(of: initializer)) == functionID
        else { return nil }
        let fn = unsafeDowncast(initializer, to: PyFunction.self)
        guard fn.acceptsPositional(args.count + 1) else { return nil }
        let frame = Frame(code: fn.def, module: fn.module, closure: fn.closure)
        frame.function = fn
        var k1 = 1
        for e in args { frame.slots[k1] = try eval(e, f); k1 += 1 }
        fn.fillDefaults(frame, from: k1)
        let obj = PyObject(cls: k, withAttributes: true)
        frame.slots[0] = obj
        let r = try invoke(fn, frame)
        if r !== PyNone.shared { throw PyError.type("__init__() should return None, not '\(r.cls.name)'") }
        return obj
    }

    /// Evaluates a site's arguments in order: positional, `*iterable`, keywords and `**mapping`.
    func evaluateArguments(_ site: CallSite, _ args: inout [PyObject], _ kw: inout [(String, PyObject)], _ f: Frame) throws {
        args.reserveCapacity(args.count + site.arguments.count)
        for a in site.arguments {
            switch a {
            case .positional(let e): args.append(try eval(e, f))
            case .star(let e): args.append(contentsOf: try Runtime.toArray(try eval(e, f)))
            case .keyword(let k, let e): kw.append((k, try eval(e, f)))
            case .doubleStar(let e):
                let m = try eval(e, f)
                guard let d = m as? PyDict else { throw PyError.type("argument after ** must be a mapping, not \(m.cls.name)") }
                for (k, v) in d.table.pairs {
                    guard let s = k.object as? PyStr else { throw PyError.type("keywords must be strings") }
                    kw.append((s.value, v))
                }
            }
        }
    }
}
