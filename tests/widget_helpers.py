"""What the widget tests share: counting a figure's real renders."""

__all__ = ["count_draws"]


def count_draws(fig):
    """A list that gets one entry per real render of ``fig``."""
    events = []
    fig.canvas.mpl_connect("draw_event", events.append)
    return events
