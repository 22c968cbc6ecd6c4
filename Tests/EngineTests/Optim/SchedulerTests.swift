import Foundation
import XCTest
@testable import Engine

/// The learning-rate schedulers against PyTorch 2.15 (Tests/Fixtures/optim.json): 30 steps
/// of lr (and momentum) sequences, state_dict keys, the groups' options and error messages.
final class SchedulerTests: XCTestCase {
    /// The optimizer of a scheduler case: one group, or two where the second has lr × 2.
    private func optimizer(_ c: [String: Any]) throws -> Optimizer {
        let n = c["groups"] as? Int ?? 1
        let kwargs = c["optim_kwargs"] as? [String: Any] ?? [:]
        let params = try (0..<n).map { _ in try Tensor(zeros: [2]).setRequiresGrad() }
        let lr = scalarArg(kwargs, "lr", 0.01).doubleValue
        let groups = n == 1 ? nil : [ParamGroup(params: [params[0]])] + params.dropFirst().enumerated().map {
            ParamGroup(params: [$0.element], options: ["lr": .float(lr * Double($0.offset + 2))])
        }
        return try makeOptimizer(c["optim"] as? String ?? "", kwargs, params: params, groups: groups, foreach: nil)
    }

    /// The scheduler each case id names, made as the fixture script made it.
    private func scheduler(_ id: String, _ o: Optimizer) throws -> LRScheduler? {
        switch id {
        case "StepLR/3": return try StepLR(o, stepSize: 3)
        case "StepLR/two_groups": return try StepLR(o, stepSize: 7, gamma: 0.5)
        case "MultiStepLR/basic": return try MultiStepLR(o, milestones: [5, 12, 12, 20], gamma: 0.3)
        case "ExponentialLR/0.9": return try ExponentialLR(o, gamma: 0.9)
        case "CosineAnnealingLR/10": return try CosineAnnealingLR(o, tMax: 10)
        case "CosineAnnealingLR/eta_min": return try CosineAnnealingLR(o, tMax: 7, etaMin: 0.001)
        case "CosineAnnealingWarmRestarts/5": return try CosineAnnealingWarmRestarts(o, t0: 5)
        case "CosineAnnealingWarmRestarts/mult": return try CosineAnnealingWarmRestarts(o, t0: 3, tMult: 2, etaMin: 0.01)
        case "ReduceLROnPlateau/default": return try ReduceLROnPlateau(o, patience: 2)
        case "ReduceLROnPlateau/cooldown_abs":
            return try ReduceLROnPlateau(o, factor: 0.5, patience: 1, threshold: 0.02, thresholdMode: "abs", cooldown: 2,
                                         minLr: [0.02, 0.05], minLrIsList: true)
        case "ReduceLROnPlateau/max_rel": return try ReduceLROnPlateau(o, mode: "max", factor: 0.7, patience: 0, minLr: [0.03])
        case "OneCycleLR/default": return try OneCycleLR(o, maxLr: [1.0], totalSteps: 30)
        case "OneCycleLR/linear_adam":
            return try OneCycleLR(o, maxLr: [0.1], epochs: 5, stepsPerEpoch: 6, pctStart: 0.25, annealStrategy: "linear")
        case "OneCycleLR/three_phase": return try OneCycleLR(o, maxLr: [0.5, 1.0], totalSteps: 31, divFactor: 10.0, threePhase: true)
        case "CyclicLR/triangular": return try CyclicLR(o, baseLr: [0.01], maxLr: [0.1], stepSizeUp: 4)
        case "CyclicLR/triangular2":
            return try CyclicLR(o, baseLr: [0.01], maxLr: [0.1, 0.2], stepSizeUp: 3, stepSizeDown: 5, mode: "triangular2")
        case "CyclicLR/exp_range_adam":
            return try CyclicLR(o, baseLr: [0.001], maxLr: [0.01], stepSizeUp: 5, mode: "exp_range", gamma: 0.95)
        case "CyclicLR/no_momentum": return try CyclicLR(o, baseLr: [0.01], maxLr: [0.05], stepSizeUp: 2, cycleMomentum: false)
        case "LambdaLR/pow": return try LambdaLR(o, lrLambda: { .double(Foundation.pow(0.95, Double($0))) })
        case "LambdaLR/list":
            return try LambdaLR(o, lrLambdas: [{ .double(1.0 / Double($0 + 1)) }, { .double(Foundation.pow(0.95, Double($0))) }])
        case "LinearLR/default": return try LinearLR(o)
        case "LinearLR/custom": return try LinearLR(o, startFactor: 0.5, endFactor: 0.1, totalIters: 12)
        case "ConstantLR/default": return try ConstantLR(o)
        case "ConstantLR/custom": return try ConstantLR(o, factor: 0.25, totalIters: 8)
        case "SequentialLR/linear_exp":
            return try SequentialLR(o, schedulers: [LinearLR(o, startFactor: 0.1, totalIters: 5), ExponentialLR(o, gamma: 0.9)],
                                    milestones: [5])
        case "SequentialLR/three":
            return try SequentialLR(o, schedulers: [ConstantLR(o, factor: 0.5, totalIters: 4), StepLR(o, stepSize: 3, gamma: 0.5),
                                                    CosineAnnealingLR(o, tMax: 8)], milestones: [6, 15])
        default: return nil
        }
    }

