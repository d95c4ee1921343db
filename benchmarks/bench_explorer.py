"""How fast the EM explorer answers: scrubbing the step slider and changing K.

A scrub moves the existing artists to another stored step and redraws the
figure; a change of K runs EM again (N = 500, D = 2, the 'blobs' data) and
rebuilds the artists. Both are timed through the widget's own controls, as a
learner's click, with the Agg backend: the widget's one ``draw_idle()`` per
change is a full ``fig.canvas.draw()`` there (with ipympl the same render
happens in the kernel, plus sending the image).

Goals: scrub <= 30 ms, structural change <= 150 ms (medians). For scale the
script also times the floor of any full redraw on this machine: an empty
figure of the same size with the same two axes and ticks.

Run: python benchmarks/bench_explorer.py [--repeats 40]
"""

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from gmmteach.widgets import EMExplorer  # noqa: E402

GOALS = {"scrub": 0.030, "change K": 0.150}


def seconds(set_value, values):
    """Time of each ``set_value(v)``, which runs the widget's observers."""
    times = []
    for value in values:
        start = time.perf_counter()
        set_value(value)
        times.append(time.perf_counter() - start)
    return times


def scrub_times(explorer, repeats):
    n_steps = len(explorer.trajectory)
    # walk back and forth over the stored steps so every set is a change
    values = [(explorer.iteration.value + 1 + i) % n_steps for i in range(repeats)]
    runs_before = explorer.n_em_runs
    times = seconds(lambda v: setattr(explorer.iteration, "value", v), values)
    assert explorer.n_em_runs == runs_before, "scrubbing must not rerun EM"
    return times


def k_change_times(explorer, repeats):
    values = [2 + i % 4 for i in range(repeats)]  # 2, 3, 4, 5, 2, ...
    if values[0] == explorer.n_components.value:
        values = values[1:]
    runs_before = explorer.n_em_runs
    times = seconds(lambda v: setattr(explorer.n_components, "value", v), values)
    assert explorer.n_em_runs == runs_before + len(values), "each K must rerun EM"
    return times


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args()
    explorer = EMExplorer("blobs", n_components=3, max_iter=100)
    assert explorer.X.shape == (500, 2)
    explorer.fig.canvas.draw()  # warm the font caches
    results = {"scrub": scrub_times(explorer, args.repeats),
               "change K": k_change_times(explorer, args.repeats // 2)}
    print(f"EMExplorer, N={len(explorer.X)}, D={explorer.X.shape[1]}, Agg backend, "
          f"figure {explorer.fig.get_size_inches()} in at {explorer.fig.dpi} dpi")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:>9}: median {1e3 * median:7.1f} ms over {len(times)} changes "
              f"(min {1e3 * min(times):.1f}), goal {1e3 * GOALS[name]:.0f} ms, "
              f"ratio {median / GOALS[name]:.2f}")
    floor = statistics.median(empty_figure_times(explorer, args.repeats))
    print(f"    floor: median {1e3 * floor:7.1f} ms to redraw the empty axes alone "
          f"(scrub / floor = {statistics.median(results['scrub']) / floor:.2f})")
    explorer.close()


if __name__ == "__main__":
    main()
