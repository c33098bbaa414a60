import pathlib


def prepare(folder: pathlib.Path) -> None:
    """Make sources.toml a symlink to a file that does not exist."""
    path = folder / "sources.toml"
    path.unlink()
    path.symlink_to("no-such-file.toml")
