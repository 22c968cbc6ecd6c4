"""Makes Tests/Fixtures/pyplot.json: what real matplotlib draws for a set of plotting scripts.

    /work/venv/bin/python Tests/Fixtures/make_pyplot_fixtures.py

Each case is a short pyplot script (lists, tuples, ranges, numpy arrays and torch tensors as
inputs). It runs under matplotlib's Agg backend; then every open figure is recorded: its
suptitle and, per axes, title, labels, scales, explicitly set limits and ticks, the legend
texts, and every artist's data (Line2D x/y data, colour, line style and marker; reference lines;
error bars; scatter offsets and colours; bar and histogram rectangles; image arrays; contour
levels; fill_between curves; texts and annotations). The Swift test (Tests/BindingsTests/
PyplotTests.swift) runs the same scripts under wick and compares its figure model with these
records (numbers within 1e-9). Deterministic: no randomness, no timings.

Cross-check mode (not a fixture; needs a built wick, run from the repository root):

    WICK=.build/debug/wick /work/venv/bin/python Tests/Fixtures/make_pyplot_fixtures.py --crosscheck Lessons/0*.py

runs each script under matplotlib and under wick with `savefig` replaced by a recorder (wick's
side reads `plt._wick_snapshot()`), and compares every saved figure the same way (1e-6: whole
lessons go through float32 training, which agrees with PyTorch to ~1e-6, not 1e-9).
"""
import json
import math
import os
import subprocess
import sys
import tempfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from matplotlib.container import BarContainer, ErrorbarContainer  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    ("lines_basic", """
import matplotlib.pyplot as plt
plt.plot([0, 1, 2, 3], [0, 1, 4, 9], 'r--', label='squares')
plt.plot([3, 2, 1])
plt.plot(range(4), (1.5, 2.5, 0.5, 1.0), 'o', label='points')
plt.title('Curves')
plt.xlabel('x')
plt.ylabel('y')
plt.legend()
"""),
    ("lines_many_series", """
import matplotlib.pyplot as plt
import numpy as np
x = np.linspace(0, 2, 9)
plt.plot(x, x, 'k:', x, x ** 2, 'g-', x, np.sqrt(x), label='f')
plt.plot(x, 1 - x, color='C5', linestyle='-.', linewidth=3, alpha=0.5, marker='s', label='falling')
plt.xlim(0, 2)
plt.ylim(-1, 4.5)
plt.grid(True)
plt.legend(loc='upper left')
"""),
    ("training_curves", """
import matplotlib.pyplot as plt
import torch
losses, accs = [], []
w = torch.tensor([2.0, -1.0])
for step in range(20):
    loss = (w ** 2).sum()
    losses.append(loss.item())
    accs.append(1 - loss.item() / 6)
    w = w * 0.8
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
ax1.plot(losses, label='train loss')
ax1.set_yscale('log')
ax1.set_title('Loss')
ax1.set_xlabel('step')
ax1.legend()
ax2.plot(range(1, 21), accs, 'o-', c='tab:orange')
ax2.set_ylim(0, 1)
ax2.set_title('Accuracy')
fig.suptitle('Training')
"""),
    ("tensor_inputs", """
import matplotlib.pyplot as plt
import torch
x = torch.linspace(-2, 2, 11, dtype=torch.float64)
y = torch.tanh(x)
plt.plot(x, y, label='tanh')
plt.plot(x, torch.relu(x).detach(), label='relu')
plt.plot(x.numpy(), torch.sigmoid(x).numpy(), label='sigmoid')
plt.axhline(0, color='k', lw=0.5)
plt.axvline(x=0.5, ymin=0.1, ymax=0.9, linestyle='--')
plt.legend()
"""),
    ("scatter_and_hist", """
import matplotlib.pyplot as plt
import numpy as np
fig, axes = plt.subplots(2, 2)
axes[0, 0].scatter([1, 2, 3, 4], [4, 1, 3, 2], label='pts')
axes[0, 0].scatter(np.array([0.5, 1.5]), np.array([2.0, 3.0]), c='red', s=50, marker='x')
axes[0, 1].scatter([0, 1, 2], [0, 1, 0], c=[0.1, 0.5, 0.9], cmap='coolwarm')
data = [0.1, 0.4, 0.45, 0.5, 0.9, 1.2, 1.25, 1.3, 2.0, 2.5, 2.6, 3.9]
n, bins, patches = axes[1, 0].hist(data, bins=5, alpha=0.7, label='data')
axes[1, 0].legend()
axes[1, 1].hist(data, bins=[0, 1, 2, 4], density=True, color='green')
axes[1, 1].set_title('density')
"""),
    ("bars_and_errorbars", """
import matplotlib.pyplot as plt
plt.subplot(1, 2, 1)
plt.bar(['cat', 'dog', 'bird'], [5, 3, 7], color='C2')
plt.ylabel('count')
plt.subplot(1, 2, 2)
plt.bar([1, 2, 3], [2.5, 1.0, 3.5], width=0.5, bottom=1, label='b')
plt.errorbar([1, 2, 3], [3.5, 2.0, 4.5], yerr=[0.2, 0.4, 0.1], fmt='o', capsize=3, label='err')
plt.fill_between([1, 2, 3], [1.0, 1.5, 2.0], [2.0, 3.0, 2.5], alpha=0.3)
plt.xticks([1, 2, 3], ['one', 'two', 'three'])
plt.legend()
"""),
    ("heatmap_and_contours", """
import matplotlib.pyplot as plt
import numpy as np
import torch
cm = torch.tensor([[50, 2, 1], [3, 45, 4], [0, 5, 40]])
plt.figure(figsize=(5, 4))
plt.imshow(cm, cmap='Blues')
plt.colorbar()
plt.title('Confusion matrix')
for i in range(3):
    for j in range(3):
        plt.text(j, i, str(cm[i, j].item()), ha='center')
plt.figure()
xs = np.linspace(-2, 2, 21)
ys = np.linspace(-1, 1, 11)
X, Y = np.meshgrid(xs, ys)
Z = X ** 2 + 3 * Y ** 2
plt.contourf(X, Y, Z, levels=[0, 1, 2, 4, 8, 16])
plt.colorbar()
plt.contour(X, Y, Z, levels=[0.5, 1.5], colors='k')
plt.annotate('minimum', xy=(0, 0), xytext=(0.5, 0.5), arrowprops=dict(arrowstyle='->'))
plt.xlabel('w1')
plt.ylabel('w2')
"""),
    ("loss_landscape", """
import matplotlib.pyplot as plt
import numpy as np
import torch
w1 = np.linspace(-3, 3, 31)
w2 = np.linspace(-2, 2, 21)
W1, W2 = np.meshgrid(w1, w2)
loss = (W1 - 1) ** 2 + 2 * W2 ** 2 + 0.5 * W1 * W2
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
cs = ax1.contourf(W1, W2, loss, levels=20, cmap='viridis')
fig.colorbar(cs, ax=ax1)
ax1.contour(W1, W2, loss, colors='white')
path = torch.tensor([[-2.5, 1.5], [-1.0, 0.8], [0.2, 0.3], [0.9, -0.1]])
ax1.plot(path[:, 0], path[:, 1], 'r.-', label='SGD')
ax1.legend()
ax2.contour(w1, w2, loss, levels=5)
ax2.axis('off')
"""),
    ("updated_artists", """
import matplotlib.pyplot as plt
import numpy as np
line, = plt.plot([1, 2, 3], [1, 2, 3])
line.set_label('updated')
line.set_ydata(np.array([3.0, 2.0, 1.0]))
line.set_color('red')
other, = plt.plot([0, 4], [2, 2], label='flat')
other.set_linestyle('--')
h = plt.axhline(1.5)
h.set_label('threshold')
plt.legend(loc=4)
plt.gcf().set_size_inches(7, 3)
"""),
    ("axes_methods", """
import matplotlib.pyplot as plt
import numpy as np
fig = plt.figure(figsize=(6, 6))
ax = fig.add_subplot(2, 1, 1)
ax.plot(np.arange(5), np.arange(5) * 2.5, 'b-o', label='line')
ax.set_xlim(-1, 5)
ax.set_xticks([0, 2, 4])
ax.set_title('Top')
ax.legend(['renamed'])
ax2 = fig.add_subplot(212)
ax2.plot([1, 10, 100], [1, 100, 10000])
ax2.set_xscale('log')
ax2.set_yscale('log')
ax2.set_xlabel('n')
ax2.text(0.1, 0.9, 'note', transform=ax2.transAxes)
ax2.grid()
"""),
]


