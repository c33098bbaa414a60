import pathlib


def prepare(folder: pathlib.Path) -> None:
    """Give the first event a field holding 5000 nested arrays: [[[[ ... ]]]]."""
    path = folder / "chronology.toml"
    text = path.read_text(encoding="utf-8")
    deep = "deep = " + "[" * 5000 + "]" * 5000 + "\n"
    text = text.replace('title = "Mini"\n', 'title = "Mini"\n' + deep, 1)
    path.write_text(text, encoding="utf-8")
