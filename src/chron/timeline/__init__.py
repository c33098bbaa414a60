"""Timelines: the terminal picture (terminal.py), TimelineJS3 (timelinejs.py), markwhen (markwhen.py)
and a self-contained HTML page (page.py). Pure: filtered events in, text out.

``FORMATS`` is the registry behind ``timeline --format``; every renderer takes the dataset, the
events and one ``Options``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chron.registry import Format
from chron.timeline.markwhen import markwhen
from chron.timeline.page import page
from chron.timeline.terminal import UNITS, terminal
from chron.timeline.timelinejs import timelinejs_text

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Event


def _no_citations(n: int) -> list[str]:
    return []


@dataclass(frozen=True)
class Options:
    """How to draw: the terminal picture's width, time unit, glyphs and colour, and ``cite``, the
    short citations of a note by number (for the formats that show notes)."""

    width: int = 80
    unit: str | None = None
    ascii_only: bool = False
    color: bool = False
    cite: Callable[[int], list[str]] = field(default=_no_citations)


Drawer = Callable[["Dataset", Sequence["Event"], Options], str]

FORMATS: dict[str, Format[Drawer]] = {
    "text": Format(terminal, "a picture for the terminal (the default)"),
    "timelinejs": Format(timelinejs_text, "TimelineJS3 JSON"),
    "markwhen": Format(markwhen, "markwhen text"),
    "html": Format(page, "a self-contained HTML page"),
}
__all__ = ["FORMATS", "UNITS", "Options"]
