# Learning-rate sequences of the schedulers, get_last_lr, last_epoch, state_dict.
import torch


def opt_for(lr=0.1, n=1):
    ps = [torch.zeros(1, requires_grad=True) for _ in range(n)]
    return torch.optim.SGD([{"params": [p]} for p in ps], lr=lr, momentum=0.9)


def show(name, make, steps=8, metric=None):
    opt = opt_for()
    sched = make(opt)
    lrs = []
    for i in range(steps):
        opt.step()
        if metric is None:
            sched.step()
        else:
            sched.step(metric[i])
        lrs.append(round(opt.param_groups[0]["lr"], 8))
    print(name, lrs, [round(v, 8) for v in sched.get_last_lr()])


sch = torch.optim.lr_scheduler
show("StepLR", lambda o: sch.StepLR(o, step_size=3, gamma=0.5))
show("MultiStepLR", lambda o: sch.MultiStepLR(o, milestones=[2, 5], gamma=0.1))
show("ExponentialLR", lambda o: sch.ExponentialLR(o, gamma=0.9))
show("ConstantLR", lambda o: sch.ConstantLR(o, factor=0.5, total_iters=3))
show("LinearLR", lambda o: sch.LinearLR(o, start_factor=0.25, total_iters=4))
show("LambdaLR", lambda o: sch.LambdaLR(o, lr_lambda=lambda e: 0.95 ** e))
show("CosineAnnealingLR", lambda o: sch.CosineAnnealingLR(o, T_max=5, eta_min=0.01))
show("CosineAnnealingWarmRestarts", lambda o: sch.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2))
show("CyclicLR", lambda o: sch.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=3))
show("OneCycleLR", lambda o: sch.OneCycleLR(o, max_lr=0.5, total_steps=10))
show("ReduceLROnPlateau", lambda o: sch.ReduceLROnPlateau(o, patience=1, factor=0.5),
     metric=[1.0, 0.9, 0.95, 0.96, 0.97, 0.5, 0.6, 0.7])
show("SequentialLR", lambda o: sch.SequentialLR(o, schedulers=[sch.ConstantLR(o, factor=0.1, total_iters=2),
                                                              sch.ExponentialLR(o, gamma=0.9)], milestones=[2]))

opt = opt_for(n=2)
s = sch.LambdaLR(opt, lr_lambda=[lambda e: 1.0 / (e + 1), lambda e: 0.5 ** e])
for _ in range(3):
    opt.step()
    s.step()
print(s.last_epoch, [round(v, 6) for v in s.get_last_lr()], s.base_lrs)
opt = opt_for()
s = sch.StepLR(opt, step_size=2)
opt.step()
s.step()
print(s.state_dict())
print(s.optimizer is opt)
