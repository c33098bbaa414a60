"""Numbers in CSL: the is-numeric test, ``cs:number`` and ``cs:label``, page ranges, ordinals, roman numerals (pure).

A number variable is numeric when each of its parts (split at commas, ampersands, hyphens, dashes
and "and") is a number, perhaps with letters around it ("2b", "D2"), or a lower-case roman
numeral; it is plural when it holds more than one number. Page ranges are shortened or expanded
as the style's ``page-range-format`` says (Appendix V of the specification) and joined with the
locale's page-range delimiter.
"""

from __future__ import annotations

import re

from chron.citation.csl.env import Env

_SPLIT = re.compile(r"(\s*(?:,|&|[-–—]+|\band\b)\s*)")
_NUMBER = re.compile(r"[A-Za-z]*\d+[A-Za-z]*|[ivxlc]+")
_DIGITS = re.compile(r"\d+")
_RANGE = re.compile(r"\b(\d+|[ivxlcdm]+|[IVXLCDM]+)\s*([-–—]+)\s*(\d+|[ivxlcdm]+|[IVXLCDM]+)\b")
_COUNTED = ("number-of-pages", "number-of-volumes")


def parts(value: str) -> list[str]:
    """The value split into numbers and the separators between them: [n, sep, n, sep, n]."""
    return _SPLIT.split(value.strip())


def is_numeric(value: str) -> bool:
    if not value:
        return False
    chunks = parts(value)
    return all(_NUMBER.fullmatch(c) for c in chunks[::2])


def is_plural(value: str, variable: str = "") -> bool:
    """Whether a label for the value takes the plural ("pp." for "44–45", "vols." for 3 volumes)."""
    if variable in _COUNTED:
        try:
            return int(value.strip()) > 1
        except ValueError:
            return False
    chunks = parts(value)
    numbers = [c for c in chunks[::2] if _NUMBER.fullmatch(c)]
    return len(numbers) > 1


# ------------------------------------------------------------------ page ranges


def page_range(value: str, env: Env) -> str:
    """The ``page`` variable: ranges formatted as the style asks, joined by the locale's delimiter."""
    delim = env.locale.term("page-range-delimiter") or "–"
    fmt = env.style.page_range_format
    if not fmt:
        return _RANGE.sub(lambda m: f"{m.group(1)}{delim}{m.group(3)}", value)
    return _format_ranges(value, fmt, delim)


def dashed(value: str, env: Env) -> str:
    """A numeric range in another number variable (issues 11-12): the hyphen as the range delimiter."""
    delim = env.locale.term("page-range-delimiter") or "–"
    return _RANGE.sub(lambda m: f"{m.group(1)}{delim}{m.group(3)}", value)


def locator_text(value: str, env: Env) -> str:
    """The locator: hyphens as en dashes, page ranges formatted as the style asks."""
    fmt = env.style.page_range_format if env.label == "page" else ""
    delim = env.locale.term("page-range-delimiter") or "–"
    if fmt:
        return _format_ranges(value, fmt, delim, hyphens_only=True)
    return _RANGE.sub(lambda m: f"{m.group(1)}–{m.group(3)}", value)


def _format_ranges(value: str, fmt: str, delim: str, hyphens_only: bool = False) -> str:
    """Ranges take the style's format; with ``hyphens_only`` (locators) one already written with a dash
    is kept as written, as citeproc-js does ("264–265" stays, "264-265" becomes "264–65")."""

    def one(m: re.Match[str]) -> str:
        if hyphens_only and m.group(2) != "-":
            return f"{m.group(1)}{delim}{m.group(3)}"
        return shorten(m.group(1), m.group(3), fmt, delim)

    return _RANGE.sub(one, value)


def shorten(first: str, last: str, fmt: str, delim: str = "–") -> str:
    """One page range in ``fmt``: expanded, minimal, minimal-two, chicago(-15) or chicago-16."""
    if not (first.isdigit() and last.isdigit()):
        return f"{first}{delim}{last}"
    if len(last) < len(first):  # "321-8": expand first
        last = first[: len(first) - len(last)] + last
    if int(last) <= int(first) or len(last) != len(first) or fmt == "expanded":
        return f"{first}{delim}{last}"
    a = int(first)
    if fmt in ("chicago", "chicago-15", "chicago-16"):
        if a < 100 or a % 100 == 0:
            return f"{first}{delim}{last}"
        if a % 100 < 10:
            return f"{first}{delim}{_minimal(first, last, 1)}"
        short = _minimal(first, last, 2)
        if fmt != "chicago-16" and len(first) == 4 and len(short) >= 3:
            return f"{first}{delim}{last}"
        return f"{first}{delim}{short}"
    keep = 2 if fmt == "minimal-two" else 1
    return f"{first}{delim}{_minimal(first, last, keep)}"


def _minimal(first: str, last: str, keep: int) -> str:
    i = 0
    while i < len(last) - keep and first[i] == last[i]:
        i += 1
    return last[i:]


# ------------------------------------------------------------------ number forms


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def number_form(value: str, form: str, env: Env, gender: str = "") -> str:
    """A numeric value in ``form`` (numeric, ordinal, long-ordinal, roman), separators normalised."""
    chunks = parts(value)
    out = []
    for i, chunk in enumerate(chunks):
        if i % 2:
            sep = chunk.strip()
            out.append(", " if sep == "," else " & " if sep == "&" else f" {sep} " if sep == "and" else sep)
            continue
        if not chunk.isdigit() or form == "numeric":
            out.append(chunk)
            continue
        n = int(chunk)
        if form == "roman":
            out.append(roman(n) if n < 4000 else chunk)
        elif form == "long-ordinal":
            out.append(env.locale.long_ordinal(n, gender) or f"{n}{env.locale.ordinal(n, gender)}")
        elif form == "ordinal":
            out.append(f"{n}{env.locale.ordinal(n, gender)}")
        else:
            out.append(chunk)
    return "".join(out)
