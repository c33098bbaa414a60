"""chron's own code names no dataset: help, errors, examples and output come from the data or are generic."""

from __future__ import annotations

import re

from tests.conftest import ROOT

# The shipped dataset's text, author and most named place and person: none may appear in the code.
SHIPPED_NAMES = re.compile(r"csepel|racz|rácz|hungar|haynes", re.IGNORECASE)


def test_the_package_names_no_shipped_dataset() -> None:
    """`grep -rni "csepel|racz|hungar|haynes" src/chron` finds nothing (the data lives in data/)."""
    found = [
        f"{path.relative_to(ROOT)}:{i}: {line.strip()}"
        for path in sorted((ROOT / "src" / "chron").rglob("*"))
        if path.is_file() and path.suffix in (".py", ".md", ".txt", ".json", ".toml", ".css", ".html")
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SHIPPED_NAMES.search(line)
    ]
    assert found == []
