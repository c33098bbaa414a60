"""Language names as bibliographies write them, to IETF tags and back to biblatex's names."""

from __future__ import annotations

import pytest

from chron.languages import babel_name, tag_of


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("ngerman", "de"),
        ("German", "de"),
        ("british", "en-GB"),
        ("Portuguese", "pt"),  # from the C library's locale aliases
        ("magyar", "hu"),
        ("en-GB", "en-GB"),  # a tag stays as it is
        ("Klingon", "Klingon"),  # a name nobody knows is kept as written
        ("", None),
        (None, None),
    ],
)
def test_tag_of(written: str | None, tag: str | None) -> None:
    """Each way a bibliography names a language gives its IETF tag."""
    assert tag_of(written) == tag


@pytest.mark.parametrize(("tag", "name"), [("de", "ngerman"), ("en-US", "american"), ("fr-CA", "french"), ("xx", "xx")])
def test_babel_name(tag: str, name: str) -> None:
    """An IETF tag gives biblatex's langid; an unknown one is written as it is."""
    assert babel_name(tag) == name


def test_every_babel_name_reads_back_to_its_tag() -> None:
    """What export writes, import reads back (a round trip keeps each language)."""
    from chron.languages import BABEL

    assert {tag: tag_of(name) for tag, name in BABEL.items()} == {
        tag: ("nb" if name == "norsk" else tag) for tag, name in BABEL.items()
    }