def hexcolor(c):
    return mcolors.to_hex(c, keep_alpha=False)


def nums(v):
    out = []
    for x in np.asarray(v, dtype=float).ravel():
        x = float(x)
        if math.isnan(x):
            out.append("nan")
        elif math.isinf(x):
            out.append("inf" if x > 0 else "-inf")
        else:
            out.append(x)
    return out


def record_axes(ax):
    rec = {"title": ax.get_title(), "xlabel": ax.get_xlabel(), "ylabel": ax.get_ylabel(),
           "xscale": ax.get_xscale(), "yscale": ax.get_yscale(), "axis": bool(ax.axison)}
    if not ax.get_autoscalex_on():
        rec["xlim"] = nums(ax.get_xlim())
    if not ax.get_autoscaley_on():
        rec["ylim"] = nums(ax.get_ylim())
    for axis, key in [(ax.xaxis, "xticks"), (ax.yaxis, "yticks")]:
        loc = axis.get_major_locator()
        if type(loc).__name__ in ("FixedLocator", "StrCategoryLocator"):
            # Labels only when they were given (FixedFormatter) or are categories; numbers are formatted by wick's renderer.
            explicit = type(axis.get_major_formatter()).__name__ in ("FixedFormatter", "FuncFormatter", "StrCategoryFormatter")
            labels = [t.get_text() for t in (ax.get_xticklabels() if key == "xticks" else ax.get_yticklabels())]
            rec[key] = {"positions": nums(axis.get_majorticklocs())}
            if explicit:
                rec[key]["labels"] = labels
    legend = ax.get_legend()
    rec["legend"] = [t.get_text() for t in legend.get_texts()] if legend else None
    errorbar_lines = set()
    artists = []
    for c in ax.containers:
        if isinstance(c, ErrorbarContainer):
            line, caps, cols = c.lines
            errorbar_lines.add(id(line))
            errorbar_lines.update(id(cap) for cap in caps)
    # Artists in drawing order (matplotlib keeps each kind in its own list; children() is in order).
    for art in ax.get_children():
        kind = type(art).__name__
        if kind == "Line2D" and id(art) not in errorbar_lines:
            tr = art.get_transform()
            xdata, ydata = tr.contains_branch_seperately(ax.transData)
            if xdata and ydata:
                artists.append({"kind": "line", "x": nums(art.get_xdata()), "y": nums(art.get_ydata()),
                                "color": hexcolor(art.get_color()), "linestyle": art.get_linestyle(),
                                "marker": str(art.get_marker()), "linewidth": art.get_linewidth(),
                                "label": art.get_label()})
            else:
                horizontal = bool(ydata)
                value = art.get_ydata()[0] if horizontal else art.get_xdata()[0]
                span = art.get_xdata() if horizontal else art.get_ydata()
                artists.append({"kind": "hline" if horizontal else "vline", "value": float(value),
                                "from": float(span[0]), "to": float(span[1]), "color": hexcolor(art.get_color()),
                                "linestyle": art.get_linestyle()})
        elif kind == "PathCollection":
            offsets = np.asarray(art.get_offsets())
            entry = {"kind": "scatter", "x": nums(offsets[:, 0]), "y": nums(offsets[:, 1]),
                     "sizes": nums(art.get_sizes()), "label": art.get_label()}
            arr = art.get_array()
            if arr is not None:
                entry["mapped"] = nums(arr)
            else:
                entry["color"] = hexcolor(art.get_facecolor()[0])
            artists.append(entry)
        elif kind == "FillBetweenPolyCollection" or kind == "PolyCollection":
            verts = art.get_paths()[0].vertices
            # The polygon: (x0, y2_0), the n points of y1, then (x_n-1, y2_n-1) and y2 backwards, closed.
            n = (len(verts) - 3) // 2
            upper = verts[1:n + 1]
            lower = verts[n + 2:2 * n + 2][::-1]
            artists.append({"kind": "fill", "x": nums(upper[:, 0]), "y1": nums(upper[:, 1]), "y2": nums(lower[:, 1]),
                            "color": hexcolor(art.get_facecolor()[0])})
        elif isinstance(art, AxesImage):
            a = np.asarray(art.get_array())
            artists.append({"kind": "image", "shape": list(a.shape), "values": nums(a), "cmap": art.get_cmap().name})
        elif isinstance(art, ContourSet):
            artists.append({"kind": "contourf" if art.filled else "contour", "levels": nums(art.levels)})
    for c in ax.containers:
        if isinstance(c, BarContainer):
            artists.append({"kind": "bars", "left": nums([p.get_x() for p in c.patches]),
                            "bottom": nums([p.get_y() for p in c.patches]),
                            "width": nums([p.get_width() for p in c.patches]),
                            "height": nums([p.get_height() for p in c.patches]),
                            "color": hexcolor(c.patches[0].get_facecolor()) if c.patches else None,
                            "label": c.get_label()})
        elif isinstance(c, ErrorbarContainer):
            line, caps, cols = c.lines
            entry = {"kind": "errorbar", "x": nums(line.get_xdata()), "y": nums(line.get_ydata())}
            for seg_col in cols:
                segs = seg_col.get_segments()
                vertical = all(s[0][0] == s[1][0] for s in segs)
                key = "yerr" if vertical else "xerr"
                centre = line.get_ydata() if vertical else line.get_xdata()
                axis = 1 if vertical else 0
                entry[key] = {"lower": nums([c0 - s[0][axis] for s, c0 in zip(segs, centre)]),
                              "upper": nums([s[1][axis] - c0 for s, c0 in zip(segs, centre)])}
            artists.append(entry)
    rec["artists"] = artists
    texts = []
    for t in ax.texts:
        entry = {"text": t.get_text(), "x": float(t.get_position()[0]), "y": float(t.get_position()[1]),
                 "axes_fraction": bool(t.get_transform() == ax.transAxes)}
        if hasattr(t, "xy"):
            entry["xy"] = nums(t.xy)
        texts.append(entry)
    rec["texts"] = texts
    # The grid cell as the script chose it (a colorbar nests the parent's cell in a new grid).
    spec = ax.get_subplotspec().get_topmost_subplotspec()
    rec["row"], rec["col"] = (spec.rowspan.start, spec.colspan.start)
    gs = spec.get_gridspec()
    rec["nrows"], rec["ncols"] = gs.get_geometry()
    return rec


