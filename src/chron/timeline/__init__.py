"""Timelines: the terminal picture (terminal.py), TimelineJS3 and markwhen (exchange.py), and a
self-contained HTML page (page.py). Pure: filtered events in, text out."""

from chron.timeline.exchange import markwhen, timelinejs, timelinejs_text
from chron.timeline.page import page
from chron.timeline.terminal import UNITS, terminal

__all__ = ["UNITS", "markwhen", "page", "terminal", "timelinejs", "timelinejs_text"]
