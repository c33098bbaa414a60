"""CSL locales: terms, date formats and locale options, merged as CSL's locale fallback says (pure).

A ``LocaleData`` is what one ``<locale>`` element holds (a locale file, or a style's own
``<locale>`` overrides); ``Locale`` merges them for one language, highest priority last: the
en-US file, the primary dialect's file, the language's file, then the style's ``<locale>``
elements without a language, with the bare language, and with the dialect. Term lookups fall
back from one form to another as the specification says (verb-short to verb to long, symbol to
short to long). Reading files is ``chron.citation.csl.files``' job, not this module's.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from chron.errors import ChronError

NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORM_FALLBACK = {"verb-short": "verb", "symbol": "short", "verb": "long", "short": "long"}


@dataclass(frozen=True, slots=True)
class Term:
    single: str
    multiple: str
    gender: str = ""
    """The gender of the noun (feminine, masculine), for ordinals that agree with it."""
    match: str = ""
    """For ordinal suffixes: last-digit, last-two-digits or whole-number."""


TermKey = tuple[str, str, str]
"""(name, form, gender-form)."""
Node = tuple[str, dict[str, str], tuple["Node", ...], str]
"""An XML element read: its tag (without the CSL namespace), attributes, child elements and text."""


@dataclass(slots=True)
class LocaleData:
    """One ``<locale>`` element: its language, terms, date formats and options."""

    lang: str = ""
    terms: dict[TermKey, Term] = field(default_factory=dict)
    dates: dict[str, tuple[tuple[str, dict[str, str]], ...]] = field(default_factory=dict)
    """A date format ("text", "numeric") as its date-parts: (name, attributes)."""
    options: dict[str, str] = field(default_factory=dict)

    @property
    def defines_ordinals(self) -> bool:
        return any(k[0] == "ordinal" or k[0].startswith("ordinal-") for k in self.terms)


def parse_locale(element: Node, where: str) -> LocaleData:
    """A ``<locale>`` element (of a locale file or a style) as ``LocaleData``."""
    _tag, attrs, children, _text = element
    data = LocaleData(lang=attrs.get(XML_LANG, ""))
    for tag, child_attrs, grandchildren, _ in children:
        if tag == "style-options":
            data.options.update(child_attrs)
        elif tag == "date":
            form = child_attrs.get("form", "")
            parts = tuple((p[1].get("name", ""), dict(p[1])) for p in grandchildren if p[0] == "date-part")
            if form:
                data.dates[form] = parts
        elif tag == "terms":
            for term_tag, term_attrs, term_children, term_text in grandchildren:
                if term_tag != "term":
                    continue
                name = term_attrs.get("name")
                if not name:
                    raise ChronError(f"{where}: a <term> without a name; give each term its name attribute.")
                forms = {c[0]: c[3] for c in term_children}
                if "single" in forms or "multiple" in forms:
                    one = forms.get("single", "")
                    many = forms.get("multiple", one)
                else:
                    one = many = term_text
                key = (name, term_attrs.get("form", "long"), term_attrs.get("gender-form", ""))
                data.terms[key] = Term(one, many, term_attrs.get("gender", ""), term_attrs.get("match", ""))
    return data


def read_xml(data: bytes, where: str) -> Node:
    """XML as a tree of (tag, attributes, children, text) tuples, the CSL namespace dropped from tags
    (marshal keeps such a tree in a millisecond, where parsing the XML again takes tens)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        raise ChronError(f"{where} is not well-formed XML ({err}); check that it is a CSL file.") from None
    if not str(root.tag).startswith(NS):
        raise ChronError(f"{where} is not a CSL file (its elements are not in the CSL namespace).")
    return _node(root)


def _node(element: ET.Element) -> Node:
    tag = str(element.tag)
    children = tuple(_node(c) for c in element if isinstance(c.tag, str))
    return (tag[len(NS) :] if tag.startswith(NS) else tag, dict(element.attrib), children, element.text or "")


_SERIALS = itertools.count()