    private static let metrics: [Double] = [1.0, 0.9, 0.85, 0.86, 0.84, 0.84, 0.85, 0.86, 0.87, 0.80, 0.81, 0.82, 0.83, 0.84, 0.85,
                                            0.79, 0.80, 0.80, 0.80, 0.80, 0.80, 0.80, 0.70, 0.71, 0.72, 0.73, 0.74, 0.75, 0.76, 0.77]

    /// The momentum (or beta1) of every group.
    private func momenta(_ o: Optimizer) -> [Double] {
        o.paramGroups.compactMap { g in
            if case .tuple(let betas)? = g["betas"] { return betas.first?.doubleValue }
            return g["momentum"]?.doubleValue
        }
    }

    private func assertClose(_ got: [Double], _ want: [Any], _ context: String) {
        let w = want.map(fixtureDouble)
        XCTAssertEqual(got.count, w.count, context)
        for (a, b) in zip(got, w) where !(a == b || Swift.abs(a - b) <= 1e-14 * Swift.abs(b)) {
            XCTFail("\(context): \(got) expected \(w)")
            return
        }
    }

    /// Every scheduler case: the lr sequence over 30 steps (initial value included), the
    /// momentum/beta1 sequence, the state_dict keys, last_epoch and the groups' final options.
    func testSequencesMatchPyTorch() throws {
        let cases = OptimFixtures.cases("scheduler")
        XCTAssertEqual(cases.count, 26)
        let previous = Autograd.warningHandler
        Autograd.warningHandler = { _ in }
        defer { Autograd.warningHandler = previous }
        for c in cases {
            let id = c["id"] as? String ?? "?"
            let o = try optimizer(c)
            guard let s = try scheduler(id, o) else { XCTFail("no scheduler for \(id)"); continue }
            let lrs = c["lrs"] as? [[Any]] ?? []
            let moms = c["momentums"] as? [[Any]] ?? []
            XCTAssertEqual(lrs.count, 31, id)
            assertClose(s.getLastLr(), lrs.first ?? [], "\(id) initial lr")
            for i in 1..<lrs.count {
                try o.step()
                if let plateau = s as? ReduceLROnPlateau { try plateau.step(Self.metrics[i - 1]) } else { try s.step() }
                assertClose(s.getLastLr(), lrs[i], "\(id) lr after step \(i)")
                if i < moms.count { assertClose(momenta(o), moms[i], "\(id) momentum after step \(i)") }
            }
            let state = s.stateDict()
            XCTAssertEqual(state.keys, c["state_keys"] as? [String], "\(id) state_dict keys")
            XCTAssertEqual(state["last_epoch"]?.doubleValue, (c["last_epoch"] as? NSNumber)?.doubleValue, "\(id) last_epoch")
            for (g, want) in zip(o.paramGroups, c["param_groups"] as? [[[Any]]] ?? []) {
                XCTAssertEqual(g.options.keys, want.compactMap { $0.first as? String }, "\(id) group keys")
                for pair in want where pair.count == 2 {
                    guard let key = pair[0] as? String, let got = g[key] else { continue }
                    let w = optimValue(pair[1])
                    XCTAssertEqual(got.typeName, w.typeName, "\(id) type of \(key)")
                    if let a = got.doubleValue, let b = w.doubleValue {
                        XCTAssertEqual(a, b, accuracy: 1e-14 * Swift.abs(b), "\(id) \(key)")
                    } else if case .tuple(let a) = got, case .tuple(let b) = w {
                        assertClose(a.compactMap(\.doubleValue), b.compactMap(\.doubleValue) as [Any], "\(id) \(key)")
                    }
                }
            }
        }
    }

