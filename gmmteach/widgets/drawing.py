"""Draw mode: the learner makes the data, and EM runs again on it.

With the "draw" toggle on, a click on the explorer's data panel adds a
point there (a seeded cloud of ``brush`` points when the brush is larger
than one), dragging with the button held draws a trail of them, and a
shift-click removes the point nearest the mouse; "undo" takes back the last
change and "clear" removes every point. When drawing stops (the button is
released) the stroke is one change, a structural change: EM runs again on
the new points, from the explorer's current initialisation. A point can carry a colour, a label of the
learner's: coloured points give the explorer's "your labels" start and the
agreement readout. With the toggle off a click inspects a point, as before.

The drawn points are a data set of their own, "your drawing" in the data
list; the first change starts from the data on screen (and its labels).

Part of :mod:`gmmteach.widgets`.
"""

import ipywidgets as widgets
import numpy as np

from ..plotting.colors import UNASSIGNED
from .._checks import check_X
from ..datasets import feature_names
from ._arguments import check_int_between
from ._figure import _message_html
from .truth import NO_LABEL

DRAWN = "your drawing"  # the data choice of the drawn points
MAX_BRUSH = 50  # the brush slider's range is 1..50 points per click
TRAIL_PIXELS = 15  # a drag adds a point (or cloud) each time it moves this far
# a cloud's standard deviation, as a share of the data panel's width: a
# small blob under the mouse, whatever the data's units
BRUSH_SPREAD = 0.02
N_COLOURS = 8  # the Okabe-Ito palette's colours


class _Strokes:
    """What both draw modes share: the controls, clicks, changes and undo.

    A subclass says which points a change starts from (``_current``), how a
    click becomes points (``_cloud``, ``_nearest``, ``_rows``), how a stroke
    in progress looks (``_show_stroke``) and what a change does (``_show``);
    ``points`` and ``labels`` hold the drawing.
    """

    def __init__(self, fig, ax, message, brush_size, colours):
        brush_size = check_int_between(brush_size, "brush_size", 1, MAX_BRUSH,
                                       " (the brush slider's range)")
        self.ax, self.points, self.labels, self._history = ax, None, None, []
        self._message = message  # where a click that went wrong says why
        self.toggle = widgets.ToggleButton(False, description="draw", icon="pencil",
                                           tooltip="click or drag: add points; "
                                                   "shift-click: remove the nearest")
        self.brush = widgets.IntSlider(brush_size, 1, MAX_BRUSH, description="brush",
                                       layout={"width": "240px"})
        self.colour = widgets.Dropdown(options=_colour_options(), value=NO_LABEL,
                                       description="colour", layout={"width": "200px"})
        self.undo_button = widgets.Button(description="undo", disabled=True)
        self.clear_button = widgets.Button(description="clear")
        self.undo_button.on_click(lambda button: self.undo())
        self.clear_button.on_click(lambda button: self.clear())
        self.count = widgets.HTML()  # "your drawing: 501 points"
        self.count.add_class("gmm-drawing-count")  # for the browser test
        controls = [self.toggle, self.brush] + ([self.colour] if colours else [])
        self.widget = widgets.HBox([*controls, self.undo_button, self.clear_button,
                                    self.count])
        self._stroke = None  # (clouds drawn since the press, last pixel)
        for name, react in (("button_press_event", self._on_press),
                            ("motion_notify_event", self._on_motion),
                            ("button_release_event", self._on_release)):
            fig.canvas.mpl_connect(name, self._in_words(react))
        # a stroke whose release was lost (outside the figure) ends here
        self.toggle.observe(lambda change: self._on_release(None), names="value")

    @property
    def active(self):
        """Whether clicks draw (the toggle is on)."""
        return self.toggle.value

    def _in_words(self, react):
        """``react(event)``, its failure a sentence in the widget, no traceback."""
        def guarded(event):
            try:
                react(event)
            except Exception as error:  # a bug
                self._stroke = None
                self._message.value = _message_html(
                    f"Drawing failed: unexpected {type(error).__name__}: {error}")
        return guarded

    def _on_canvas(self, event):
        return (self.active and event.inaxes is self.ax and event.xdata is not None
                and event.ydata is not None)

    def _on_press(self, event):
        if not self._on_canvas(event):
            return
        self._on_release(None)  # a stroke whose release was lost
        if event.key is not None and "shift" in event.key:
            points = self._current()[0]
            if len(points):
                self.remove([self._nearest(points, event)])
            return
        self._stroke = ([self._cloud(event.xdata, event.ydata)], (event.x, event.y))

    def _on_motion(self, event):
        """While the button is held, a trail: a cloud every TRAIL_PIXELS."""
        if self._stroke is None or not self._on_canvas(event):
            return
        clouds, (x, y) = self._stroke
        if np.hypot(event.x - x, event.y - y) < TRAIL_PIXELS:
            return
        clouds.append(self._cloud(event.xdata, event.ydata))
        self._stroke = clouds, (event.x, event.y)
        self._show_stroke(np.vstack(clouds))

    def _on_release(self, event):
        """Drawing stops: the stroke becomes one change, and EM runs."""
        if self._stroke is not None:
            rows, self._stroke = np.vstack(self._stroke[0]), None
            self.add(rows, self.colour.value)

    def _show_stroke(self, rows):
        """The stroke so far, before EM runs (nothing by default)."""

    def _rng(self, seed):
        # seeded by the seed box, the number of changes and the clouds of
        # this stroke: the same clicks draw the same clouds
        done = 0 if self._stroke is None else len(self._stroke[0])
        return np.random.default_rng([seed, len(self._history), done])

    def _spread(self):
        return BRUSH_SPREAD * np.diff(self.ax.get_xlim())[0]

    # -- changes ---------------------------------------------------------------
    def add(self, xy, label=NO_LABEL):
        """Add points (see the subclass for the columns of ``xy``)."""
        points, labels = self._current()
        rows = self._rows(xy, points)
        new_labels = _check_labels(label, len(rows))
        self._change(np.vstack([points, rows]), np.r_[labels, new_labels])

    def remove(self, indices):
        """Remove the drawn points at ``indices``."""
        points, labels = self._current()
        self._change(np.delete(points, indices, axis=0), np.delete(labels, indices))

    def clear(self):
        """Remove every point (undo brings them back)."""
        points, labels = self._current()
        self._change(points[:0], labels[:0])

    def undo(self):
        """Take back the last change."""
        if self._history:
            self.points, self.labels = self._history.pop()
            self._changed()

    def _change(self, points, labels):
        self._history.append(self._current())
        self.points, self.labels = points, labels.astype(int)
        self._changed()

    def _changed(self):
        self.undo_button.disabled = not self._history
        self.count.value = f"{DRAWN}: {len(self.points)} points"
        self._show()


