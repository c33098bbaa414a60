import pathlib


def prepare(folder: pathlib.Path) -> None:
    """Give the dataset a field holding 5000 nested inline tables: {a = {a = { ... }}}."""
    path = folder / "chronology.toml"
    text = path.read_text(encoding="utf-8")
    deep = "deep = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n"
    text = text.replace('title = "Mini"\n', 'title = "Mini"\n' + deep, 1)
    path.write_text(text, encoding="utf-8")
