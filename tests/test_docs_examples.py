"""Every `chron …` line of README.md and docs/*.md runs, as a reader would type it, and does what the
page says: a wrong id, a missing suggestion or an example that no longer prints what it shows fails
here.

The examples are the lines of fenced code blocks that start with ``chron`` (in ``sh`` blocks) or
``$ chron`` (in ``text`` and ``console`` blocks, followed by the output they show). A block is a
session: its lines run in order, in bash, in a folder of their own, so a walkthrough's later
lines find what its earlier ones made. The sandbox is a temporary home with ``chron`` on the PATH,
``~/my-chronology`` holding a small dataset, and in the working folder the files a reader brings:
``article.txt`` (the article), and an own text with its bibliography (tests/fixtures/bib/mills,
under the names the pages give them: ``mills.txt``/``.bib``, ``strike.txt``/``.bib``,
``my-text.txt``). A ``text`` example must print each line it shows (on stdout or stderr; a line
starting with "..." stands for lines left out, and "..." within a line for words left out) and
exit 0, or the code its ``# exit N`` comment states; an ``sh`` example must exit 0 and print or
write something, and print the text after the ``→`` when its comment has one.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT, SHIPPED

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GENERATED = {"cli-reference.md"}  # --help output, checked by test_docs.py


@dataclass(frozen=True)
class Example:
    page: str
    line: int
    command: str
    block: int = 0  # the first line of the code block it belongs to
    shown: tuple[str, ...] = ()  # the output a text block shows
    kind: str = "sh"
    exit_code: int = 0  # the `# exit N` comment of a text line
    fragment: str | None = None  # what follows → in the comment of an sh line


@dataclass
class _Block:
    lang: str
    start: int
    lines: list[tuple[int, str]] = field(default_factory=list)


def _blocks(text: str) -> list[_Block]:
    blocks, current = [], None
    for number, line in enumerate(text.splitlines(), 1):
        fence = re.match(r"^\s*```(\w*)", line)
        if fence:
            if current is None:
                current = _Block(fence.group(1), number)
            else:
                blocks.append(current)
                current = None
        elif current is not None:
            current.lines.append((number, line))
    return blocks


def _split_comment(line: str) -> tuple[str, str | None]:
    """A shell line without its trailing `# comment` (quotes respected), and the comment."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] == " "):
            return line[:i].rstrip(), line[i + 1 :].strip()
    return line.rstrip(), None


def examples() -> list[Example]:
    found = []
    for page in PAGES:
        if page.name in GENERATED:
            continue
        name = str(page.relative_to(ROOT))
        for block in _blocks(page.read_text(encoding="utf-8")):
            if block.lang in ("sh", "bash", ""):
                for number, line in block.lines:
                    if re.match(r"^\s*chron\b", line):
                        command, comment = _split_comment(line.strip())
                        fragment = comment.split("→", 1)[1].strip() if comment and "→" in comment else None
                        found.append(Example(name, number, command, block.start, fragment=fragment))
            elif block.lang in ("text", "console"):
                lines = block.lines
                for i, (number, line) in enumerate(lines):
                    if line.startswith("$ chron"):
                        shown = []
                        for _, after in lines[i + 1 :]:
                            if after.startswith("$ "):
                                break
                            if after.strip() and not after.startswith("..."):
                                shown.append(after.rstrip())
                        command, comment = _split_comment(line[2:])
                        code = re.fullmatch(r"exit (\d+)", comment or "")
                        exit_code = int(code[1]) if code else 0
                        found.append(Example(name, number, command, block.start, tuple(shown), "text", exit_code))
    return found


EXAMPLES = examples()


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A home, a working folder and a PATH where `chron` is this checkout's, as a reader has it."""
    home = tmp_path_factory.mktemp("home")
    shutil.copytree(MINI, home / "my-chronology")
    bin_dir = home / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "chron"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m chron "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    keep = {k: v for k, v in os.environ.items() if k in ("LANG", "LC_ALL", "CHRON_CACHE_DIR", "SYSTEMROOT")}
    return {
        **keep,
        "HOME": str(home),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "100",
        "NO_COLOR": "1",
        "TERM": "dumb",
        "SHELL": "/bin/bash",
    }


def _files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in folder.iterdir() if p.is_file()}


def test_the_docs_have_examples() -> None:
    """The collector finds the examples (so an empty list cannot pass the tests below)."""
    pages = {e.page for e in EXAMPLES}
    assert len(EXAMPLES) > 50 and {"README.md", "docs/usage.md", "docs/errors.md", "docs/own-text.md"} <= pages


