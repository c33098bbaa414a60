import pathlib


def prepare(folder: pathlib.Path) -> None:
    """Make sources.toml a symlink to itself: reading it fails (ELOOP), even for root."""
    path = folder / "sources.toml"
    path.unlink()
    path.symlink_to("sources.toml")
