import pathlib
import shutil


def prepare(folder: pathlib.Path) -> None:
    """Replace the data folder itself with a regular file, so --data names a file."""
    shutil.rmtree(folder)
    folder.write_text("schema_version = 1\n", encoding="utf-8")
