"""Writing an output file (``--output``): atomically, never half-written, never over a file unasked."""

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
