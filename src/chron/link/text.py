"""The words of a note: folding for matching, sentences and segments, locators, back-references.

Everything here works on one note's text and knows nothing of works. ``Folded`` compares text
the way people write references (accents, case, apostrophes, dashes and punctuation ignored) and
maps every match back to the note's own characters. Pure and standard-library only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters NFKD does not decompose, as their plain-ASCII spellings.
_SPECIAL = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ß": "ss", "ı": "i"}
APOSTROPHES = "'’‘`ʼ"


def fold_char(ch: str) -> str:
    """One character as lower-case ASCII letters or digits, or '' when it is not a letter or digit."""
    low = ch.lower()
    if low in _SPECIAL:
        return _SPECIAL[low]
    if low.isascii():
        return low if low.isalnum() else ""
    base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    return "".join(c for c in base if c.isascii() and c.isalnum())


@dataclass(frozen=True, slots=True)
class Folded:
    """A text folded for matching (``text``) and, per folded character, its index in the original."""

    text: str
    index: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the folded span ``start:end``."""
        return self.index[start], self.index[end - 1] + 1

    def find_all(self, phrase: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Original spans where the folded ``phrase`` occurs as whole words (within original ``lo:hi``)."""
        if not phrase:
            return []
        out = []
        text, size = self.text, len(phrase)
        at = text.find(phrase)
        while at != -1:
            # folded text is words and single spaces, so a word boundary is a space or an end
            if (at == 0 or text[at - 1] == " ") and (at + size == len(text) or text[at + size] == " "):
                start, end = self.span(at, at + size)
                if start >= lo and (hi is None or end <= hi):
                    out.append((start, end))
            at = text.find(phrase, at + 1)
        return out


def fold(text: str) -> Folded:
    """Lower-case ASCII words separated by single spaces: 'Workers’ Councils' and 'Workers Councils'
    both become 'workers councils'; a possessive ’s is dropped ('Smith’s' is 'smith'); & is 'and'."""
    out: list[str] = []
    index: list[int] = []

    def space(at: int) -> None:
        if out and out[-1] != " ":
            out.append(" ")
            index.append(at)

    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch in APOSTROPHES:
            # a possessive ’s (a letter before, no letter after the s) goes with its apostrophe
            possessive = i and text[i - 1].isalpha() and i + 1 < n and text[i + 1] in "sS"
            i += 2 if possessive and (i + 2 == n or not text[i + 2].isalnum()) else 1
            continue
        piece = " and " if ch == "&" else fold_char(ch)
        for c in piece or " ":
            if c == " ":
                space(i)
            else:
                out.append(c)
                index.append(i)
        i += 1
    if out and out[-1] == " ":
        out.pop()
        index.pop()
    return Folded("".join(out), tuple(index))


@lru_cache(maxsize=4096)
def fold_words(text: str) -> str:
    """The folded form of a phrase, for comparing it with folded text."""
    return fold(text).text


# ------------------------------------------------------------------ sentences and segments

# Abbreviations after which a full stop does not end a sentence (lower case, without the stop).
_ABBREVIATION_WORDS = (
    "p pp vol vols no nos ch chap chaps n nn ed eds trans tr repr rev ser fig figs sect para paras "
    "ff col cols cf e.g i.e eg ie al etc esp viz op loc art arts bk pt pts mr mrs ms dr st jr sr co "
    "inc ltd dept univ jan feb mar apr jun jul aug sep sept oct nov dec approx ca c fol fols ms mss"
)
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_END = re.compile(r"[.!?]['’”\")]*\s+(?=['‘“\"(\[]?[A-ZÀ-ÖØ-Þ0-9])")


def sentences(text: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of a note. A stop after an initial ('J. Smith'), an abbreviation ('pp.'), inside
    brackets or inside a ``protected`` span (a known title) does not end a sentence."""
    spans = []
    start = 0
    depth_at = _bracket_depths(text)
    for m in _END.finditer(text):
        dot = m.start()
        if any(a <= dot < b for a, b in protected) or depth_at[dot] > 0:
            continue
        word = re.search(r"([\w.]+)$", text[start:dot])
        token = word.group(1).lower() if word else ""
        last = token.rsplit(".", 1)[-1] if token else ""
        if (len(last) == 1 and last.isalpha()) or last in ABBREVIATIONS or token in ABBREVIATIONS:
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _bracket_depths(text: str) -> list[int]:
    depths = []
    depth = 0
    for ch in text:
        if ch in "([":
            depth += 1
        depths.append(depth)
        if ch in ")]" and depth:
            depth -= 1
    return depths


def segments(text: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans cut again at semicolons outside brackets: 'Smith, p. 4; Jones, p. 9'."""
    depth_at = _bracket_depths(text)
    out = []
    for a, b in sentences(text, protected):
        start = a
        for i in range(a, b):
            if text[i] == ";" and depth_at[i] == 0 and not any(x <= i < y for x, y in protected):
                out.append((start, i + 1))
                start = i + 1
        out.append((start, b))
    return [(a, b) for a, b in out if re.search(r"\w", text[a:b])]


# ------------------------------------------------------------------ back-references

BACKREF = re.compile(
    r"(?P<ibid>\bibid(?:em)?\b\.?|\bib\.(?=\s*,|\s*$))"
    r"|(?P<loccit>\bloc\.?\s*cit\b\.?)"
    r"|(?P<opcit>\bop\.?\s*cit\b\.?|\bsupra\b|\b(?:as\s+)?cited\s+above\b)"
    r"|(?P<above>\bas\s+above\b)"
    r"|(?P<idem>\b(?:idem|eadem)\b|\bId\.(?=\s*,))",
    re.IGNORECASE,
)
# "above, n. 4", "supra note 4", "(n 4)": the work cited in another note.
NOTE_REF = re.compile(
    r"(?:\b(?:above|supra),?\s+(?:note|n\.?)\s*(?P<a>\d+)\b|\((?:see\s+)?n\.?\s*(?P<b>\d+)(?:\s+above)?\))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class BackRef:
    kind: str  # "ibid" | "opcit" | "loccit" | "above" | "idem"
    start: int
    end: int
    words: str


def backrefs(text: str, lo: int, hi: int) -> list[BackRef]:
    return [
        BackRef(str(m.lastgroup), m.start(), m.end(), m.group().strip())
        for m in BACKREF.finditer(text, lo, hi)
        if m.lastgroup
    ]


def note_ref(text: str, lo: int, hi: int) -> tuple[int, int, int] | None:
    """A cross-reference to an earlier note in ``text[lo:hi]``: (note number, start, end)."""
    m = NOTE_REF.search(text, lo, hi)
    if not m:
        return None
    return int(m.group("a") or m.group("b")), m.start(), m.end()


# ------------------------------------------------------------------ locators

_ROMAN = r"(?:m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
_NUM = rf"(?:\d+[a-z]?(?![a-z])|(?=[ivxlcdm]){_ROMAN}(?![a-z]))"
_RANGE = rf"{_NUM}(?:\s*(?:[-–—]|--)\s*{_NUM})?"
_LIST = rf"{_RANGE}(?:\s*(?:,|and|&)\s*(?!\d{{4}}\b){_RANGE})*(?:\s*ff?\.?(?![a-z]))?"
# label words, longest first; the value follows with or without a space or stop ('p174', 'p. 12')
_LABELS: list[tuple[str, str]] = [
    (r"pages|page|pp|p", "page"),
    (r"chapters|chapter|chaps|chap|chs|ch", "chapter"),
    (r"volumes|volume|vols|vol|v", "volume"),
    (r"sections|section|sects|sect|secs|sec|§§|§", "section"),
    (r"paragraphs|paragraph|paras|para|¶¶|¶", "paragraph"),
    (r"lines|line|ll|l", "line"),
    (r"figures|figure|figs|fig", "figure"),
    (r"tables|table|tab", "table"),
    (r"notes|note|nn|n", "note"),
]
LOCATOR = re.compile(
    r"(?<![\w])(?:"
    + "|".join(rf"(?P<{label}>(?:{words})(?:\.\s*|\s+|(?=[\divx])))" for words, label in _LABELS)
    + rf")(?P<value>{_LIST})(?![\w])",
    re.IGNORECASE,
)
_CHICAGO_PAGE = re.compile(rf",\s*(?:at\s+)?(?P<value>{_RANGE}(?:\s*,\s*{_RANGE})*)\s*[.)]?\s*$")


@dataclass(frozen=True, slots=True)
class Locator:
    label: str  # page, chapter, volume, section, paragraph, line, figure, table, note
    value: str  # as printed, with ranges joined by an en dash: '44–45', 'xix'
    start: int
    end: int


def _clean_value(value: str) -> str:
    value = re.sub(r"\s*(?:--|[-—–])\s*", "–", value.strip())
    return re.sub(r"\s*,\s*", ", ", value)


def locators(text: str, lo: int, hi: int) -> list[Locator]:
    """The locators printed in ``text[lo:hi]``, in order: 'p174', 'pp. 12–14', 'vol 2, p690', 'ch. 3'."""
    out = []
    for m in LOCATOR.finditer(text, lo, hi):
        label = next(k for k, v in m.groupdict().items() if v is not None and k != "value")
        value = m.group("value")
        glued = m.group(label)
        if re.fullmatch(r"[a-z]+", value, re.IGNORECASE) and (
            not value.islower() or (len(value) < 2 and glued.isalpha())
        ):
            continue  # roman numerals are printed lower case ('pxix', not 'pIX'); a glued 'pi' is a word
        if label != "page" and not glued[-1:].isspace() and not glued.endswith(".") and not value[:1].isdigit():
            continue  # 'vix', 'lix', 'chi': a glued label takes a number
        if glued.lower() in ("v", "l", "n", "tab", "line", "lines") and not re.search(r"[.\s]$", glued):
            continue  # 'v2', 'l5' and 'n4' glued are too easily part of something else
        if glued.lower().startswith("v") and label == "volume" and glued.lower().strip(". ") == "v":
            continue  # a lone 'v.' is 'versus' more often than 'volume'
        out.append(Locator(label, _clean_value(value), m.start(), m.end()))
    return out


def trailing_page(text: str, lo: int, hi: int) -> Locator | None:
    """A bare page number ending a reference, as Chicago prints it: 'Smith, Cotton Mills, 45.'"""
    m = _CHICAGO_PAGE.search(text[lo:hi])
    if not m:
        return None
    value = m.group("value")
    if re.fullmatch(r"\d{4}", value) or not re.search(r"\d|^[ivxlc]+$", value):
        return None
    return Locator("page", _clean_value(value), lo + m.start("value"), lo + m.end("value"))


# ------------------------------------------------------------------ prefixes

_CITING_END = re.compile(
    r"(?:\b(?:see(?:\s+also)?|in|from|cf\.?|compare|quoting|citing|after|following|esp\.?|especially|e\.g\.,?"
    r"|for\s+example,?|for\s+instance,?|also|and\s+also)|\bthe\s+documents\s+in)\s*[,:]?$",
    re.IGNORECASE,
)
_LEAD_JUNK = re.compile(r"^(?:[\s,;:.—–-]|\band\b|\bbut\b)+", re.IGNORECASE)


def prefix_of(lead: str) -> str | None:
    """The words before a citation that say how it is used ('Quoted in', 'See, for example,'), or None
    when they are ordinary prose ('…forms the centrepiece of')."""
    words = _LEAD_JUNK.sub("", lead).strip()
    words = re.sub(r"\s+", " ", words)
    if not words or len(words.split()) > 15 or not _CITING_END.search(words):
        return None
    if re.search(r"[.!?]\s", words) or "—" in words or "–" in words:
        return None
    return words


def has_publication(text: str, lo: int, hi: int) -> bool:
    """A publication parenthesis '(Allen & Unwin, 1971)', '(London: Pluto, 1974)' or an '(ed)'."""
    chunk = text[lo:hi]
    return bool(
        re.search(r"\([^()]*[,:]\s*(?:1[5-9]|20)\d\d\)|\(eds?\.?\)|,\s*eds?\.(?:\s|,)", chunk)
        or re.search(r"\((?:1[5-9]|20)\d\d\)", chunk)
    )