    /// Error messages for bad scheduler arguments, as PyTorch words them.
    func testArgumentErrors() throws {
        let sgd = { try SGD([Tensor(zeros: [2]).setRequiresGrad()], lr: 0.1, momentum: 0.9) }
        let makers: [String: () throws -> Any] = [
            "ConstantLR/factor": { try ConstantLR(sgd(), factor: 1.5) },
            "LinearLR/start": { try LinearLR(sgd(), startFactor: 0) },
            "LinearLR/end": { try LinearLR(sgd(), endFactor: 1.5) },
            "ReduceLROnPlateau/factor": { try ReduceLROnPlateau(sgd(), factor: 1.0) },
            "ReduceLROnPlateau/mode": { try ReduceLROnPlateau(sgd(), mode: "avg") },
            "ReduceLROnPlateau/threshold_mode": { try ReduceLROnPlateau(sgd(), thresholdMode: "pct") },
            "CosineAnnealingWarmRestarts/T_0": { try CosineAnnealingWarmRestarts(sgd(), t0: 0) },
            "CosineAnnealingWarmRestarts/T_mult": { try CosineAnnealingWarmRestarts(sgd(), t0: 5, tMult: 0) },
            "OneCycleLR/total": { try OneCycleLR(sgd(), maxLr: [0.1]) },
            "OneCycleLR/total_steps": { try OneCycleLR(sgd(), maxLr: [0.1], totalSteps: 0) },
            "OneCycleLR/pct_start": { try OneCycleLR(sgd(), maxLr: [0.1], totalSteps: 10, pctStart: 1.5) },
            "OneCycleLR/anneal": { try OneCycleLR(sgd(), maxLr: [0.1], totalSteps: 10, annealStrategy: "quadratic") },
            "OneCycleLR/max_lr_len": { try OneCycleLR(sgd(), maxLr: [0.1, 0.2], totalSteps: 10) },
            "OneCycleLR/overstep": {
                let s = try OneCycleLR(sgd(), maxLr: [0.1], totalSteps: 3)
                for _ in 0..<4 { try s.step() }
                return s
            },
            "OneCycleLR/no_momentum": { try OneCycleLR(Adagrad([Tensor(zeros: [2]).setRequiresGrad()]), maxLr: [0.1], totalSteps: 10) },
            "CyclicLR/mode": { try CyclicLR(sgd(), baseLr: [0.01], maxLr: [0.1], mode: "sine") },
            "SequentialLR/milestones": {
                let o = try sgd()
                return try SequentialLR(o, schedulers: [ConstantLR(o), ExponentialLR(o, gamma: 0.9)], milestones: [2, 4])
            },
            "SequentialLR/empty": { try SequentialLR(sgd(), schedulers: [], milestones: []) },
            "LambdaLR/count": { try LambdaLR(sgd(), lrLambdas: [{ _ in 1.0 }, { _ in 1.0 }]) },
        ]
        let previous = Autograd.warningHandler
        Autograd.warningHandler = { _ in }
        defer { Autograd.warningHandler = previous }
        var checked = 0
        for c in OptimFixtures.cases("error") {
            guard let id = c["id"] as? String, let make = makers[id] else { continue }
            XCTAssertThrowsError(try make(), id) { error in
                XCTAssertEqual((error as? TensorError)?.kind.rawValue, c["type"] as? String, id)
                XCTAssertEqual((error as? TensorError)?.message, c["message"] as? String, id)
            }
            checked += 1
        }
        XCTAssertEqual(checked, makers.count)
    }

    /// The order-of-calls warning: a scheduler stepped before its optimizer warns once.
    func testWarnsWhenSchedulerStepsFirst() throws {
        var warnings: [String] = []
        let previous = Autograd.warningHandler
        Autograd.warningHandler = { warnings.append($0) }
        defer { Autograd.warningHandler = previous }
        let o = try SGD([Tensor(zeros: [2]).setRequiresGrad()], lr: 0.1)
        let s = try StepLR(o, stepSize: 1)
        try s.step()
        try s.step()
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings.first?.hasPrefix("Detected call of `lr_scheduler.step()` before `optimizer.step()`.") ?? false)
        warnings = []
        let o2 = try SGD([Tensor(zeros: [2]).setRequiresGrad()], lr: 0.1)
        let s2 = try ExponentialLR(o2, gamma: 0.5)
        try o2.step()
        try s2.step()
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(s2.getLastLr(), [0.05])
        XCTAssertEqual(s2.lastEpoch, 1)
    }

    /// A scheduler's state dict restores the schedule into a fresh scheduler.
    func testStateDictRoundTrip() throws {
        let previous = Autograd.warningHandler
        Autograd.warningHandler = { _ in }
        defer { Autograd.warningHandler = previous }
        let o = try SGD([Tensor(zeros: [2]).setRequiresGrad()], lr: 0.1)
        let s = try CosineAnnealingWarmRestarts(o, t0: 3, tMult: 2)
        for _ in 0..<7 { try s.step() }
        let o2 = try SGD([Tensor(zeros: [2]).setRequiresGrad()], lr: 0.1)
        let s2 = try CosineAnnealingWarmRestarts(o2, t0: 3, tMult: 2)
        try s2.loadStateDict(s.stateDict())
        try s.step()
        try s2.step()
        XCTAssertEqual(s2.getLastLr(), s.getLastLr())
        XCTAssertEqual(s2.lastEpoch, 8)
        // Fractional epochs, as used per batch.
        try s2.step(epoch: 4.5)
        XCTAssertEqual(s2.tCur, .double(1.5))
        XCTAssertEqual(s2.tI, 6)
    }
}
