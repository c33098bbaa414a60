"""The CSL style and locale files chron ships, and any other style file, read once per process.

The shipped files live in ``data/`` beside this module (official CSL styles and locales, CC
BY-SA 3.0; see ``data/LICENSE``). This is the only module of the processor that reads files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from chron.citation.csl.locale import Locale, LocaleData, Node, Term, merge_order, parse_locale, read_xml
from chron.citation.csl.style import Style, style_from_tree
from chron.errors import ChronError

DATA = Path(__file__).resolve().parent / "data"
LOCALES = ("en-US", "en-GB")
"""The locales chron ships."""


def _tree(data: bytes, where: str) -> Node:
    """The file's XML tree, from chron's cache when this content was read before."""
    from chron import cache

    return cache.parsed("csl", data, lambda: read_xml(data, where))  # type: ignore[no-any-return]


@cache
def shipped_style(name: str) -> Style:
    """A style chron ships, by its file name without ``.csl``."""
    path = DATA / "styles" / f"{name}.csl"
    where = f"the style {name}"
    return style_from_tree(_tree(path.read_bytes(), where), where)


def style_file(path: Path) -> Style:
    """Any CSL style file."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ChronError(
            f"cannot read the CSL style {str(path)!r} ({err.strerror}); give the path of a .csl file."
        ) from None
    where = repr(str(path))
    return style_from_tree(_tree(data, where), where)


@cache
def locale_file(lang: str) -> LocaleData:
    path = DATA / "locales" / f"locales-{lang}.xml"
    return parse_locale(_tree(path.read_bytes(), path.name), path.name)


AMERICAN = LocaleData("en-US", {("season-03", "long", ""): Term("Fall", "Fall")})
"""chron's one change to CSL's en-US locale: the season American English calls Fall (the CSL file
says Autumn). It sits just above the en-US file, so en-GB and a style's own terms still win."""


def locale(lang: str, style: Style) -> Locale:
    """The locale ``lang`` as ``style`` sees it: the shipped files under the style's own overrides."""
    if lang not in LOCALES:
        raise ChronError(f"no locale {lang!r}; choose one of {', '.join(LOCALES)}.")
    files = {tag: locale_file(tag) for tag in dict.fromkeys(("en-US", lang))}
    sources = merge_order(lang, files, style.locales)
    sources.insert(1, AMERICAN)
    return Locale(lang, sources)
