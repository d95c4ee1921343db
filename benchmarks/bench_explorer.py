"""How fast the EM explorer answers: scrubbing the step slider and changing K.

A scrub moves the existing artists to another stored step and redraws them; a
change of K runs EM again (N = 500, D = 2, the 'blobs' data) and rebuilds the
artists. Both are timed through the widget's own controls, as a learner's
click, on three canvases in one run:

* Agg (any non-interactive backend), the issue's measure: a scrub pastes the
  cached background and draws only the moving artists with Agg (blitting);
  a change of K is a full ``fig.canvas.draw()``;
* Agg inside IPython (``%matplotlib inline``): the same, plus encoding the
  canvas's pixels as the PNG shown in the widget's Output;
* ipympl (``%matplotlib widget``, what the lessons use), headless: blitted
  scrubs including the PNG diff ipympl sends to the browser; a change of K is
  followed by the full draw the browser then asks for.

A drawn point (draw mode: a click, press and release, on the data panel
through the canvas's event machinery, adding one point to the 500 and
running EM again) is a structural change as well, timed the same way.

Goals: scrub <= 30 ms, structural change (K, a drawn point) <= 150 ms (medians). For scale the
script also times a full redraw of the explorer's figure (what each scrub
cost before blitting) and the floor of any full redraw on this machine: an
empty figure of the same size with the same two axes and ticks.

Memory (``--memory``): N = 100,000 points, K = 10, 100 iterations (tol=0),
measured with tracemalloc: what the widget holds beyond its copy of the data
once built, the peak while building, and both during a change of K; then the
median scrub and a change of K at that size (Agg). Goals: under 50 MB held,
scrub <= 50 ms (issue 18: beyond 5,000 points the explorer draws a fixed
sample of them, stated in the figure; EM still uses all).
Storing every step's responsibilities held 780 MiB (peak 1.5 GB on a change
of K); the explorer now keeps each iteration's point colours as bytes.
Another widget is measured by adding an entry to ``BIG_WIDGETS``.

The VBExplorer (lesson 11) is timed beside it, on Old Faithful (N = 272,
D = 2) with K_max = 10: scrubs, and changes of the concentration prior: to a
value not seen before (a new variational run of 100-170 iterations and a new
layout where its ELBO labels need another room) and back to one seen before
(the run the explorer kept for it). On ipympl a change is followed by the
full draw the browser asks for only when the widget asked for one (a change
that redraws the ELBO panel alone sends its pixels itself). Goal (issue 18):
<= 150 ms median, the figure as a new run's.

Run: python benchmarks/bench_explorer.py [--repeats 40] [--memory] [--vb-only]
"""

import argparse
import gc
import statistics
import time
import tracemalloc

import matplotlib
from IPython.core.interactiveshell import InteractiveShell
from matplotlib.backend_bases import MouseEvent

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from gmmteach.widgets import EMExplorer, VBExplorer  # noqa: E402

GOALS = {"scrub": 0.030, "change K": 0.150, "draw a point": 0.150,
         "prior, new": 0.150, "prior, seen": 0.150}
# weight_concentration_prior: eight of the slider's values, cycled twice
PRIORS = tuple(float(10**e) for e in np.arange(-2.0, 2.0, 0.5))
MEMORY_GOAL_MB = 50
BIG_SCRUB_GOAL = 0.050  # a scrub at N = 100,000 (issue 18)
MiB = 2**20

# name: how to build the widget on the big data (one entry per widget); each
# needs an ``iteration`` slider, an ``n_components`` slider and ``close()``
BIG_WIDGETS = {
    "EMExplorer": lambda X: EMExplorer(X, n_components=10, max_iter=100, tol=0.0),
}


def seconds(set_value, values):
    """Time of each ``set_value(v)``, which runs the widget's observers."""
    times = []
    for value in values:
        start = time.perf_counter()
        set_value(value)
        times.append(time.perf_counter() - start)
    return times


def n_runs(explorer):
    """How many times the widget ran its algorithm (EM or variational)."""
    return getattr(explorer, "n_em_runs", getattr(explorer, "n_vb_runs", None))


def scrub_times(explorer, repeats):
    n_steps = len(explorer.trajectory)
    # walk back and forth over the stored steps so every set is a change
    values = [(explorer.iteration.value + 1 + i) % n_steps for i in range(repeats)]
    runs_before = n_runs(explorer)
    times = seconds(lambda v: setattr(explorer.iteration, "value", v), values)
    assert n_runs(explorer) == runs_before, "scrubbing must not rerun the algorithm"
    return times