def record_figures():
    figs = []
    for num in plt.get_fignums():
        fig = plt.figure(num)
        figs.append({"number": num, "size": nums(fig.get_size_inches()),
                     "suptitle": fig._suptitle.get_text() if fig._suptitle else None,
                     "axes": [record_axes(ax) for ax in fig.axes if not ax.get_label() == "<colorbar>"],
                     "colorbars": sum(1 for ax in fig.axes if ax.get_label() == "<colorbar>")})
    return figs


# --------------------------------------------------------------------------
# cross-check mode: the figures a whole script saves, under matplotlib and under wick
# --------------------------------------------------------------------------

PRE_PY = '''
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as _plt
import json as _json, atexit as _atexit, sys as _sys
_sys.path.insert(0, HERE_DIR)
import make_pyplot_fixtures as _mk
_saved = []
def _savefig(*a, **k):
    fig = _plt.gcf()
    _saved.append([f for f in _mk.record_figures() if f["number"] == fig.number][0])
_plt.savefig = _savefig
_plt.show = lambda *a, **k: None
_atexit.register(lambda: open(OUT, "w").write(_json.dumps(_saved)))
'''
PRE_WICK = '''
import matplotlib.pyplot as _plt
import json as _json
_saved = []
def _savefig(*a, **k):
    n = _plt.gcf().number
    _saved.append([f for f in _plt._wick_snapshot() if f["number"] == n][0])
    with open(OUT, "w") as fh:
        fh.write(_json.dumps(_saved))
_plt.savefig = _savefig
'''

