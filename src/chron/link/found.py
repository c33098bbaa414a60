"""What reading a note finds: earlier citations, anchors in the text, and each chunk's finding.

Plain data for resolve.py, and the rule that a note cites each work once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from chron.models import LocatorLabel

LABEL_WORDS = {"page": "p.", "chapter": "ch.", "volume": "vol.", "section": "§", "paragraph": "para.", "line": "l."}


@dataclass(frozen=True, slots=True)
class Earlier:
    """A citation already made: in which note, of which work, where."""

    n: int
    work: str
    locator: str | None
    label: str | None


@dataclass(frozen=True, slots=True)
class Anchor:
    start: int
    end: int
    works: frozenset[str]
    kind: str  # name | title | container | idem


@dataclass
class Found:
    """What one chunk (or a bare back-reference) turned out to be."""

    kind: str  # cite | mention | unresolved
    start: int  # where the citation's words begin (its anchor)
    end: int  # where its last clue ends
    words: str
    work: str = ""
    locator: str | None = None
    label: LocatorLabel | None = None
    reason: str = ""
    confidence: float = 0.0
    candidates: tuple[str, ...] = ()
    featured: bool = False  # has a locator, back-reference or publication details
    prefix: str | None = None
    notes: list[str] = field(default_factory=list)


def show_locator(locator: str, label: LocatorLabel | None) -> str:
    return f"{LABEL_WORDS.get(label or '', '')}{' ' if label in LABEL_WORDS else ''}{locator}".strip()


def one_per_work(found: list[Found]) -> list[Found]:
    """One cite per work in a note: a later mention with a locator gives the first its locator."""
    out: list[Found] = []
    for f in found:
        same = next((g for g in out if g.work == f.work), None)
        if same is None:
            out.append(f)
        elif f.locator and not same.locator:
            same.locator, same.label = f.locator, f.label
            same.notes.append(f"locator {show_locator(f.locator, f.label)} from a later mention in the note")
        elif f.locator and f.locator != same.locator:
            out.append(f)
    return [replace(f) for f in out]