def prior_change_times(explorer, after=None):
    """Times of concentration-prior changes (VBExplorer): (new values, seen ones).

    A value not seen before is a new variational run; the explorer keeps
    the runs of values seen before (the same records) and shows them again.
    """
    values = [PRIORS[(i + 1) % len(PRIORS)] for i in range(2 * len(PRIORS) - 1)]
    new, seen = [], []
    for value in values:
        runs_before = n_runs(explorer)

        def change():
            explorer.weight_concentration_prior.value = value
            if after is not None:
                after()
        time_taken = seconds(lambda _: change(), [value])[0]
        (new if n_runs(explorer) > runs_before else seen).append(time_taken)
    assert new, "a value never seen must run variational inference"
    return new, seen


def k_change_times(explorer, repeats, after=None):
    """Times of K changes, each followed by ``after()`` if given."""
    values = [2 + i % 4 for i in range(repeats)]  # 2, 3, 4, 5, 2, ...
    if values[0] == explorer.n_components.value:
        values = values[1:]
    runs_before = explorer.n_em_runs

    def change(k):
        explorer.n_components.value = k
        if after is not None:
            after()
    times = seconds(change, values)
    assert explorer.n_em_runs == runs_before + len(values), "each K must rerun EM"
    return times


def draw_times(explorer, repeats, after=None):
    """Times of clicks in draw mode, each adding a point and rerunning EM."""
    explorer.drawing.toggle.value = True
    (x0, x1), (y0, y1) = explorer.ax_data.get_xlim(), explorer.ax_data.get_ylim()
    # points on a diagonal inside the view, in screen pixels, one per click
    spots = [explorer.ax_data.transData.transform(
        (x0 + (x1 - x0) * f, y0 + (y1 - y0) * f)) for f in np.linspace(0.2, 0.8, repeats)]
    runs_before = explorer.n_em_runs

    def press(xy):  # press and release: EM runs when drawing stops
        for name in ("button_press_event", "button_release_event"):
            event = MouseEvent(name, explorer.fig.canvas, *xy, button=1)
            explorer.fig.canvas.callbacks.process(name, event)
        if after is not None:
            after()
    times = seconds(press, spots)
    assert explorer.n_em_runs == runs_before + len(spots), "each point must rerun EM"
    explorer.drawing.toggle.value = False
    return times


def browser_draws(canvas):
    """``after()`` for ipympl: the full draw the browser makes when asked.

    ``draw_idle`` asks the browser, which then asks the kernel to draw the
    whole figure; a change redrawn by blitting sends its pixels itself and
    asks for nothing, so no full draw follows it.
    """
    asked = []
    draw_idle = canvas.draw_idle

    def ask():
        asked.append(True)
        draw_idle()
    canvas.draw_idle = ask

    def after():
        if asked:
            asked.clear()
            canvas.draw()
    return after


def empty_figure_times(explorer, repeats):
    """Full redraws of the same figure with nothing in the axes."""
    fig, axes = plt.subplots(1, 2, figsize=explorer.fig.get_size_inches(),
                             width_ratios=[3, 2])
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.yaxis.set_major_locator(MaxNLocator(5))
    fig.canvas.draw()
    times = seconds(lambda _: fig.canvas.draw(), range(repeats))
    plt.close(fig)
    return times


