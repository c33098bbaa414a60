"""Every --format's help names exactly the formats its command accepts, and every registry drives one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from chron.cards import CARD_FORMATS
from chron.cite_formats import CITE_FORMATS
from chron.cli import COMMANDS, app
from chron.export import EXPORTS
from chron.render import FORMATS
from chron.report import REPORT_FORMATS
from chron.timeline import FORMATS as TIMELINE_FORMATS
from tests.conftest import FIXTURES, MINI, invoke

EVERY_FORMAT = {*FORMATS, *CARD_FORMATS, *CITE_FORMATS, *TIMELINE_FORMATS, *REPORT_FORMATS, "nonsense"}
# The arguments a command needs to run on the fixture dataset, by the kind of record it shows.
ARGUMENTS = {
    "event": ["izzo-council"],
    "note": ["1"],
    "cite": ["1"],
    "search": ["councils"],
    "extract": [str(FIXTURES / "texts" / "bracket-references.txt")],
    "import": [str(FIXTURES / "bib" / "zotero.bib"), "--dry-run"],  # never writes into the fixture
}


def format_help(name: str) -> str:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]  # a click Group
    [option] = [p for p in command.params if "--format" in getattr(p, "opts", [])]
    return str(option.help)


def listed(text: str) -> list[str]:
    """The names a help sentence lists after a colon, up to the full stop (asides in brackets dropped)."""
    text = re.sub(r"\([^)]*\)", "", text)
    return [n.strip() for n in text.split(":", 1)[1].split(".")[0].split(",")]


def with_format(name: str) -> list[str]:
    return [c for c in COMMANDS if c not in ("export", "schema", "new", "browse")] if name == "all" else [name]


@pytest.mark.parametrize("name", with_format("all"))
def test_help_names_exactly_the_accepted_formats(name: str, tmp_path: Path) -> None:
    """Each format the help lists is accepted, and no other name is (exit 2, a usage error)."""
    help_text = format_help(name)
    if name == "sources":  # two families: the bibliography and one work
        listing, card = help_text.split("One work")
        families = [(listed(listing), []), (listed(card), ["molnar1971"])]
    else:
        families = [(listed(help_text), ARGUMENTS.get(name, []))]
    for accepted, args in families:
        assert accepted, help_text
        for fmt in EVERY_FORMAT:
            result = invoke(name, *args, "--format", fmt, data=MINI)
            if fmt in accepted:
                assert result.exit_code in (0, 1), (fmt, result.output)
                assert "Usage:" not in result.stderr, (fmt, result.output)
            else:
                assert result.exit_code == 2, (fmt, result.output)


@pytest.mark.parametrize(
    ("name", "registry"),
    [
        ("show", FORMATS),
        ("extract", FORMATS),
        ("event", CARD_FORMATS),
        ("note", CARD_FORMATS),
        ("cite", CITE_FORMATS),
        ("timeline", TIMELINE_FORMATS),
        ("check", REPORT_FORMATS),
    ],
)
def test_each_format_option_lists_its_registry(name: str, registry: dict[str, object]) -> None:
    """The choices in the help are the registry's keys, in its order."""
    assert listed(format_help(name)) == list(registry)


def test_export_lists_its_registry() -> None:
    """`chron export --help` names the export registry's formats, and another name is a usage error."""
    result = invoke("export", "--help")
    assert ", ".join(EXPORTS) in " ".join(result.stdout.split())
    assert invoke("export", "markdown", data=MINI).exit_code == 2