def num(v):
    if isinstance(v, bool): return float(v)
    if isinstance(v, (int, float)): return float(v)
    if v in ("nan", "inf", "-inf"): return float(v)
    return None

def cmp(e, a, at, out):
    if e is None and a is None: return
    if isinstance(e, dict) and isinstance(a, dict):
        for k in set(e) | set(a): cmp(e.get(k), a.get(k), at + "." + k, out)
    elif isinstance(e, list) and isinstance(a, list):
        if len(e) != len(a): out.append(f"{at}: {len(a)} items, expected {len(e)}"); return
        for i, (x, y) in enumerate(zip(e, a)): cmp(x, y, f"{at}[{i}]", out)
    elif isinstance(e, str) and isinstance(a, str):
        if e != a: out.append(f"{at}: {a!r}, expected {e!r}")
    else:
        x, y = num(e) if e is not None else None, num(a) if a is not None else None
        if x is None or y is None: out.append(f"{at}: {a!r}, expected {e!r}"); return
        if math.isnan(x) and math.isnan(y): return
        if not abs(x - y) <= 1e-6 * max(1, abs(x)): out.append(f"{at}: {y}, expected {x}")

def compare(ef, af, at, out):
    for key in ["size", "suptitle", "colorbars"]: cmp(ef.get(key), af.get(key), at + "." + key, out)
    if len(ef["axes"]) != len(af["axes"]): out.append(f"{at}: {len(af['axes'])} axes, expected {len(ef['axes'])}"); return
    for j, (ex, ac) in enumerate(zip(ef["axes"], af["axes"])):
        here = f"{at} axes {j}"
        for key in ["title", "xlabel", "ylabel", "xscale", "yscale", "axis", "xlim", "ylim", "xticks", "yticks", "legend", "texts", "row", "col", "nrows", "ncols"]:
            cmp(ex.get(key), ac.get(key), here + "." + key, out)
        kinds = sorted({x["kind"] for x in ex["artists"]} | {x["kind"] for x in ac["artists"]})
        for kind in kinds:
            ek = [x for x in ex["artists"] if x["kind"] == kind]; ak = [x for x in ac["artists"] if x["kind"] == kind]
            if len(ek) != len(ak): out.append(f"{here}: {len(ak)} {kind}, expected {len(ek)}"); continue
            for i, (x, y) in enumerate(zip(ek, ak)):
                for k, v in x.items():
                    if k == "kind" or (k == "label" and isinstance(v, str) and v.startswith("_")): continue
                    if k == "sizes" and len(v) == 1 and all(s == v[0] for s in y.get(k, [])): continue
                    cmp(v, y.get(k), f"{here}.{kind}[{i}].{k}", out)