def measure(repeats, live):
    """Medians of scrubs and K changes, of full redraws and the empty floor."""
    explorer = EMExplorer("blobs", n_components=3, max_iter=100)
    assert explorer.X.shape == (500, 2)
    if live:
        # what the browser says once its view is up: from now on ipympl sends
        # only PNG diffs (before, it also re-encodes a full PNG every frame)
        explorer.fig.canvas._handle_message(None, {"type": "initialized"}, [])
    explorer.fig.canvas.draw()  # warm the font caches; the browser's first draw
    scrub = scrub_times(explorer, repeats)
    after = explorer.fig.canvas.draw if live else None
    results = {"scrub": scrub, "change K": k_change_times(explorer, repeats // 2, after)}
    explorer.n_components.value = 3
    results["draw a point"] = draw_times(explorer, repeats // 2, after)
    full = seconds(lambda _: explorer.fig.canvas.draw(), range(repeats))
    floor = empty_figure_times(explorer, repeats)
    explorer.close()
    return results, statistics.median(full), statistics.median(floor)


def measure_vb(repeats, live):
    """Medians of VBExplorer scrubs and prior changes, and of its full redraw."""
    explorer = VBExplorer("old faithful", n_components=10,
                          weight_concentration_prior=PRIORS[0], max_iter=300)
    if live:
        explorer.fig.canvas._handle_message(None, {"type": "initialized"}, [])
    explorer.fig.canvas.draw()
    scrub = scrub_times(explorer, repeats)
    after = browser_draws(explorer.fig.canvas) if live else None
    new, seen = prior_change_times(explorer, after)
    results = {"scrub": scrub, "prior, new": new, "prior, seen": seen}
    full = seconds(lambda _: explorer.fig.canvas.draw(), range(repeats))
    floor = empty_figure_times(explorer, repeats)
    explorer.close()
    return results, statistics.median(full), statistics.median(floor)


def report(title, results, full, floor):
    print(title)
    for name, times in results.items():
        if not times:  # e.g. no value was seen before (an explorer that keeps no runs)
            print(f"{name:>12}: none")
            continue
        median = statistics.median(times)
        print(f"{name:>12}: median {1e3 * median:7.1f} ms over {len(times)} changes "
              f"(min {1e3 * min(times):.1f}), goal {1e3 * GOALS[name]:.0f} ms, "
              f"ratio {median / GOALS[name]:.2f}")
    scrub = statistics.median(results["scrub"])
    print(f"   full draw: median {1e3 * full:7.1f} ms to redraw the whole figure "
          f"(scrub / full draw = {scrub / full:.2f})")
    print(f"       floor: median {1e3 * floor:7.1f} ms to redraw the empty axes alone")


def big_data(n_samples=100_000, n_centres=10, seed=0):
    """Ten unit blobs on a 40 x 40 square: (n_samples, 2)."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(-20, 20, size=(n_centres, 2))
    return centres[rng.integers(n_centres, size=n_samples)] + rng.normal(size=(n_samples, 2))


def traced(action):
    """(result, MiB held after, peak MiB) of ``action()`` under tracemalloc."""
    tracemalloc.start()
    try:
        result = action()
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, held / MiB, peak / MiB


def memory_report(name, build, X, scrubs=10):
    data = X.nbytes / MiB  # the widget's own copy of the data is not counted
    widget, held, peak = traced(lambda: build(X))
    print(f"{name}, N={len(X):,}, K=10, {len(widget.trajectory)} steps:")
    print(f"  built: holds {held - data:6.1f} MiB beyond the data (goal "
          f"{MEMORY_GOAL_MB} MB, ratio {(held - data) * MiB / 1e6 / MEMORY_GOAL_MB:.2f})"
          f", peak {peak - data:.1f} MiB")
    _, held, peak = traced(lambda: setattr(widget.n_components, "value", 9))
    print(f"  K 10 -> 9: its new allocations hold {held:6.1f} MiB after, "
          f"peak {peak:.1f} MiB")
    widget.fig.canvas.draw()
    scrub = scrub_times(widget, scrubs)
    k = seconds(lambda v: setattr(widget.n_components, "value", v), [10])
    median = statistics.median(scrub)
    print(f"  scrub median {1e3 * median:.0f} ms (goal {1e3 * BIG_SCRUB_GOAL:.0f} ms, "
          f"ratio {median / BIG_SCRUB_GOAL:.2f}), change of K 9 -> 10 {k[0]:.2f} s (Agg)")
    widget.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--memory", action="store_true",
                        help="also measure memory at N=100,000, K=10 (slow)")
    parser.add_argument("--vb-only", action="store_true",
                        help="time only the VBExplorer (Agg, then ipympl)")
    args = parser.parse_args()
    if args.vb_only:
        return main_vb(args.repeats)
    if args.memory:
        X = big_data()
        for name, build in BIG_WIDGETS.items():
            memory_report(name, build, X)
    print("EMExplorer, N=500, D=2, figure 9.5 x 4.2 in at 100 dpi")
    report("Agg canvas (blitted scrubs):", *measure(args.repeats, False))
    report("VBExplorer, Old Faithful, K_max=10, figure 9.6 x 3.6 in, Agg canvas:",
           *measure_vb(args.repeats, False))
    InteractiveShell.instance()  # as in a notebook: the Output gets a PNG
    report("Agg canvas in IPython (blitted scrubs, PNG shown in an Output):",
           *measure(args.repeats, False))
    plt.switch_backend("module://ipympl.backend_nbagg")
    report("ipympl canvas (blitted scrubs, PNG diff encoded):",
           *measure(args.repeats, True))
    report("VBExplorer, ipympl canvas (blitted scrubs, PNG diff encoded):",
           *measure_vb(args.repeats, True))


def main_vb(repeats):
    """The VBExplorer rows alone: Agg canvas, then ipympl."""
    report("VBExplorer, Old Faithful, K_max=10, figure 9.6 x 3.6 in, Agg canvas:",
           *measure_vb(repeats, False))
    plt.switch_backend("module://ipympl.backend_nbagg")
    report("VBExplorer, ipympl canvas (blitted scrubs, PNG diff encoded):",
           *measure_vb(repeats, True))


if __name__ == "__main__":
    main()
