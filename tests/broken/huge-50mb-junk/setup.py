import pathlib


def prepare(folder: pathlib.Path) -> None:
    """Replace sources.toml with 50 MB of one long line that is not TOML."""
    (folder / "sources.toml").write_bytes(b"junk " * (10 * 1024 * 1024))
