import Engine
import Script

/// `torch.optim.lr_scheduler` for scripts: the twelve schedulers over the engine's, with
/// `step()` (`step(metrics)` for `ReduceLROnPlateau`), `get_last_lr()`, `last_epoch`,
/// `base_lrs`, `optimizer`, `state_dict()` and `load_state_dict()`.
enum SchedulerBindings {
    /// A script scheduler object around an engine `LRScheduler`.
    final class SchedulerObject: PyObject {
        let scheduler: LRScheduler
        let optimizerObject: PyObject
        init(_ scheduler: LRScheduler, optimizer: PyObject, cls: PyClass) {
            self.scheduler = scheduler
            self.optimizerObject = optimizer
            super.init(cls: cls, withAttributes: true)
        }
    }

    static func schedulerOf(_ o: PyObject) throws -> SchedulerObject {
        guard let s = o as? SchedulerObject else { throw PyError.type("expected an LR scheduler, got \(pythonTypeName(o))") }
        return s
    }

    /// `torch.optim.lr_scheduler.LRScheduler`, the base class with the shared methods.
    static let baseClass: PyClass = {
        let c = PyClass(name: "LRScheduler", bases: [Builtin.objectType], module: "torch.optim.lr_scheduler")
        c.method("step", "self, epoch=") { a in
            let s = try schedulerOf(a[0]).scheduler
            if let epoch = a.optional(1) {
                if let plateau = s as? ReduceLROnPlateau {
                    try plateau.step(try Args.double(epoch, ArgumentSite("step", isMethod: true), "metrics", 1))
                    return PyNone.shared
                }
                if let warm = s as? CosineAnnealingWarmRestarts {
                    try warm.step(epoch: try Args.scalar(epoch, ArgumentSite("step", isMethod: true), "epoch", 1))
                    return PyNone.shared
                }
                throw TorchErrors.unsupported("lr_scheduler.step(epoch) (deprecated in PyTorch)")
            }
            if s is ReduceLROnPlateau { throw PyError.type("ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'") }
            try s.step()
            return PyNone.shared
        }
        c.method("get_last_lr", "self") { a in PyList(try schedulerOf(a[0]).scheduler.getLastLr().map { PyFloat($0) as PyObject }) }
        c.method("get_lr", "self") { a in PyList(try schedulerOf(a[0]).scheduler.getLr().map(PyValues.number)) }
        c.property("last_epoch") { o in PyInt.make(try schedulerOf(o).scheduler.lastEpoch) }
        c.property("base_lrs") { o in PyList(try schedulerOf(o).scheduler.baseLrs.map(PyValues.number)) }
        c.property("optimizer") { o in try schedulerOf(o).optimizerObject }
        c.method("state_dict", "self") { a in try OptimConvert.dictObject(try schedulerOf(a[0]).scheduler.stateDict()) }
        c.method("load_state_dict", "self, state_dict") { a in
            guard let d = a[1] as? PyDict else { throw PyError.type("state_dict must be a dict") }
            try schedulerOf(a[0]).scheduler.loadStateDict(try OptimConvert.dict(d))
            return PyNone.shared
        }
        return c
    }()

    static func optimizerArg(_ a: Arguments) throws -> (Optimizer, PyObject) {
        guard let o = a[1] as? OptimizerObject else { throw PyError.type("\(pythonTypeName(a[1])) is not an Optimizer") }
        return (o.optimizer, o)
    }

    static func int(_ a: Arguments, _ i: Int, _ name: String, _ d: Int) throws -> Int {
        guard let o = a.optional(i) else { return d }
        return try Args.int(o, ArgumentSite(name, isMethod: false), name, i)
    }

    static func optInt(_ a: Arguments, _ i: Int) throws -> Int? {
        guard let o = a.optional(i) else { return nil }
        return try Args.int(o, ArgumentSite("scheduler", isMethod: false), "value", i)
    }

    static func str(_ a: Arguments, _ i: Int, _ d: String) throws -> String {
        guard let o = a.optional(i) else { return d }
        guard let s = o as? PyStr else { throw PyError.type("expected str, got \(pythonTypeName(o))") }
        return s.value
    }

