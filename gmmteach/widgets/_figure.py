"""What the widgets share: one figure, its view, one redraw per change.

Part of :mod:`gmmteach.widgets`.
"""

import base64
import contextlib
import html
import io
import os

import IPython.display
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.ticker import MaxNLocator

from .._checks import check_X
from ..datasets import DATASETS, feature_names
from .. import lecture
from ..lecture import widget_figsize
from ._arguments import check_choice, check_step_index

OWN_DATA = "your data"
# Set to 1 by `make site` (site/build.py): the course website has no kernel,
# so each widget shows itself as a picture or an animation, with a note.
STATIC_PAGE = "GMMTEACH_STATIC_PAGE"
STATIC_NOTE = (
    "<p class=\"gmmteach-static-note\"><strong>{what}</strong> A web page has no "
    "Python behind it, so the controls of <code>{name}</code> are not here. "
    "Run this lesson live to use them: <code>make lab</code> in a copy of the "
    "course, or the launch button at the top of this page where the site has "
    "one.</p>")


def _in_ipython():
    from IPython.core.interactiveshell import InteractiveShell
    return InteractiveShell.initialized()


class _FigureWidget:
    """What the widgets share: one figure, its view, one redraw per change."""

    def _make_figure(self, ncols, figsize, nrows=1, **kwargs):
        """A figure with ``nrows`` x ``ncols`` axes on the current backend's canvas.

        The figure is not registered with pyplot (``plt.new_figure_manager``
        gives a canvas and toolbar without adding them to pyplot's list): a
        cell re-run twenty times leaves no figure open behind the widget, and
        no "More than 20 figures" warning; :meth:`close` frees the rest. In
        the lecture mode (:mod:`gmmteach.lecture`) the figure is as wide as
        the page and short enough for the controls above it on a projector.
        """
        with plt.ioff():
            # no layout engine, even where rcParams ask for one (the lecture
            # mode's): _lay_out places the axes once, not at every draw
            manager = plt.new_figure_manager(id(self), figsize=widget_figsize(figsize),
                                             layout="none")
        self.fig = manager.canvas.figure
        axes = self.fig.subplots(nrows, ncols, **kwargs)
        if lecture.active():  # large fonts in a short figure: long labels wrap
            for ax in self.fig.axes:
                ax.xaxis.label.set_wrap(True)
                ax.yaxis.label.set_wrap(True)
        self.n_draws, self._background, self._blits = 0, None, False
        canvas = self.fig.canvas
        if isinstance(canvas, widgets.DOMWidget):  # ipympl: a live canvas
            canvas.header_visible = False
            # no pan/zoom toolbar: it fades in over the figure's edge (the y
            # tick labels on the left, the end of the curve on the right),
            # and the widgets fix their axes' limits anyway
            canvas.toolbar_visible = False
            self._view = canvas
        else:  # any other backend: an image re-sent into an Output
            self._view = widgets.Output()
        return axes

    def _lay_out(self):
        """Place the axes around their labels once, not at every redraw.

        A constrained layout measures every text at each draw, which doubles
        the cost of a redraw; the limits and labels stay put while a slider
        moves, so the layout is computed when they change, here.
        """
        ConstrainedLayoutEngine().execute(self.fig)

    def _redraw(self):
        self.n_draws += 1
        self._background = None  # limits or lines may have changed: draw all
        self.fig.canvas.draw_idle()
        self._show_image()

    def _show_image(self):
        """Without a live canvas, replace the image in the Output view.

        An Agg canvas holds the pixels just drawn (blitted ones included):
        they are sent as they are; other canvases draw the figure anew.
        """
        if isinstance(self._view, widgets.Output) and _in_ipython():
            canvas = self.fig.canvas
            image = (_png(canvas.buffer_rgba()) if hasattr(canvas, "buffer_rgba")
                     else self.fig)
            self._view.outputs = ()  # works from callbacks, outside a cell
            self._view.append_display_data(image)

    # -- blitting: redraw only what moves ------------------------------------
    def _blit(self, moving):
        """Let :meth:`_redraw_moving` draw only the artists ``moving()`` returns.

        Most of a full redraw is axes, ticks and labels that a scrub does not
        change. A full draw leaves the moving artists out; that image is kept
        as the background, and each scrub pastes it back and draws just the
        moving artists on top (matplotlib's blitting). This needs a canvas
        that can copy its pixels (Agg and ipympl can); others redraw in full.
        ``fig.savefig`` still draws the animated artists.
        """
        self._moving = moving
        self._blits = hasattr(self.fig.canvas, "copy_from_bbox")
        if self._blits:
            self.fig.canvas.mpl_connect("draw_event", self._keep_background)

    def _animated(self, artists):
        for artist in artists:
            artist.set_animated(self._blits)

    def _keep_background(self, event):
        if self.fig.canvas.is_saving():  # a file, not the screen: draw anew next
            self._background = None
            return
        self._background = self.fig.canvas.copy_from_bbox(self.fig.bbox)
        self._draw_moving()

    def _draw_moving(self):
        for artist in self._moving():
            self.fig.draw_artist(artist)

    def _redraw_moving(self):
        """One redraw of the moving artists only, or of everything if needed."""
        if self._background is None:
            return self._redraw()
        self.n_draws += 1
        canvas = self.fig.canvas
        canvas.restore_region(self._background)
        self._draw_moving()
        canvas.blit(self.fig.bbox)
        self._show_image()

    def _redraw_region(self, ax, region):
        """Redraw ``ax`` alone within ``region``, then the moving artists.

        For a change that leaves every other axes as it was (its limits,
        ticks and labels) and ``ax`` where it is: the kept background is
        pasted back, ``region`` (display pixels, a column that holds all of
        ``ax`` and its labels and nothing of any other axes) is painted with
        the figure's colour and ``ax`` drawn into it, in the order a full
        draw paints them, so the pixels are a full draw's. That image is the
        new background; the moving artists go on top.
        """
        if self._background is None or region is None:
            return self._redraw()
        self.n_draws += 1
        canvas, patch = self.fig.canvas, self.fig.patch
        canvas.restore_region(self._background)
        patch.set_clip_box(region)
        try:
            self.fig.draw_artist(patch)
        finally:
            patch.set_clip_box(None)
        self.fig.draw_artist(ax)
        self._background = canvas.copy_from_bbox(self.fig.bbox)
        self._draw_moving()
        canvas.blit(self.fig.bbox)
        self._show_image()

    def _repr_mimebundle_(self, **kwargs):
        if os.environ.get(STATIC_PAGE) == "1":
            return {"text/html": self._static_html(), "text/plain": type(self).__name__}
        return self.widget._repr_mimebundle_(**kwargs)

    def _static_html(self):
        """For a page without a kernel: the figure as it opens, and a note."""
        buffer = io.BytesIO()
        self.fig.savefig(buffer, format="png", dpi=80)
        data = base64.b64encode(buffer.getvalue()).decode("ascii")
        name = type(self).__name__
        note = STATIC_NOTE.format(what="A picture of the widget as it opens.", name=name)
        return (f'<div class="gmmteach-static">{note}<img class="gmmteach-static-figure" '
                f'alt="{name} as it opens" src="data:image/png;base64,{data}"></div>')

    def close(self):
        """Close the figure and the widgets (frees their memory)."""
        plt.close(self.fig)
        _close_tree(self.widget)
        if isinstance(self.fig.canvas, widgets.DOMWidget):
            self.fig.canvas.close()