def crosscheck(path, wick):
    src = open(path).read()
    tmpdir = tempfile.mkdtemp(prefix="pyplot-crosscheck-")
    d = os.path.dirname(os.path.abspath(path))
    runs = {}
    for who, pre, cmd in [("py", PRE_PY, ["/work/venv/bin/python", "-W", "ignore"]), ("wick", PRE_WICK, [wick, "run"])]:
        out = os.path.join(tmpdir, f"{os.path.basename(path)}.{who}.json")
        if os.path.exists(out): os.remove(out)
        tmp = os.path.join(tmpdir, f"{who}_{os.path.basename(path)}")
        open(tmp, "w").write(pre.replace("HERE_DIR", repr(HERE)).replace("OUT", repr(out)) + src)
        r = subprocess.run(cmd + [tmp], cwd=os.getcwd(), capture_output=True, text=True, env=dict(os.environ, WICK_PLOT="none"))
        if r.returncode != 0: print(who, "failed:", r.stderr[-500:])
        runs[who] = json.load(open(out)) if os.path.exists(out) else []
    e, a = runs["py"], runs["wick"]
    print(path, "figures:", len(e), len(a))
    out = []
    if len(e) != len(a): out.append(f"{len(a)} figures, expected {len(e)}")
    for i, (x, y) in enumerate(zip(e, a)): compare(x, y, f"savefig {i}", out)
    for line in out[:40]: print("  ", line)
    return not out


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--crosscheck":
        wick = os.environ.get("WICK", ".build/debug/wick")
        ok = all([crosscheck(p, wick) for p in sys.argv[2:]])
        sys.exit(0 if ok else 1)
    cases = []
    for name, code in CASES:
        plt.close("all")
        torch.manual_seed(0)
        exec(compile(code.strip() + "\n", name + ".py", "exec"), {"__name__": "__main__"})
        cases.append({"name": name, "script": code.strip() + "\n", "figures": record_figures()})
        print(name, len(cases[-1]["figures"]), "figures")
    plt.close("all")
    meta = {"made_by": "make_pyplot_fixtures.py", "matplotlib_version": matplotlib.__version__,
            "numpy_version": np.__version__, "torch_version": torch.__version__}
    with open(os.path.join(HERE, "pyplot.json"), "w") as f:
        f.write('{"meta": ' + json.dumps(meta, allow_nan=False) + ',\n "cases": [\n')
        f.write(",\n".join(json.dumps(c, allow_nan=False) for c in cases))
        f.write("\n]}\n")


if __name__ == "__main__":
    main()