class Locale:
    """The terms, date formats and options in force for one language and one style."""

    __slots__ = ("dates", "lang", "options", "quotes", "serial", "terms")

    def __init__(self, lang: str, sources: Sequence[LocaleData]) -> None:
        """``sources`` from lowest priority to highest (each overrides what came before)."""
        self.lang = lang
        self.serial = next(_SERIALS)
        """Tells this locale from any other made in the process (elements cache per locale)."""
        self.terms: dict[TermKey, Term] = {}
        self.dates: dict[str, tuple[tuple[str, dict[str, str]], ...]] = {}
        self.options: dict[str, str] = {}
        for source in sources:
            if source.defines_ordinals:  # a source that defines ordinals replaces all of them
                self.terms = {k: v for k, v in self.terms.items() if not _is_ordinal(k[0])}
            self.terms.update(source.terms)
            self.dates.update(source.dates)
            self.options.update(source.options)
        self.quotes = (
            (self.term("open-quote") or "“", self.term("close-quote") or "”"),
            (self.term("open-inner-quote") or "‘", self.term("close-inner-quote") or "’"),
        )

    @property
    def punctuation_in_quote(self) -> bool:
        return self.options.get("punctuation-in-quote") == "true"

    @property
    def limit_day_ordinals(self) -> bool:
        return self.options.get("limit-day-ordinals-to-day-1") == "true"

    def find(self, name: str, form: str = "long", gender_form: str = "") -> Term | None:
        """The term in ``form``, falling back to the forms the specification names; None if undefined."""
        current: str | None = form
        while current:
            found = self.terms.get((name, current, gender_form))
            if found is None and gender_form:
                found = self.terms.get((name, current, ""))
            if found is not None:
                return found
            current = _FORM_FALLBACK.get(current)
        return None

    def term(self, name: str, form: str = "long", plural: bool = False) -> str:
        found = self.find(name, form)
        if found is None:
            return ""
        return found.multiple if plural else found.single

    def gender(self, name: str) -> str:
        found = self.terms.get((name, "long", ""))
        return found.gender if found else ""

    def ordinal(self, number: int, gender: str = "") -> str:
        """The ordinal suffix for ``number`` ("st", "nd", "th"...)."""
        best: tuple[int, str] | None = None
        for (name, form, gform), term in self.terms.items():
            if form != "long" or not name.startswith("ordinal-") or gform not in ("", gender):
                continue
            try:
                target = int(name[8:])
            except ValueError:
                continue
            rank = _ordinal_match(number, target, name, term.match)
            if rank and (best is None or rank > best[0] or (rank == best[0] and gform == gender)):
                best = (rank, term.single)
        if best is not None:
            return best[1]
        return self.term("ordinal")

    def long_ordinal(self, number: int, gender: str = "") -> str | None:
        if 1 <= number <= 10:
            found = self.find(f"long-ordinal-{number:02d}", "long", gender)
            if found is not None:
                return found.single
        return None


def _is_ordinal(name: str) -> bool:
    return name == "ordinal" or (name.startswith("ordinal-") and name[8:].isdigit())


def _ordinal_match(number: int, target: int, name: str, match: str) -> int:
    """How well ``ordinal-NN`` fits ``number``: 0 not at all; higher is more specific."""
    two_digit = len(name) - 8 == 2 and target >= 10
    if match == "whole-number":
        return 3 if number == target else 0
    if two_digit or match == "last-two-digits":
        return 2 if number % 100 == target else 0
    return 1 if number % 10 == target else 0


def merge_order(lang: str, files: dict[str, LocaleData], style_locales: Iterable[LocaleData]) -> list[LocaleData]:
    """The sources of ``lang``, lowest priority first: locale files (en-US, the primary dialect,
    the dialect), then the style's own locales (no language, the language, the dialect)."""
    language = lang.split("-")[0]
    primary = PRIMARY_DIALECTS.get(language, lang)
    chain = [files.get("en-US"), files.get(primary), files.get(lang)]
    sources: list[LocaleData] = []
    for c in chain:
        if c is not None and all(c is not s for s in sources):
            sources.append(c)
    own = list(style_locales)
    sources += [s for s in own if not s.lang]
    sources += [s for s in own if s.lang == language]
    sources += [s for s in own if s.lang == lang and lang != language]
    return sources


PRIMARY_DIALECTS = {"de": "de-DE", "en": "en-US", "es": "es-ES", "fr": "fr-FR", "pt": "pt-PT", "zh": "zh-CN"}