class Drawing(_Strokes):
    """The explorer's draw mode: controls, the drawn points, an undo history.

    Parameters
    ----------
    explorer : EMExplorer
        Its figure's clicks are read here; a change reruns its EM.
    brush_size : int, default=1
        Points added per click, between 1 and ``MAX_BRUSH``.

    Attributes
    ----------
    points : ndarray of shape (n_points, n_features) or None
        The drawn data (None before the first change).
    labels : ndarray of shape (n_points,) of int or None
        Each drawn point's colour, ``NO_LABEL`` (-1) for none.
    toggle, brush, colour, undo_button, clear_button : ipywidgets controls
    widget : ipywidgets.HBox
    """

    def __init__(self, explorer, brush_size=1):
        super().__init__(explorer.fig, explorer.ax_data, explorer.message, brush_size,
                         colours=True)
        self.explorer, self._source = explorer, None  # the data first drawn on
        self._view = None  # the limits drawn on, during a change
        # the drawn points while EM cannot run on them (fewer than K)
        self.preview = explorer.ax_data.scatter(np.empty(0), np.empty(0), s=12,
                                                c=UNASSIGNED, zorder=3)

    def keep_view(self):
        """During a change, keep the view drawn on; True if it was kept as it was.

        The explorer fits its limits to the data; while drawing, that would
        zoom onto the first few points drawn and move every point under the
        mouse. So the view stays, and grows only to show a point outside it
        (a brush's cloud at the edge). The same view needs no new layout.
        """
        if self._view is None:
            return False
        ax, (x_view, y_view) = self.explorer.ax_data, self._view
        shown = self.points[:, list(self.explorer.dims)]
        inside = ((shown >= [x_view[0], y_view[0]]) &
                  (shown <= [x_view[1], y_view[1]])).all()
        if not inside:
            (x_low, x_high), (y_low, y_high) = ax.get_xlim(), ax.get_ylim()
            x_view = min(x_view[0], x_low), max(x_view[1], x_high)
            y_view = min(y_view[0], y_low), max(y_view[1], y_high)
        ax.set_xlim(*x_view)
        ax.set_ylim(*y_view)
        return bool(inside)

    def feature_names(self, n_features):
        """The names of the data the drawing started from, while it is shown."""
        if self.explorer.data.value != DRAWN or self._source is None:
            return None
        return feature_names(self._source, n_features)

    def _show_stroke(self, xy):
        self.preview.set_offsets(xy)
        self.explorer._redraw()

    def _cloud(self, x, y):
        """``brush`` points at (x, y): the click itself, then a seeded blob."""
        rng = self._rng(self.explorer.random_state.value)
        offsets = self._spread() * rng.standard_normal((self.brush.value - 1, 2))
        return np.vstack([[x, y], [x, y] + offsets])

    def _nearest(self, points, event):
        # nearest in screen pixels, as the explorer's click-to-inspect
        pixels = self.ax.transData.transform(points[:, list(self.explorer.dims)])
        return int(np.argmin(np.hypot(pixels[:, 0] - event.x, pixels[:, 1] - event.y)))

    def _rows(self, xy, points):
        """``xy`` (two columns: x and y shown; or whole rows) as whole rows."""
        return _full_rows(xy, points, self.explorer.dims)

    def _current(self):
        """The points to change: the drawing, or at first the data on screen."""
        if self.explorer.data.value == DRAWN and self.points is not None:
            return self.points, self.labels
        ex = self.explorer
        points, self._source = ex._load(ex.data.value), ex.data.value
        labels = ex.labels
        return points, np.full(len(points), NO_LABEL) if labels is None else labels

    def _show(self):
        """The drawing becomes the explorer's data, and EM runs on it again."""
        ex = self.explorer
        ex._loaders[DRAWN] = lambda: self.points
        ex._cache[DRAWN] = self.points
        with ex._silenced():
            if DRAWN not in ex.data.options:
                ex.data.options = [*ex.data.options, DRAWN]
            ex.data.value = DRAWN
        self.preview.set_offsets(np.empty((0, 2)))
        self._view = ex.ax_data.get_xlim(), ex.ax_data.get_ylim()
        if len(self.points) >= ex.n_components.value:
            ex._recompute()  # draws the new run
        else:
            self._too_few()
        self._view = None
        if ex.X is not self.points:  # EM could not run: show the points alone
            self.preview.set_offsets(self.points[:, list(ex.dims)])
            ex._redraw()

    def _too_few(self):
        """Fewer points than components: the drawing alone, and why EM waits."""
        ex, n = self.explorer, len(self.points)
        if ex.artists is not None:
            for artist in [ex.artists["points"], *ex.artists["ellipses"],
                           ex.artists["centres"]]:
                artist.set_visible(False)
        ex.message.value = _message_html(
            f"Your drawing has {n} point{'s' if n != 1 else ''}; EM needs at least "
            f"K = {ex.n_components.value}, one per component: draw more, or lower K.",
            "note")


