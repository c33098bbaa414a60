"""The CSL processor keeps what a one-citation document printed, keyed on what it depends on; kept
or not, every note prints the same."""

from __future__ import annotations

from typing import Any

import pytest

from chron import citation
from chron.citation.csl import engine
from tests.conftest import SHIPPED, dataset


def every_note(style: str) -> list[tuple[str, list[str]]]:
    ds = dataset(SHIPPED)
    ctx = citation.context(ds)
    out = []
    for n in sorted(ds.notes):
        for short, full in ((False, False), (True, False), (False, True)):
            found = citation.format_note(style, ds, ctx, ds.notes[n], short=short, full=full)
            out.append((str(found.text), [str(e.text) for e in found.entries]))
    return out


@pytest.mark.parametrize("style", [s.name for s in citation.STYLES.values() if s.csl is not None])
def test_kept_documents_print_what_rendering_prints(style: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every note of the shipped data, in full, short and as the document places it, prints the
    same whether one-citation documents are kept or rendered each time."""
    kept = every_note(style)
    monkeypatch.setattr(engine.Processor, "_memo", lambda *_args: None)
    assert every_note(style) == kept


def test_a_style_that_prints_note_numbers_keys_on_them() -> None:
    """The note number is part of the key only where the style can print it."""

    class Node:
        __slots__ = ("children", "variable")

        def __init__(self, variable: str, children: list[Any]) -> None:
            self.variable, self.children = variable, children

    plain = Node("title", [Node("author", []), {"macro": Node("issued", [])}])
    assert not engine._mentions(plain, "first-reference-note-number")
    deep = Node("title", [{"macro": Node("issued", [Node("first-reference-note-number", [])])}])
    assert engine._mentions(deep, "first-reference-note-number")
