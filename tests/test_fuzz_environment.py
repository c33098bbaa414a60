"""The fuzz run's environment cases, as real processes (not CliRunner): they are about the streams
and arguments the process is given. A closed stdout, a full disk (/dev/full), ascii, latin-1 and C
locale output, arguments with bytes that are not UTF-8 (with a warm cache), and Unicode digits
where numbers are read: each ends in a clean message and exit code, never a traceback."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SHIPPED, also_slow

WORKDIR = Path(tempfile.mkdtemp(prefix="chron-env-"))  # the runs' cache and files, never the repository


ENV_RUNS = [  # the first two run in the default run, the rest in the slow run
    ["show", "-f", "json"],
    ["--help"],
    ["search", "racz"],
    ["timeline"],
    ["cite", "1-5"],
    ["show", "--help"],
    ["--version"],
]


def chron(
    args: list[str],
    *,
    env: dict[str, str] | None = None,
    stdout: Any = subprocess.PIPE,
    closed_stdout: bool = False,
) -> subprocess.CompletedProcess[bytes]:
    """chron as a process on the shipped data, with a cache of its own (kept warm between runs);
    ``closed_stdout`` starts it with descriptor 1 closed, as `>&-` does."""
    base = {**os.environ, "CHRON_CACHE_DIR": str(WORKDIR / "cache"), "PYTHONPATH": str(ROOT / "src")}
    for name in ("PYTHONIOENCODING", "LC_ALL", "LANG", "PYTHONUTF8", "COLUMNS", "CHRON_DATA"):
        base.pop(name, None)
    cmd = [sys.executable, "-m", "chron", "--data", str(SHIPPED), *args]
    return subprocess.run(
        cmd,
        env={**base, **(env or {})},
        stdout=None if closed_stdout else stdout,
        stderr=subprocess.PIPE,
        preexec_fn=(lambda: os.close(1)) if closed_stdout else None,
        timeout=120,
        check=False,
    )


@functools.cache
def utf8_output(args: tuple[str, ...]) -> str:
    return chron(list(args), env={"PYTHONIOENCODING": "utf-8"}).stdout.decode("utf-8")


def no_traceback(done: subprocess.CompletedProcess[bytes]) -> str:
    """stderr, less chron's note that a first run reads the data; it must hold no traceback."""
    err = done.stderr.decode("utf-8", "replace") if done.stderr else ""
    assert "Traceback" not in err, err
    return "".join(line for line in err.splitlines(keepends=True) if not line.startswith("chron: reading"))


@pytest.mark.parametrize("args", also_slow(ENV_RUNS, keep=2, ids=" ".join))
def test_closed_stdout(args: list[str]) -> None:
    """`chron ... >&-`: one Error line on stderr and exit 1, never a traceback."""
    done = chron(args, closed_stdout=True)
    err = no_traceback(done)
    assert done.returncode == 1 and err.startswith("Error: Standard output is closed"), err


def test_closed_stdout_leaves_file_outputs_working(tmp_path: Path) -> None:
    """A command that writes only a file does not need stdout."""
    target = tmp_path / "w.ris"
    done = chron(["export", "ris", "-o", str(target)], closed_stdout=True)
    no_traceback(done)
    assert done.returncode == 0 and target.read_text(encoding="utf-8").startswith("TY  - ")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", also_slow(ENV_RUNS, keep=2, ids=" ".join))
def test_full_disk(args: list[str]) -> None:
    """`chron ... > /dev/full`: one Error line on stderr and exit 1, never a traceback."""
    with open("/dev/full", "wb") as full:
        done = chron(args, stdout=full)
    err = no_traceback(done)
    assert done.returncode == 1 and "No space left on device" in err, err
    assert err.count("\n") == 1, err


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "latin-1"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}],
    ids=["ascii", "latin-1", "C-locale"],
)
@pytest.mark.parametrize("args", also_slow(ENV_RUNS, keep=2, ids=" ".join))
def test_narrow_output_encoding(env: dict[str, str], args: list[str]) -> None:
    """An encoding that cannot hold the text prints "?" for each character it lacks, and says so once
    on stderr with the way to see them."""
    reference = utf8_output(tuple(args))
    done = chron(args, env=env)
    err = no_traceback(done)
    assert done.returncode == 0, err
    encoding = "latin-1" if env.get("PYTHONIOENCODING") == "latin-1" else "ascii"
    if done.stdout == reference.encode(encoding, "replace"):
        lacking = reference.encode(encoding, "replace") != reference.encode("utf-8")
        assert err.count("set PYTHONIOENCODING=utf-8") == (1 if lacking else 0), err
    else:  # click writes help as UTF-8 where it judges the locale's encoding wrong
        assert done.stdout == reference.encode("utf-8") and args[-1] in ("--help", "--version")


@pytest.mark.parametrize(
    "args",
    also_slow(
        [[b"event", b"x\xffy"], [b"search", b"\xe9t\xe9"], [b"show", b"--person", b"R\xe1cz"], [b"cite", b"\xff"]],
        keep=2,
        ids=lambda args: args[0].decode(),
    ),
)
def test_undecodable_argument_with_a_warm_cache(args: list[bytes]) -> None:
    """A byte that is not UTF-8 in an argument is a usage error (exit 2), and the cache stays."""
    assert chron(["show", "-f", "ids"]).returncode == 0  # warm
    done = chron([os.fsdecode(a) for a in args])
    err = no_traceback(done)
    assert done.returncode == 2 and "not UTF-8" in err, err
    assert "damaged" not in chron(["show", "-f", "ids"]).stderr.decode()


def test_undecodable_folder_name_is_a_name() -> None:
    """In a file or folder name the bytes are the name: a missing folder is reported as missing."""
    done = chron(["--data", os.fsdecode(b"/nonexistent/\xff"), "show"])
    err = no_traceback(done)
    assert done.returncode == 1 and "does not exist" in err, err


@pytest.mark.parametrize(
    "args",
    also_slow(
        [
            ["search", "note:²"],
            ["cite", "1-²"],
            ["cite", "١٢"],
            ["cite", "²"],
            ["note", "²"],
            ["show", "-n", "²"],
            ["show", "--limit", "²"],
            ["timeline", "-w", "²"],
        ],
        keep=3,
        ids=" ".join,
    ),
)
def test_unicode_digits(args: list[str]) -> None:
    """Digits that are not ASCII are refused as numbers (exit 1 or 2), never a traceback."""
    done = chron(args)
    err = no_traceback(done)
    assert done.returncode in (1, 2), err


def test_unicode_digits_as_terminal_width() -> None:
    """COLUMNS=² is ignored, as any width that is not a number."""
    done = chron(["show", "-f", "table"], env={"COLUMNS": "²"})
    no_traceback(done)
    assert done.returncode == 0
