"""Writing files (`export -o`, `timeline -o`, `schema --output-dir`): only regular files, never over
one unasked, through a link only with --force, and nothing left behind when interrupted."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import MINI, ROOT, Run

WRITERS = [["export", "bibtex"], ["timeline", "-f", "markwhen"]]


def written(run: Run, argv: list[str], target: Path, *extra: str) -> tuple[int, str]:
    result = run(*argv, "-o", str(target), *extra, data=MINI)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_refuses_a_fifo_a_folder_and_a_socket(run: Run, tmp_path: Path, argv: list[str], force: list[str]) -> None:
    """A FIFO, a folder or a socket is refused at once, even with --force, and stays what it was."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, err = written(run, argv, fifo, *force)
    assert code == 1 and "named pipe" in err and "even with --force" in err, err
    assert fifo.is_fifo()
    code, err = written(run, argv, tmp_path, *force)
    assert code == 1 and "is a folder" in err, err
    sock_path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        code, err = written(run, argv, sock_path, *force)
    assert code == 1 and "a socket" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "sock"]


@pytest.mark.skipif(not Path("/dev/null").is_char_device(), reason="no /dev/null device")
def test_refuses_a_device_even_with_force(run: Run) -> None:
    """`-o /dev/null --force` leaves /dev/null a device (as root it would have been replaced)."""
    code, err = written(run, ["export", "ris"], Path("/dev/null"), "--force")
    assert code == 1 and "character device" in err, err
    assert Path("/dev/null").is_char_device()


@pytest.mark.parametrize("argv", WRITERS, ids=" ".join)
def test_a_link_is_written_through_only_with_force(run: Run, tmp_path: Path, argv: list[str]) -> None:
    """A symbolic link to a file needs --force, and then its target is written and the link stays."""
    real = tmp_path / "real.txt"
    real.write_text("mine", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    code, err = written(run, argv, link)
    assert code == 1 and "symbolic link" in err and "--force" in err, err
    assert real.read_text(encoding="utf-8") == "mine"
    code, err = written(run, argv, link, "--force")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") != "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_refuses_a_dangling_link(run: Run, tmp_path: Path, force: list[str]) -> None:
    """A link to nothing is refused: no file appears at the place it points to."""
    link = tmp_path / "out.bib"
    link.symlink_to(tmp_path / "elsewhere" / "x.bib")
    (tmp_path / "elsewhere").mkdir()
    code, err = written(run, ["export", "bibtex"], link, *force)
    assert code == 1 and "does not exist" in err, err
    assert not (tmp_path / "elsewhere" / "x.bib").exists() and link.is_symlink()


def test_a_link_to_a_device_is_refused(run: Run, tmp_path: Path) -> None:
    """A link to a FIFO is refused even with --force."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "out.ris"
    link.symlink_to(fifo)
    code, err = written(run, ["export", "ris"], link, "--force")
    assert code == 1 and "named pipe" in err, err


def test_a_read_only_folder(run: Run, tmp_path: Path) -> None:
    """A folder chron may not write in is a clear error and leaves nothing behind."""
    if os.geteuid() == 0:  # root ignores modes: use sysfs, where no one may create a file
        folder = Path("/sys")
        if not (folder / "kernel").is_dir():
            pytest.skip("no read-only folder for root on this system")
    else:
        folder = tmp_path / "ro"
        folder.mkdir()
        folder.chmod(0o555)
    code, err = written(run, ["export", "ris"], folder / "out.ris")
    assert code == 1 and "cannot write in" in err.lower() and "permission denied" in err.lower(), err
    assert not (folder / "out.ris").exists()


def test_schema_output_dir_asks_before_replacing(run: Run, tmp_path: Path) -> None:
    """`schema --output-dir` writes both files, refuses to replace them without --force (writing
    neither), and follows the same rules for links and FIFOs."""
    out = tmp_path / "s"
    assert run("schema", "-o", str(out)).exit_code == 0
    mine = out / "sources.schema.json"
    mine.write_text("mine", encoding="utf-8")
    (out / "chronology.schema.json").unlink()
    result = run("schema", "-o", str(out))
    assert result.exit_code == 1 and "--force" in result.stderr, result.output
    assert mine.read_text(encoding="utf-8") == "mine" and not (out / "chronology.schema.json").exists()
    assert run("schema", "-o", str(out), "--force").exit_code == 0
    assert mine.read_text(encoding="utf-8") != "mine"
    mine.unlink()
    os.mkfifo(mine)
    result = run("schema", "-o", str(out), "--force")
    assert result.exit_code == 1 and "named pipe" in result.stderr, result.output


# ------------------------------------------------------------------ interrupted writes (real processes)


def start_write(tmp_path: Path, target: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "CHRON_CACHE_DIR": str(tmp_path / "cache"),
        "CHRON_TEST_WRITE_PAUSE": "60",
        "PYTHONPATH": str(ROOT / "src"),
    }
    cmd = [sys.executable, "-m", "chron", "--data", str(MINI), "export", "bibtex", "-o", str(target), "--force"]
    # Ctrl-C as a person at a terminal sends it: a suite started in the background (`pytest &`, or a
    # CI script run as an asynchronous job) inherits SIGINT ignored, as POSIX shells do for such
    # jobs, and chron rightly keeps what it inherits; the writer starts with the default instead.
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while not list(target.parent.glob(f".{target.name}.*.tmp")):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the write never started"
        time.sleep(0.02)
    return proc


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, sig: signal.Signals) -> None:
    """Ctrl-C (or SIGTERM) halfway through a write: the old file is intact and no temporary file stays."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "works.bib"
    target.write_text("the old file", encoding="utf-8")
    proc = start_write(tmp_path, target)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (130 if sig == signal.SIGINT else -signal.SIGTERM), err
    assert b"Traceback" not in err, err
    assert sorted(p.name for p in out.iterdir()) == ["works.bib"]
    assert target.read_text(encoding="utf-8") == "the old file"