class LineDrawing(_Strokes):
    """Draw mode of :class:`OneDimensionalMixture`: clicks add values of x.

    A click adds the x under the mouse (a seeded cloud of ``brush`` values
    for a larger brush), a shift-click removes the nearest value; the
    histogram and the log-likelihood EM reaches follow.

    Parameters
    ----------
    mixture : OneDimensionalMixture
        A change calls its ``set_data(x)``.
    brush_size : int, default=1
    """

    def __init__(self, mixture, brush_size=1):
        super().__init__(mixture.fig, mixture.ax, mixture.message, brush_size,
                         colours=False)
        self.mixture = mixture

    def _cloud(self, x, y):
        rng = self._rng(0)
        values = np.r_[x, x + self._spread() * rng.standard_normal(self.brush.value - 1)]
        return values[:, np.newaxis]

    def _nearest(self, points, event):
        return int(np.argmin(np.abs(points[:, 0] - event.xdata)))

    def _rows(self, x, points):
        return _column(x)

    def _current(self):
        if self.points is not None:
            return self.points, self.labels
        return self.mixture.x, np.full(len(self.mixture.x), NO_LABEL)

    def _show(self):
        self.mixture.set_data(self.points)


def _column(x):
    """Values of x as an (n, 1) column, else a sentence."""
    x = np.asarray(x, dtype=float) if not isinstance(x, str) else x
    if np.ndim(x) == 2 and np.shape(x)[1] == 1:
        x = np.ravel(x)
    if np.ndim(x) != 1:
        raise ValueError(f"points must be values of x, shape (n_new,) or (n_new, 1), "
                         f"got shape {np.shape(x)}.")
    return check_X(np.reshape(x, (-1, 1)), name="points")


def _colour_options():
    names = ["orange", "sky blue", "green", "vermillion", "blue", "purple",
             "yellow", "black"]
    return [("none", NO_LABEL)] + [(f"{k}: {name}", k) for k, name in enumerate(names)]


def _full_rows(xy, points, dims):
    """``xy`` as rows of all features: the shown two given, others at their means."""
    n_features = points.shape[1]
    xy = check_X(xy, name="points")
    if xy.shape[1] == n_features:
        return xy
    if xy.shape[1] != 2:
        raise ValueError(
            f"points must have 2 columns (the x and y features shown) or "
            f"{n_features} (one per feature of the data), got shape {xy.shape}.")
    rows = np.tile(points.mean(axis=0) if len(points) else np.zeros(n_features),
                   (len(xy), 1))
    rows[:, list(dims)] = xy
    return rows


def _check_labels(label, n_new):
    """One colour per new point: ints in -1 .. 7."""
    labels = np.broadcast_to(np.asarray(label), (n_new,)) if np.ndim(label) == 0 \
        else np.asarray(label)
    if labels.shape != (n_new,) or labels.dtype.kind not in "iu":
        raise ValueError(
            f"labels must be one integer per point ({n_new}), each -1 (no colour) "
            f"or 0 .. {N_COLOURS - 1}; got {np.asarray(label)!r}.")
    if labels.size and (labels.min() < NO_LABEL or labels.max() >= N_COLOURS):
        raise ValueError(
            f"labels must be -1 (no colour) or 0 .. {N_COLOURS - 1}, got values "
            f"from {labels.min()} to {labels.max()}.")
    return labels
