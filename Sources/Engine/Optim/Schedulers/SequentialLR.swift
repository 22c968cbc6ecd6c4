/// `SequentialLR(optimizer, schedulers, milestones)`: runs `schedulers[0]` until
/// `milestones[0]`, then `schedulers[1]` (started at its epoch 0, with its closed form), and
/// so on.
///
/// As in PyTorch, it resets the groups' `'lr'` to `'initial_lr'`, undoes the initial step of
/// every scheduler it holds and takes the first scheduler's initial step again.
public final class SequentialLR: LRScheduler {
    /// The schedulers, in order.
    public let schedulers: [LRScheduler]
    /// The epochs at which the next scheduler takes over.
    public let milestones: [Int]

    /// Makes the scheduler. ReduceLROnPlateau cannot be sequenced (it needs a metric).
    public init(_ optimizer: Optimizer, schedulers: [LRScheduler], milestones: [Int], lastEpoch: Int = -1) throws {
        guard !schedulers.isEmpty else {
            throw TensorError.value("SequentialLR expects at least one scheduler, but got no scheduler.")
        }
        for (i, s) in schedulers.enumerated() {
            if s is ReduceLROnPlateau {
                throw TensorError.value("SequentialLR does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs to be specified when calling `step`, but got one at index \(i) in the given schedulers sequence.")
            }
            if s.optimizer !== optimizer {
                throw TensorError.value("SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler \(s.name) at index \(i) has \(s.optimizer), which is different from \(optimizer.name).")
            }
        }
        guard milestones.count == schedulers.count - 1 else {
            throw TensorError.value("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)")
        }
        self.schedulers = schedulers
        self.milestones = milestones
        super.init(uninitialized: optimizer, name: "SequentialLR")
        self.lastEpoch = lastEpoch &+ 1
        for group in optimizer.paramGroups {
            if let initial = group["initial_lr"] { group["lr"] = initial }
        }
        Self.undo(self)
        let first = schedulers[Self.bisectRight(milestones, 0)]
        try first.initialStep()
        lastLr = first.lastLr
    }

    /// `recursive_undo`: steps back the leaf schedulers' `last_epoch`.
    private static func undo(_ scheduler: LRScheduler) {
        if let sequence = scheduler as? SequentialLR {
            for s in sequence.schedulers { undo(s) }
        } else {
            scheduler.lastEpoch &-= 1
        }
    }

    /// Python's `bisect_right`: the number of milestones ≤ `x`.
    static func bisectRight(_ sorted: [Int], _ x: Int) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x < sorted[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// `step()`: steps the scheduler in charge; at a milestone, starts the next one at epoch 0.
    public override func step() throws {
        lastEpoch &+= 1
        let idx = Self.bisectRight(milestones, lastEpoch)
        let scheduler = schedulers[idx]
        if idx > 0 && milestones[idx - 1] == lastEpoch {
            try scheduler.updateLr(epoch: 0)
        } else {
            try scheduler.step()
        }
        lastLr = scheduler.lastLr
    }

    /// `state_dict()`: its own attributes and every scheduler's state dict.
    public override func stateDict() -> OptionDict {
        ["_milestones": .list(milestones.map { .int(Int64($0)) }), "last_epoch": .int(Int64(lastEpoch)),
         "_last_lr": .list(lastLr.map(OptimValue.init)), "_schedulers": .list(schedulers.map { .dict($0.stateDict()) })]
    }

    /// Restores its attributes and every scheduler's state.
    public override func loadStateDict(_ d: OptionDict) throws {
        try super.loadStateDict(d)
        if case .list(let states)? = d["_schedulers"] {
            for (s, state) in zip(schedulers, states) {
                if case .dict(let sd) = state { try s.loadStateDict(sd) }
            }
        }
    }
}
