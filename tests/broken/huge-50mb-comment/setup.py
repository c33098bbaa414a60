import pathlib


def prepare(folder: pathlib.Path) -> None:
    """Pad the valid chronology.toml with a 50 MB comment (many lines of `#`), still valid TOML."""
    path = folder / "chronology.toml"
    line = "# " + "x" * 98 + "\n"  # 101 bytes
    with path.open("a", encoding="utf-8") as f:
        f.write(line * (50 * 1024 * 1024 // len(line)))
