import pathlib


def prepare(folder: pathlib.Path) -> None:
    """Append a table header 5000 keys deep: [a.a.a. ... .a] with one value in it."""
    path = folder / "chronology.toml"
    text = path.read_text(encoding="utf-8")
    text += "\n[" + ".".join(["a"] * 5000) + "]\nx = 1\n"
    path.write_text(text, encoding="utf-8")
