"""Writing an output file (``--output``, ``schema --output-dir``): only ever a regular file, never
over one unasked, never half-written, and never leaving a temporary file behind.

What a path names decides what happens, even with ``--force``: a regular file is replaced only with
``--force``; a symbolic link to a regular file is written through to its target only with
``--force`` (the link stays); a dangling link, a folder, a device (``/dev/null``), a FIFO or a
socket is refused. The text goes to a temporary file in the target's folder, renamed over the
target when complete; Ctrl-C or SIGTERM while writing removes the temporary file and leaves the old
file as it was. Also a dataset's sources.toml, read and written back whole (by these rules) by the
commands that add to it.
"""

from __future__ import annotations

import os
import signal
import stat
from pathlib import Path
from types import FrameType
from typing import Any

from chron.errors import ChronError

# A test hook (tests/test_files.py): seconds to pause halfway through writing, so that a test can
# interrupt a write in progress. Never set in normal use.
PAUSE_VAR = "CHRON_TEST_WRITE_PAUSE"

_KINDS = {
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _file_mode(path: Path) -> int:
    """The mode the file would get from open(): the old file's, or 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def target_of(path: Path, *, force: bool, option: str = "--output") -> Path:
    """The regular file that writing to ``path`` may replace (``path`` itself, or the file its
    symbolic link points to); a ChronError when it must not be written."""
    shown = repr(str(path))
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as err:
        raise ChronError(f"cannot use {shown} as {option}: {err.strerror}. Choose another file.") from None
    if stat.S_ISLNK(st.st_mode):
        link = os.readlink(path)
        try:
            real = path.resolve(strict=True)
            target = os.stat(real)
        except (OSError, RuntimeError):
            raise ChronError(
                f"{shown} is a symbolic link to {link!r}, which does not exist; chron does not create files "
                f"through a dangling link. Remove the link or choose another {option}."
            ) from None
        if not stat.S_ISREG(target.st_mode):
            raise ChronError(
                f"{shown} is a symbolic link to {str(real)!r}, which is {_kind(target.st_mode)}; chron writes "
                f"only regular files, even with --force. Choose another {option}, or leave it out to write to stdout."
            )
        if not force:
            raise ChronError(
                f"{shown} is a symbolic link to {str(real)!r}; add --force to overwrite that file through it, "
                f"or choose another {option}."
            )
        return real
    if stat.S_ISDIR(st.st_mode):
        raise ChronError(f"{shown} is a folder; give a file name with {option}.")
    if not stat.S_ISREG(st.st_mode):
        raise ChronError(
            f"{shown} is {_kind(st.st_mode)}; chron writes only regular files, even with --force. "
            f"Choose another {option}, or leave it out to write to stdout."
        )
    if not force:
        raise ChronError(f"{shown} already exists; add --force to overwrite it, or choose another {option}.")
    return path


class _Terminated(BaseException):
    """SIGTERM arrived while a file was being written."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


def write_atomically(path: Path, text: str, *, force: bool, option: str = "--output") -> None:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename: a regular file
    (or, with ``force``, the regular file a link points to) or a new one; see the module's rules."""
    import tempfile

    target = target_of(path, force=force, option=option)
    before = os.lstat(target) if os.path.lexists(target) else None
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise ChronError(f"cannot write in {str(folder)!r}: {err.strerror}. Choose a writable folder.") from None
    tmp = Path(name)
    previous = _catch_sigterm()
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            half = len(text) // 2
            handle.write(text[:half])
            _pause()
            handle.write(text[half:])
        os.chmod(tmp, _file_mode(target))  # mkstemp makes 0600; a new export gets the usual permissions
        _still_the_same(target, before, path, option)
        os.replace(tmp, target)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ChronError(f"cannot write {str(path)!r}: {err.strerror}.") from None
    except _Terminated:
        tmp.unlink(missing_ok=True)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)  # end as SIGTERM meant, now that nothing is left behind
        raise
    except BaseException:  # Ctrl-C (KeyboardInterrupt), a ChronError, anything: no temporary file stays
        tmp.unlink(missing_ok=True)
        raise
    finally:
        _restore_sigterm(previous)


def _still_the_same(target: Path, before: os.stat_result | None, path: Path, option: str) -> None:
    """Refuse when the target changed kind while the text was written (a file swapped for a link,
    a FIFO or a folder): the rename would replace whatever is there now."""
    try:
        now = os.lstat(target)
    except FileNotFoundError:
        return
    same = before is not None and (now.st_dev, now.st_ino) == (before.st_dev, before.st_ino)
    if not same or not stat.S_ISREG(now.st_mode):
        raise ChronError(f"{str(path)!r} changed while chron was writing it; nothing was written. Run it again.")


def _catch_sigterm() -> Any:
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        return None


def _restore_sigterm(previous: Any) -> None:
    """Put back the handler ``_catch_sigterm`` replaced (``previous``: what signal.signal returned)."""
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _pause() -> None:
    seconds = os.environ.get(PAUSE_VAR, "")
    if seconds.isascii() and seconds.isdigit():
        import time

        time.sleep(int(seconds))


def sources_text(folder: Path) -> tuple[Path, str]:
    """The path and text of a dataset's sources.toml (to add to it)."""
    from chron.errors import DataError
    from chron.load import SOURCES, read_text_file

    path = folder / SOURCES
    try:
        return path, read_text_file(path, str(path))
    except DataError as err:
        raise ChronError(f"cannot read {path}: {err.problems[0].message}.") from None


def write_sources(path: Path, text: str) -> None:
    """Write sources.toml back, atomically, once its new text is known to parse."""
    import tomli

    try:
        tomli.loads(text)
    except tomli.TOMLDecodeError as err:  # e.g. notes held as an inline array (notes = [...])
        raise ChronError(
            f"{path} could not take the additions ({err}); write its works and notes as [[works]] and [[notes]] tables."
        ) from None
    write_atomically(path, text, force=True)