class _TrajectoryWidget(_FigureWidget):
    """What the explorers share: data choices, x/y axes, a cached trajectory.

    A subclass has the controls ``data``, ``x_axis``, ``y_axis``,
    ``iteration`` and ``message``, one control per name in ``STRUCTURAL``
    (a change of any reruns the algorithm, called ``ALGORITHM`` in
    messages), a list ``trajectory`` and the methods ``_recompute()``,
    ``_draw_trajectory(new_layout)`` and ``_move_to(index)``.
    """

    def _observe(self):
        for name in self.STRUCTURAL:
            getattr(self, name).observe(self._on_structure, names="value")
        self.x_axis.observe(self._on_view, names="value")
        self.y_axis.observe(self._on_view, names="value")
        self.iteration.observe(self._on_iteration, names="value")

    def _on_structure(self, change):
        if not self._quiet:
            self._recompute()

    def show_step(self, index):
        """Move the existing artists to ``trajectory[index]`` and redraw them once."""
        self._move_to(self._check_index(index))
        self._redraw_moving()

    def _check_index(self, index):
        """A step number of the trajectory; negative counts from the end, as for lists."""
        return check_step_index(index, len(self.trajectory))

    def _fail(self, reason):
        kept = "The figure still shows the previous run." if self.trajectory else ""
        self.message.value = _message_html(
            f"{self.ALGORITHM} could not run with these settings: {reason} {kept}")

    def _note(self, caught_warnings):
        """Warnings of the run, and whether it stopped before converging."""
        notes = sorted({str(w.message) for w in caught_warnings
                        if issubclass(w.category, (UserWarning, RuntimeWarning))})
        if not self.trajectory[-1].converged:
            notes.append(f"{self.ALGORITHM} stopped after max_iter={self.max_iter} "
                         "iterations before converging.")
        self.message.value = _message_html(" ".join(notes), "note") if notes else ""

    def _set_up_data(self, data):
        """The data choices: the named data sets, and ``data`` if an array."""
        self._loaders, self._cache, self._quiet = dict(DATASETS), {}, False
        if isinstance(data, str):
            return check_choice(data, "data", list(DATASETS))
        own = check_X(data, name="data").copy()
        self._loaders[OWN_DATA] = lambda: own
        return OWN_DATA

    @property
    def dims(self):
        """The two features on the x and y axes."""
        return (self.x_axis.value, self.y_axis.value)

    @property
    def step(self):
        """The record on screen."""
        return self.trajectory[self.iteration.value]

    def _on_view(self, change):
        if not self._quiet and self.trajectory:
            self._draw_trajectory(new_layout=True)

    def _on_iteration(self, change):
        if not self._quiet and self.trajectory:
            self.show_step(change["new"])

    def _load(self, name):
        if name not in self._cache:
            X = self._loaders[name]()
            if X.ndim != 2 or X.shape[1] < 2:
                raise ValueError(f"The explorer draws two features; {name!r} has "
                                 f"shape {X.shape}. Give an (n_samples, >=2) array.")
            self._cache[name] = X
        return self._cache[name]

    @contextlib.contextmanager
    def _silenced(self):
        """Change controls without their observers reacting."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _feature_names(self, n_features):
        """Axis labels of the data chosen: its features' names, or 'feature d'."""
        return feature_names(self.data.value, n_features)

    def _sync_axis_choices(self, n_features):
        names = self._feature_names(n_features)
        if list(self.x_axis.options) == list(zip(names, range(n_features))):
            return
        same_width = len(self.x_axis.options) == n_features
        x, y = (self.x_axis.value, self.y_axis.value) if same_width else (0, 1)
        options = list(zip(names, range(n_features)))
        self.x_axis.options, self.y_axis.options = options, options
        self.x_axis.value, self.y_axis.value = x, y


def _png(rgba):
    """PNG bytes of an (height, width, 4) image, for IPython's display."""
    buffer = io.BytesIO()
    PIL.Image.fromarray(np.asarray(rgba)).save(buffer, format="png")
    return IPython.display.Image(buffer.getvalue())


def _close_tree(widget):
    for child in getattr(widget, "children", ()):
        _close_tree(child)
    widget.close()


def _message_html(text, kind="error"):
    colour = {"error": "#D55E00", "note": "#0072B2"}[kind]
    return (f'<div style="color:{colour}; white-space:normal">'
            f"{html.escape(text)}</div>")


def _few_ticks(*axes):
    # tick labels are most of a redraw's cost; five per axis are enough here,
    # four in the lecture mode, whose large labels would otherwise touch
    n = 4 if lecture.active() else 5
    for ax in axes:
        ax.xaxis.set_major_locator(MaxNLocator(n, integer=ax is axes[-1]))
        ax.yaxis.set_major_locator(MaxNLocator(n))
