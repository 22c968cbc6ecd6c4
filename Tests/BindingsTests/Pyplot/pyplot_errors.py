# matplotlib's error texts for wrong arguments.
import matplotlib.pyplot as plt
import numpy as np
import torch


def attempt(label, f):
    try:
        f()
        print(label, "-> ok")
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


attempt("shapes", lambda: plt.plot([1, 2, 3], [1, 2]))
attempt("grad", lambda: plt.plot(torch.ones(3, requires_grad=True)))
attempt("grad x", lambda: plt.scatter(torch.ones(2, requires_grad=True), [1, 2]))
attempt("kwarg", lambda: plt.plot([1, 2], foo=3))
attempt("fmt", lambda: plt.plot([1, 2], 'q'))
attempt("fmt two colors", lambda: plt.plot([1, 2], 'rg'))
attempt("linestyle", lambda: plt.plot([1, 2], linestyle='~~'))
attempt("marker", lambda: plt.plot([1, 2], marker='Q'))
attempt("color", lambda: plt.plot([1, 2], color='notacolor'))
attempt("alpha", lambda: plt.plot([1, 2], alpha=2))
attempt("scatter sizes", lambda: plt.scatter([1, 2], [1, 2, 3]))
attempt("scatter c", lambda: plt.scatter([1, 2], [1, 2], c=[1, 2, 3]))
attempt("imshow 1d", lambda: plt.imshow(np.array([1.0, 2.0, 3.0])))
attempt("contour 1d", lambda: plt.contour(np.array([1.0, 2.0])))
attempt("scale", lambda: plt.yscale('cubic'))
attempt("legend loc", lambda: plt.legend(loc='middle'))
attempt("subplot index", lambda: plt.subplot(2, 2, 5))
attempt("subplot spec", lambda: plt.subplot(2, 2))
attempt("subplots rows", lambda: plt.subplots(0, 1))
attempt("figsize", lambda: plt.figure(figsize=(-1, 2)))
attempt("colorbar", lambda: (plt.figure(), plt.plot([1]), plt.colorbar()))
attempt("xlim nan", lambda: plt.xlim(0, float('nan')))
attempt("ticks labels", lambda: plt.xticks([1, 2], ['a']))
attempt("hist bins", lambda: plt.hist([1, 2], bins=0))
attempt("bar shapes", lambda: plt.bar([1, 2, 3], [1, 2]))
attempt("errorbar neg", lambda: plt.errorbar([1, 2], [1, 2], yerr=[-1, 1]))
attempt("fill sizes", lambda: plt.fill_between([1, 2, 3], [1, 2]))
attempt("savefig format", lambda: plt.savefig('/tmp/wick_pyplot_errors.xyz'))
attempt("savefig folder", lambda: plt.savefig('/nonexistent-dir/x.png'))
attempt("imshow 3d", lambda: plt.imshow(torch.zeros(4, 4, 1)))
attempt("imshow 4d", lambda: plt.imshow(torch.zeros(1, 4, 4, 2)))
attempt("axis", lambda: plt.axis([0, 1]))
attempt("close type", lambda: plt.close(1.5))
