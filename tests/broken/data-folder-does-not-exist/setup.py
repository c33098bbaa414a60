import pathlib
import shutil


def prepare(folder: pathlib.Path) -> None:
    """Remove the data folder, so --data names a path that does not exist."""
    shutil.rmtree(folder)
