"""The shape of every registry of choices: a name maps to a ``Format`` (what renders, one line of help).

Each output family keeps its own registry next to its renderers (render.FORMATS, cards.CARD_FORMATS,
cite_formats.CITE_FORMATS, timeline.FORMATS, export.EXPORTS, report.REPORT_FORMATS); the CLI builds
every ``--format`` option, its help and its completion from those keys, never from a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

F = TypeVar("F")


@dataclass(frozen=True)
class Format(Generic[F]):
    """A registry entry: the function that renders, and one line of help."""

    render: F
    help: str