SESSIONS: dict[tuple[str, int], list[Example]] = {}
for _example in EXAMPLES:
    SESSIONS.setdefault((_example.page, _example.block), []).append(_example)
MILLS = ROOT / "tests" / "fixtures" / "bib" / "mills"
# The files a reader brings, by the names the pages give them.
BROUGHT = {
    "article.txt": SHIPPED / "article.txt",
    "mills.txt": MILLS / "mills.txt",
    "mills.bib": MILLS / "mills.bib",
    "strike.txt": MILLS / "mills.txt",
    "strike.bib": MILLS / "mills.bib",
    "my-text.txt": MILLS / "mills.txt",
}


@pytest.mark.parametrize("session", list(SESSIONS), ids=lambda key: f"{key[0]}:{key[1]}")
def test_examples_run(session: tuple[str, int], sandbox: dict[str, str], tmp_path: Path) -> None:
    """Each line of a code block, in order, exits as the page implies and prints what it shows."""
    work = tmp_path  # a folder of its own: an example that writes a file finds none there
    for name, source in BROUGHT.items():
        shutil.copy(source, work / name)
    for example in SESSIONS[session]:
        _run(example, work, sandbox)


def _run(example: Example, work: Path, sandbox: dict[str, str]) -> None:
    needs = {tool for tool in ("jq", "xargs") if re.search(rf"\|\s*{tool}\b", example.command)}
    if any(shutil.which(tool) is None for tool in needs):
        return  # a tool the example pipes into is not installed here
    before = _files(work)
    done = subprocess.run(
        # A second line keeps bash from replacing itself with the command, so the command's parent
        # is a shell wherever the suite runs (what `--install-completion` looks for).
        ["bash", "-o", "pipefail", "-c", example.command + "\nexit $?"],
        cwd=work,
        env={**sandbox, "PWD": str(work)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = done.stdout + done.stderr
    where = f"{example.page}:{example.line}: {example.command}\n{out[-2000:]}"
    # The full-screen reader needs a terminal, which this pipe is not; it reads its options, the data
    # and the query first (a wrong phase, person or query fails as it would in a terminal), then
    # says so. tests/test_cli_browse.py runs it in a pseudo-terminal.
    if re.match(r"chron browse\b(?!.*--help)", example.command):
        assert done.returncode == 1 and "needs a terminal" in out, where
        return
    assert done.returncode == example.exit_code, where
    if example.kind == "text":
        for line in example.shown:
            pieces = [p.strip() for p in line.split("...") if p.strip()]  # "..." leaves words out
            assert all(p in out for p in pieces), f"{where}\nshown but not printed: {line!r}"
    else:
        wrote = {k: v for k, v in _files(work).items() if before.get(k) != v}
        assert out.strip() or any(wrote.values()), f"{where}\nprinted and wrote nothing"
        if example.fragment:
            assert example.fragment in out, f"{where}\nthe comment promises {example.fragment!r}"


def test_readme_installs_into_a_virtual_environment_first() -> None:
    """The README's first command makes a virtual environment (or uses pipx), so `pip install .`
    works on a system Python that refuses it ("externally-managed-environment")."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first = next(b for b in _blocks(text) if b.lines)
    command = first.lines[0][1]
    assert re.search(r"python3? -m venv|pipx install", command), command


def test_readme_event_example_has_notes() -> None:
    """README's example of an event "with its notes" is an event that has notes."""
    from tests.conftest import dataset

    line = next(e for e in EXAMPLES if e.page == "README.md" and e.command.startswith("chron event "))
    event = dataset(SHIPPED).event(line.command.split()[2])
    assert event is not None and event.notes


def test_the_event_json_example_is_a_real_record() -> None:
    """docs/formats.md's event example is the shipped event it names, field for field ("…" elides)."""
    import json

    from chron.shapes import event_record
    from tests.conftest import dataset

    text = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    block = next(b for b in _blocks(text) if b.lang == "json" and '"record": "event"' in "".join(x for _, x in b.lines))
    shown = json.loads("\n".join(x for _, x in block.lines))
    ds = dataset(SHIPPED)
    event = ds.event(shown["id"])
    assert event is not None, f"docs/formats.md shows an event that does not exist: {shown['id']}"
    real = event_record(ds, event)
    assert list(shown) == list(real)
    for key, value in shown.items():
        if not (isinstance(value, str) and "…" in value):
            assert value == real[key], key