    /// A number or a list/tuple of numbers (one per group).
    static func scalars(_ a: Arguments, _ i: Int, _ d: Double) throws -> [Scalar] {
        guard let o = a.optional(i) else { return [.double(d)] }
        if o is PyList || o is PyTuple {
            return try Runtime.toArray(o).map { item in
                guard let s = Args.scalarOrNil(item) else { throw PyError.type("expected a number, got \(pythonTypeName(item))") }
                return s
            }
        }
        return [try OptimBindings.num(a, i, d)]
    }

    /// A script callable as an engine lr lambda.
    static func lambda(_ f: PyObject) -> (Int) throws -> Scalar {
        return { epoch in
            let r = try Runtime.call(f, [PyInt.make(epoch)])
            guard let s = Args.scalarOrNil(r) else {
                if let t = r as? TensorObject, t.tensor.numel == 1 { return try t.tensor.item() }
                throw PyError.type("unsupported operand type(s) for *: 'float' and '\(pythonTypeName(r))'")
            }
            return s
        }
    }

    static func make(_ name: String, _ spec: String,
                     _ build: @escaping (Optimizer, Arguments) throws -> LRScheduler) -> (String, PyClass) {
        let c = PyClass(name: name, bases: [baseClass], module: "torch.optim.lr_scheduler")
        c.method("__new__", "cls, optimizer, " + spec) { a in
            let (opt, object) = try optimizerArg(a)
            return SchedulerObject(try build(opt, a), optimizer: object, cls: c)
        }
        c.define("__init__", "self, *args, **kwargs") { _ in PyNone.shared }
        return (name, c)
    }

