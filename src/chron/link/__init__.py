"""Propose what each note cites: works, locators, labels and prefixes read from the notes' own words.

``link(notes, works)`` reads every note that has no cites yet and proposes its cites, each with a
reason and a confidence; ``as above``, ``ibid.``, ``op. cit.``, ``loc. cit.``, ``idem`` and short
titles resolve to an earlier citation (by title, year, given name, then the most recent citation of
that author). A citation it cannot resolve is listed in ``unresolved`` with why; nothing is forced.
Notes that already have cites are never proposed for, but their cites count as earlier citations.

Pure: no I/O and no printing. The result is plain frozen dataclasses; ``Linking.to_json()`` gives
the dict that ``--format json`` prints. How it reads a note: docs in ``chron.link.resolve``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from chron.models import Cite, LocatorLabel, Work


class NoteLike(Protocol):
    """What linking needs of a note (``chron.models.Note`` is one)."""

    @property
    def n(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def cites(self) -> Sequence[Cite]: ...


@dataclass(frozen=True, slots=True)
class NoteText:
    """A note to link: its number, its verbatim text and the cites it already has (usually none)."""

    n: int
    text: str
    cites: tuple[Cite, ...] = ()


@dataclass(frozen=True, slots=True)
class ProposedCite:
    """One proposed cite: the fields of a ``Cite``, why, and how sure (0 to 1)."""

    work: str
    locator: str | None
    label: LocatorLabel | None
    prefix: str | None
    reason: str
    confidence: float

    def cite(self) -> Cite:
        """The proposal as the ``Cite`` that ``sources.toml`` stores."""
        return Cite(work=self.work, locator=self.locator, label=self.label, prefix=self.prefix)


@dataclass(frozen=True, slots=True)
class Proposal:
    """The cites proposed for one note, in the note's order; ``confidence`` is the lowest of them."""

    n: int
    cites: tuple[ProposedCite, ...]
    confidence: float

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(c.reason for c in self.cites)


@dataclass(frozen=True, slots=True)
class Unresolved:
    """A citation in note ``n`` (its words in ``text``) that matched no work, or more than one."""

    n: int
    text: str
    why: str
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Linking:
    """What ``link`` found: proposals, unresolved citations, notes kept as curated, notes citing nothing."""

    proposals: tuple[Proposal, ...]
    unresolved: tuple[Unresolved, ...]
    kept: tuple[int, ...]
    uncited: tuple[int, ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: ``{"proposals": [...], "unresolved": [...], "kept": [...], "uncited": [...]}``."""
        out = dataclasses.asdict(self)
        for p, proposal in zip(out["proposals"], self.proposals, strict=True):
            p["reasons"] = list(proposal.reasons)
        return {k: _lists(v) for k, v in out.items()}

    def by_note(self) -> dict[int, Proposal]:
        return {p.n: p for p in self.proposals}


def _lists(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def link(notes: Sequence[NoteLike], works: Sequence[Work]) -> Linking:
    """Propose the cites of every note without cites, in note order (see the module docstring)."""
    from chron.link.resolve import Linker

    return Linker(works).run(notes)


__all__ = ["Linking", "NoteLike", "NoteText", "Proposal", "ProposedCite", "Unresolved", "link"]
