"""The pager: long output on a terminal goes through $PAGER; short output, pipes and --no-pager never."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path

import pytest

from chron.cli import pager
from tests.conftest import MINI, SHIPPED

FAKE_PAGER = """
import sys
open(sys.argv[1], "w", encoding="utf-8").write(sys.stdin.read())
"""


def _on_a_terminal(tmp_path: Path, *args: str, rows: int = 24, env: dict[str, str] | None = None) -> tuple[str, str]:
    """Run chron with stdout on a pseudo-terminal of ``rows`` rows and a fake pager that keeps what
    it is given; return (what reached the terminal, what reached the pager)."""
    script = tmp_path / "pager.py"
    script.write_text(FAKE_PAGER, encoding="utf-8")
    kept = tmp_path / "paged.txt"
    try:
        master, slave = pty.openpty()
    except OSError as err:  # a sandbox without pseudo-terminals
        pytest.skip(f"no pseudo-terminal: {err}")
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 100, 0, 0))
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    full = {**base, "TERM": "xterm", "NO_COLOR": "1", "PAGER": f"{sys.executable} {script} {kept}", **(env or {})}
    proc = subprocess.Popen([sys.executable, "-m", "chron", *args], stdout=slave, stderr=subprocess.PIPE, env=full)
    os.close(slave)
    seen = b"".join(_read(master))
    proc.wait(timeout=60)
    os.close(master)
    assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    return seen.decode("utf-8"), kept.read_text(encoding="utf-8") if kept.exists() else ""


def _read(fd: int) -> Iterator[bytes]:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the other end closed (EIO on Linux)
            return
        if not chunk:
            return
        yield chunk


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs pseudo-terminals")
def test_long_output_on_a_terminal_goes_to_the_pager(tmp_path: Path) -> None:
    """`chron show` is longer than a 24-row terminal: all of it goes to $PAGER, none to the screen."""
    screen, paged = _on_a_terminal(tmp_path, "--data", str(SHIPPED), "show")
    assert screen == ""
    assert len(paged.splitlines()) > 200
    assert "kossuth-declaration-debrecen" in paged


@pytest.mark.skipif(not hasattr(pty, "openpty"), reason="needs pseudo-terminals")
def test_short_output_and_no_pager_write_to_the_terminal(tmp_path: Path) -> None:
    """Output that fits the screen, and anything with --no-pager, is written straight out."""
    screen, paged = _on_a_terminal(tmp_path, "--data", str(MINI), "phases")
    assert "Order from below" in screen and paged == ""
    screen, paged = _on_a_terminal(tmp_path, "--no-pager", "--data", str(SHIPPED), "show", "--limit", "40")
    assert "kossuth-declaration-debrecen" in screen and paged == ""
    screen, paged = _on_a_terminal(tmp_path, "--data", str(SHIPPED), "show", env={"PAGER": "cat"})
    assert "kossuth-declaration-debrecen" in screen and paged == ""


def test_a_pipe_is_never_paged(tmp_path: Path) -> None:
    """In a pipe there is no pager, however long the output."""
    script = tmp_path / "pager.py"
    script.write_text(FAKE_PAGER, encoding="utf-8")
    env = {**os.environ, "PAGER": f"{sys.executable} {script} {tmp_path / 'paged.txt'}"}
    done = subprocess.run(
        [sys.executable, "-m", "chron", "--data", str(SHIPPED), "show"], env=env, capture_output=True, timeout=60
    )
    assert done.returncode == 0 and len(done.stdout.splitlines()) > 200
    assert not (tmp_path / "paged.txt").exists()


def test_page_holds_back_only_one_screen() -> None:
    """The pager starts once the output passes the screen's height; short output never starts it."""
    written: list[str] = []
    started: list[list[str]] = []

    def start(words: list[str]) -> None:
        started.append(words)
        return None  # as if the pager could not be run: the output is written straight out

    pager.page(["a", "b"], "\n", written.append, height=5, width=80, start=start)
    assert (written, started) == (["a\n", "b\n"], [])
    pager.page((str(i) for i in range(10)), "\n", written.append, height=5, width=80, start=start)
    assert len(started) == 1 and written[2:] == [f"{i}\n" for i in range(10)]


def test_a_long_line_counts_the_rows_it_wraps_to() -> None:
    """A line wider than the terminal fills several rows."""
    assert pager.rows("x" * 250, 100) == 3
    assert pager.rows("", 100) == 1


@pytest.mark.parametrize(
    ("value", "expected"), [(None, ["less", "-R"]), ("", None), ("cat", None), ("more -s", ["more", "-s"])]
)
def test_the_pager_command(monkeypatch: pytest.MonkeyPatch, value: str | None, expected: list[str] | None) -> None:
    """$PAGER, else less -R; empty or cat means none."""
    if value is None:
        monkeypatch.delenv("PAGER", raising=False)
    else:
        monkeypatch.setenv("PAGER", value)
    assert pager.command() == expected