    /// The twelve scheduler classes.
    static let classes: [(String, PyClass)] = [("LRScheduler", baseClass)] + [
        make("StepLR", "step_size, gamma=, last_epoch=") { o, a in
            try StepLR(o, stepSize: try int(a, 2, "StepLR", 0), gamma: try OptimBindings.num(a, 3, 0.1), lastEpoch: try int(a, 4, "StepLR", -1))
        },
        make("MultiStepLR", "milestones, gamma=, last_epoch=") { o, a in
            try MultiStepLR(o, milestones: try Args.intList(a[2], ArgumentSite("MultiStepLR", isMethod: false), "milestones", 1),
                            gamma: try OptimBindings.num(a, 3, 0.1), lastEpoch: try int(a, 4, "MultiStepLR", -1))
        },
        make("ExponentialLR", "gamma, last_epoch=") { o, a in
            try ExponentialLR(o, gamma: try OptimBindings.num(a, 2, 0.1), lastEpoch: try int(a, 3, "ExponentialLR", -1))
        },
        make("ConstantLR", "factor=, total_iters=, last_epoch=") { o, a in
            try ConstantLR(o, factor: try OptimBindings.num(a, 2, 1.0 / 3), totalIters: try int(a, 3, "ConstantLR", 5),
                           lastEpoch: try int(a, 4, "ConstantLR", -1))
        },
        make("LinearLR", "start_factor=, end_factor=, total_iters=, last_epoch=") { o, a in
            try LinearLR(o, startFactor: try OptimBindings.num(a, 2, 1.0 / 3), endFactor: try OptimBindings.num(a, 3, 1.0),
                         totalIters: try int(a, 4, "LinearLR", 5), lastEpoch: try int(a, 5, "LinearLR", -1))
        },
        make("LambdaLR", "lr_lambda, last_epoch=") { o, a in
            let last = try int(a, 3, "LambdaLR", -1)
            if a[2] is PyList || a[2] is PyTuple {
                return try LambdaLR(o, lrLambdas: try Runtime.toArray(a[2]).map(lambda), lastEpoch: last)
            }
            return try LambdaLR(o, lrLambda: lambda(a[2]), lastEpoch: last)
        },
        make("CosineAnnealingLR", "T_max, eta_min=, last_epoch=") { o, a in
            try CosineAnnealingLR(o, tMax: try int(a, 2, "CosineAnnealingLR", 0), etaMin: try OptimBindings.num(a, 3, 0.0),
                                  lastEpoch: try int(a, 4, "CosineAnnealingLR", -1))
        },
        make("CosineAnnealingWarmRestarts", "T_0, T_mult=, eta_min=, last_epoch=") { o, a in
            try CosineAnnealingWarmRestarts(o, t0: try int(a, 2, "CosineAnnealingWarmRestarts", 0),
                                            tMult: try int(a, 3, "CosineAnnealingWarmRestarts", 1),
                                            etaMin: try OptimBindings.num(a, 4, 0.0), lastEpoch: try int(a, 5, "CosineAnnealingWarmRestarts", -1))
        },
        make("CyclicLR", "base_lr, max_lr, step_size_up=, step_size_down=, mode=, gamma=, scale_fn=, scale_mode=, cycle_momentum=, base_momentum=, max_momentum=, last_epoch=") { o, a in
            var scaleFn: ((Double) throws -> Double)?
            if let f = a.optional(8) {
                scaleFn = { x in
                    let r = try Runtime.call(f, [PyFloat(x)])
                    guard let s = Args.scalarOrNil(r) else { throw PyError.type("scale_fn must return a number") }
                    return s.doubleValue
                }
            }
            let down: Scalar? = a.optional(5) == nil ? nil : try OptimBindings.num(a, 5, 0)
            return try CyclicLR(o, baseLr: try scalars(a, 2, 0), maxLr: try scalars(a, 3, 0), stepSizeUp: try OptimBindings.num(a, 4, 2000),
                                stepSizeDown: down, mode: try str(a, 6, "triangular"), gamma: try OptimBindings.num(a, 7, 1.0),
                                scaleFn: scaleFn, scaleMode: try str(a, 9, "cycle"), cycleMomentum: try OptimBindings.flag(a, 10, true),
                                baseMomentum: try scalars(a, 11, 0.8), maxMomentum: try scalars(a, 12, 0.9),
                                lastEpoch: try int(a, 13, "CyclicLR", -1))
        },
        make("OneCycleLR", "max_lr, total_steps=, epochs=, steps_per_epoch=, pct_start=, anneal_strategy=, cycle_momentum=, base_momentum=, max_momentum=, div_factor=, final_div_factor=, three_phase=, last_epoch=") { o, a in
            try OneCycleLR(o, maxLr: try scalars(a, 2, 0), totalSteps: try optInt(a, 3), epochs: try optInt(a, 4),
                           stepsPerEpoch: try optInt(a, 5), pctStart: try OptimBindings.num(a, 6, 0.3),
                           annealStrategy: try str(a, 7, "cos"), cycleMomentum: try OptimBindings.flag(a, 8, true),
                           baseMomentum: try scalars(a, 9, 0.85), maxMomentum: try scalars(a, 10, 0.95),
                           divFactor: try OptimBindings.num(a, 11, 25.0), finalDivFactor: try OptimBindings.num(a, 12, 1e4),
                           threePhase: try OptimBindings.flag(a, 13, false), lastEpoch: try int(a, 14, "OneCycleLR", -1))
        },
        make("ReduceLROnPlateau", "mode=, factor=, patience=, threshold=, threshold_mode=, cooldown=, min_lr=, eps=") { o, a in
            let minLrIsList = a.optional(8).map { $0 is PyList || $0 is PyTuple } ?? false
            return try ReduceLROnPlateau(o, mode: try str(a, 2, "min"), factor: try OptimBindings.num(a, 3, 0.1),
                                         patience: try int(a, 4, "ReduceLROnPlateau", 10), threshold: try OptimBindings.num(a, 5, 1e-4),
                                         thresholdMode: try str(a, 6, "rel"), cooldown: try int(a, 7, "ReduceLROnPlateau", 0),
                                         minLr: a.optional(8) == nil ? [.int(0)] : try scalars(a, 8, 0), minLrIsList: minLrIsList, eps: try OptimBindings.num(a, 9, 1e-8))
        },
        make("SequentialLR", "schedulers, milestones, last_epoch=") { o, a in
            let scheds = try Runtime.toArray(a[2]).map { try schedulerOf($0).scheduler }
            return try SequentialLR(o, schedulers: scheds, milestones: try Args.intList(a[3], ArgumentSite("SequentialLR", isMethod: false), "milestones", 2),
                                    lastEpoch: try int(a, 4, "SequentialLR", -1))
        },
    ]
}
