"""Docs that cannot rot: the CLI reference is generated from --help; every command is documented;
the dataset's counts in docs/dataset.md are the data's."""

from __future__ import annotations

import os
import re

import pytest

from chron.cli import COMMANDS, command
from tests.conftest import ROOT, SHIPPED, dataset, invoke

DOCS = ROOT / "docs"


def cli_reference() -> str:
    """docs/cli-reference.md, built from `chron --help` and each command's --help."""
    parts = [
        "# CLI reference",
        "",
        "Generated from `--help` by `tests/test_docs.py` (regenerate with `CHRON_UPDATE_GOLDENS=1 pytest "
        "tests/test_docs.py`); a test fails when it is stale. Task-oriented examples are in "
        "[usage.md](usage.md).",
        "",
        "## chron",
        "",
        "```text",
        invoke("--help").stdout.rstrip(),
        "```",
    ]
    for name in COMMANDS:
        parts += ["", f"## chron {name}", "", "```text", invoke(name, "--help").stdout.rstrip(), "```"]
    return "\n".join(parts) + "\n"


def test_cli_reference_is_current() -> None:
    """docs/cli-reference.md matches the commands' --help."""
    path = DOCS / "cli-reference.md"
    text = cli_reference()
    if os.environ.get("CHRON_UPDATE_GOLDENS") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, "stale: CHRON_UPDATE_GOLDENS=1 pytest tests/test_docs.py"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_is_documented(name: str) -> None:
    """Each command has a section in usage.md and in the CLI reference, and a test file."""
    assert re.search(rf"chron {name}\b", (DOCS / "usage.md").read_text(encoding="utf-8")), name
    assert f"## chron {name}\n" in (DOCS / "cli-reference.md").read_text(encoding="utf-8")
    assert (ROOT / "tests" / f"test_cli_{name}.py").is_file() or name in ("check", "schema")


def test_every_command_module_is_registered() -> None:
    """Each module (or package) of src/chron/cli/ is a command in COMMANDS, or one of the shared helpers."""
    helpers = {"__init__", "application", "context", "files", "options", "pager", "replay", "streams"}
    cli = ROOT / "src" / "chron" / "cli"
    stems = {p.stem for p in cli.glob("*.py")} - helpers
    stems |= {p.parent.name for p in cli.glob("*/__init__.py")}  # a command that is a package (browse)
    modules = {s.removesuffix("_") for s in stems}  # `import` is spelt import_ (a Python keyword)
    assert modules == set(COMMANDS)


def test_every_command_has_a_one_line_help() -> None:
    """`chron --help` lists every command with a description."""
    out = invoke("--help").stdout
    for name in COMMANDS:
        first = (command(name).__doc__ or "").strip().splitlines()[0]
        assert first, name
        assert re.search(rf"^\s+{name}\s+\S", out, re.M), name


def test_dataset_counts_are_the_datas() -> None:
    """The Counts tables in docs/dataset.md match the shipped data."""
    ds = dataset(SHIPPED)
    phases, tags = ds.counts("phases"), ds.counts("tags")
    doc = (DOCS / "dataset.md").read_text(encoding="utf-8")
    for phase in ds.phases:
        row = f"| {phase.n} | {phase.name} | {phase.date} | {phases.get(phase.n, 0)} |"
        assert row in doc, row
    assert f"| | total | | {ds.event_count()} |" in doc
    for tag in ds.tags.values():
        row = f"| {tag.id} | {tags.get(tag.id, 0)} |"
        assert row in doc, row


def test_readme_links_exist() -> None:
    """Every relative link in README.md and docs/ points at a file that exists."""
    for page in [ROOT / "README.md", *DOCS.glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            assert (page.parent / target).exists(), f"{page.name}: {target}"
