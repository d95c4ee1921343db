"""Known labels in the explorer: agreement with the truth, and a start from them.

A scenario's labels (or the colours a learner drew) are the truth EM never
sees. At every step shown the explorer compares them with each point's most
responsible component: the adjusted Rand index (:mod:`gmmteach.metrics`) and,
on request, the table of how many points of each true group sit in each
component. The same labels can start EM: "your labels" gives each point a
responsibility of one for its label, and the first parameters come from one
M-step on those responsibilities.

Part of :mod:`gmmteach.widgets`.
"""

import html

import ipywidgets as widgets
import numpy as np

from .. import plotting
from ..em import m_step
from ..metrics import adjusted_rand_score, contingency_table

OWN_LABELS = "your labels"  # the init choice that starts from known labels
NO_LABEL = -1  # a drawn point without a colour


def labels_start(X, labels, n_components, covariance_type, reg_covar):
    """Parameters of one M-step on one-hot responsibilities of ``labels``.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
    labels : ndarray of shape (n_samples,) of int
        Labels ``0, 1, ...``; ``NO_LABEL`` (-1) rows get no responsibility
        (a zero row: they do not count in the first M-step).
    n_components : int
        Must equal the number of distinct labels, one component each.

    Returns
    -------
    params : GMMParams
    resp : ndarray of shape (n_samples, n_components)
        The one-hot responsibilities (zero rows for unlabelled points).
    """
    named = np.unique(labels[labels != NO_LABEL])
    if len(named) != n_components:
        raise ValueError(
            f"the init {OWN_LABELS!r} starts one component per label, and the data "
            f"have {len(named)} labels; set K to {max(len(named), 1)}, or choose "
            "another init.")
    # label named[k] -> component k: r_nk = 1 for a point's own label
    resp = (labels[:, np.newaxis] == named[np.newaxis, :]).astype(float)
    return m_step(X, resp, covariance_type, reg_covar), resp


class TruthPanel:
    """The agreement of the step on screen with known labels, and its table.

    Attributes
    ----------
    readout : ipywidgets.HTML
        "agreement with the true labels: adjusted Rand index ...".
    show_table : ipywidgets.ToggleButton
        Shows the confusion table under the readout.
    table : ipywidgets.HTML
    widget : ipywidgets.VBox
    """

    def __init__(self):
        self.readout = widgets.HTML()
        self.readout.add_class("gmm-truth-readout")  # for the browser test
        self.show_table = widgets.ToggleButton(
            False, description="confusion table",
            tooltip="how many points of each true label each component holds")
        self.table = widgets.HTML()
        self.show_table.observe(lambda change: self._show_last(), names="value")
        self.widget = widgets.VBox([widgets.HBox([self.show_table, self.readout])])
        self.ari, self._last, self._cache = None, None, {}

    def update(self, labels, key, resp_of_step, drawn=False):
        """Show the agreement of one step's hard assignment with ``labels``.

        Parameters
        ----------
        labels : ndarray of shape (n_samples,) or None
            None hides the panel (no labels known).
        key : hashable
            Identifies the step (run and index): the step shown last is not
            computed again.
        resp_of_step : callable () -> ndarray of shape (n_samples, K) or None
            The step's responsibilities (None: none yet, at a given start).
        drawn : bool, default=False
            The labels are the learner's colours, not a data set's truth.
        """
        self.widget.layout.display = "none" if labels is None else None
        if labels is None:
            self.ari, self._last = None, None
            return
        if key not in self._cache:
            self._cache = {key: _compare(labels, resp_of_step())}  # one step kept
        source = "your colours" if drawn else "the true labels"
        self._last = (source, *self._cache[key])
        self._show_last()

    def _show_last(self):
        if self._last is None:
            return
        source, self.ari, counts = self._last
        self.readout.value = _agreement_html(source, self.ari, counts)
        shown = self.show_table.value and counts is not None
        self.table.value = _table_html(*counts) if shown else ""
        self.widget.children = self.widget.children[:1] + ((self.table,) if shown else ())


def _compare(labels, resp):
    """(ARI, contingency) of the labelled points' most responsible components."""
    labelled = labels != NO_LABEL
    if resp is None or not labelled.any():
        return None, None
    assigned = resp[labelled].argmax(axis=1)
    truth = labels[labelled]
    return adjusted_rand_score(truth, assigned), contingency_table(truth, assigned)


def _agreement_html(source, ari, counts):
    if ari is None:
        return (f"agreement with {html.escape(source)}: none yet (no responsibilities at "
                "this start; move to an E-step).")
    n = int(counts[0].sum())
    return (f"agreement with {html.escape(source)} ({n} points), adjusted Rand "
            f"index <b>{plotting.minus_sign(f'{ari:.3f}')}</b> "
            "(1: the same groups, 0: chance)")


def _table_html(table, classes, clusters):
    """Rows: true labels; columns: components, headed in their colours."""
    colours = plotting.component_colors(int(clusters.max()) + 1)
    head = "".join(f'<th style="color:{_hex(colours[k])}">k={k}</th>' for k in clusters)
    rows = "".join(
        f"<tr><th>label {c}</th>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>"
        for c, row in zip(classes, table))
    return ('<table class="gmm-confusion" style="text-align:right">'
            f"<tr><th>points</th>{head}</tr>{rows}</table>")


def _hex(rgba):
    return "#" + "".join(f"{round(255 * v):02x}" for v in rgba[:3])
