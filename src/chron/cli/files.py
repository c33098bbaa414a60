"""Writing an output file (``--output``): atomically, never half-written, never over a file unasked;
and a dataset's sources.toml, read and written back whole by the commands that add to it."""

from __future__ import annotations

import os
from pathlib import Path

from chron.errors import ChronError


def _file_mode(path: Path) -> int:
    """The mode the file would get from open(): the old file's, or 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_atomically(path: Path, text: str, *, force: bool) -> None:
    """Write via a temporary file in the same folder and a rename: never a half-written file."""
    if path.exists() and not force:
        raise ChronError(f"{str(path)!r} already exists; add --force to overwrite it, or choose another --output.")
    if path.is_dir():
        raise ChronError(f"{str(path)!r} is a folder; give a file name with --output.")
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise ChronError(f"cannot write in {str(folder)!r}: {err.strerror}. Choose a writable folder.") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, _file_mode(path))  # mkstemp makes 0600; a new export gets the usual permissions
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise ChronError(f"cannot write {str(path)!r}: {err.strerror}.") from None


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
