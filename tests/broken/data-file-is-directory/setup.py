import pathlib


def prepare(folder: pathlib.Path) -> None:
    """Replace chronology.toml with a folder of that name."""
    path = folder / "chronology.toml"
    path.unlink()
    path.mkdir()
