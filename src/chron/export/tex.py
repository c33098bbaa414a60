"""TeX text for BibTeX and BibLaTeX values: escaping, case protection, names (pure).

Accents stay Unicode (the files are UTF-8). Every value is escaped by TeX's grammar so that no value
can add or end an entry or a field: braces as ``\\textbraceleft{}`` (a brace a value holds can never
unbalance its field), names that hold "and" or a comma braced, URLs percent-encoded where TeX would
read them; control and bidi characters are shown (``\\x1b``), never written raw.

Title-like values brace their capitalised words after the first, so a style that changes case
(BibTeX's ``plain``, pandoc's BibTeX reader for English works) cannot lower-case a proper noun; a
title in another language is braced whole, because no English case rule applies to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from chron.escape import BIDI, one_line
from chron.models import Name

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    # Not \{ and \}: BibTeX counts braces without looking at backslashes, so one unmatched brace in
    # a value would end its field early.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX_SPECIAL))
MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def is_english(language: str | None) -> bool:
    """No language (the default) or an English tag."""
    return not language or language.lower().split("-")[0] in ("en", "english")


def tex(text: str) -> str:
    """Escape TeX's special characters on one line; accents stay Unicode (the files are UTF-8);
    control and bidi characters are shown (``\\x1b``, itself escaped)."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m.group()], " ".join(one_line(text).split()))


def tex_url(url: str) -> str:
    """A URL for a verbatim field (BibLaTeX's ``url``, BibTeX's read by ``\\url``): not TeX-escaped,
    which would change it, but with what a field cannot hold (braces, backslashes, spaces, controls)
    percent-encoded, as a URL may write any character."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url.strip())


_URL_UNSAFE = re.compile("[{}\\\\\\s\x00-\x1f\x7f-\x9f" + BIDI + "]")


def protect_title(title: str, language: str | None = None) -> str:
    """A title-like value for a field a style may change the case of (see the module docstring)."""
    if not is_english(language):
        return "{" + tex(title) + "}"
    out = []
    for i, token in enumerate(title.split(" ")):
        m = re.fullmatch(r"(\W*)(.*?)([^\w’']*)", token)
        assert m is not None  # the pattern matches any token
        lead, core, trail = m.groups()
        if i and any(ch.isupper() for ch in core):
            out.append(f"{tex(lead)}{{{tex(core)}}}{tex(trail)}")
        else:
            out.append(tex(token))
    return " ".join(out)


def tex_names(names: Sequence[Name]) -> str:
    """ "Family, Given and Family, Given"; an institution in double braces so it is not split; a
    suffix kept in the given name ("Robert L., Jr.") in BibTeX's third part: "King, Jr., Robert L."."""
    parts = []
    for n in names:
        if n.literal:
            parts.append(f"{{{tex(n.literal)}}}")
            continue
        given, _, suffix = (n.given or "").partition(", ")
        parts.append(", ".join(_name_part(p) for p in (n.family, suffix, given) if p))
    return " and ".join(parts)


def _name_part(text: str) -> str:
    """A family or given name; braced when BibTeX would split it (at "and" or a comma)."""
    escaped = tex(text)
    return f"{{{escaped}}}" if "," in escaped or re.search(r"(?i)(?<!\S)and(?!\S)", escaped) else escaped
