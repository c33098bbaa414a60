"""A CSL style read from its XML into rendering elements, once (pure: the XML text in, objects out).

``parse_style`` builds the tree of elements (render.py, names.py, dates.py, numbers.py), resolves
macros, collects the style's options (class, page ranges, particles, the name options each scope
inherits, disambiguation, collapsing, bibliography options) and its own ``<locale>`` overrides.
Anything a CSL 1.0.2 style may hold that this processor does not implement is refused with a
``ChronError`` naming it, rather than printed wrongly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chron.citation.csl.dates import DateElement, DatePart
from chron.citation.csl.item import VARIABLES
from chron.citation.csl.locale import LocaleData, Node, parse_locale, read_xml
from chron.citation.csl.names import INHERITABLE, EtAl, Names, NameSpec
from chron.citation.csl.render import (
    Choose,
    Condition,
    Element,
    Group,
    Label,
    Layout,
    Number,
    TextMacro,
    TextTerm,
    TextValue,
    TextVariable,
)
from chron.errors import ChronError

PAGE_RANGE_FORMATS = ("chicago", "chicago-15", "chicago-16", "expanded", "minimal", "minimal-two")
TEXT_CASES = ("lowercase", "uppercase", "capitalize-first", "capitalize-all", "sentence", "title")
_COMMON = {"prefix", "suffix", "display", "font-style", "font-variant", "font-weight", "text-decoration"}
_COMMON |= {"vertical-align", "text-case", "strip-periods", "quotes"}
_ALLOWED = {
    "text": _COMMON | {"variable", "macro", "term", "value", "form", "plural"},
    "group": _COMMON | {"delimiter"},
    "number": _COMMON | {"variable", "form"},
    "label": _COMMON | {"variable", "form", "plural"},
    "date": _COMMON | {"variable", "form", "date-parts", "delimiter"},
    "names": _COMMON | {"variable", "delimiter"},
    "choose": set(),
}
_CONTAINERS = {"style", "citation", "bibliography", "layout", "sort", "key", "macro", "else", "substitute", "name"}
_CONTAINERS |= {"et-al", "name-part", "date-part"}
_CONDITIONS = {"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate", "match"}


@dataclass(frozen=True, slots=True)
class SortKey:
    variable: str = ""
    macro: Element | None = None
    descending: bool = False
    names: tuple[int, int, bool] | None = None
    """names-min, names-use-first, names-use-last."""


@dataclass(slots=True)
class Scope:
    """``cs:citation`` or ``cs:bibliography``: its layout, sort keys and options."""

    layout: Layout
    sort: list[SortKey]
    options: dict[str, str]
    explicit_year_suffix: bool = False


@dataclass(slots=True)
class Style:
    """A parsed CSL style: what its citations and bibliography print, and its options."""

    title: str
    id: str
    note: bool
    options: dict[str, str]
    citation: Scope
    bibliography: Scope | None
    locales: list[LocaleData] = field(default_factory=list)
    _names: dict[bool, dict[str, str]] = field(default_factory=dict)

    @property
    def page_range_format(self) -> str:
        return self.options.get("page-range-format", "")

    @property
    def demote_particle(self) -> str:
        return self.options.get("demote-non-dropping-particle", "display-and-sort")

    @property
    def hyphen_initials(self) -> bool:
        return self.options.get("initialize-with-hyphen", "true") != "false"

    @property
    def givenname_rule(self) -> str:
        return self.citation.options.get("givenname-disambiguation-rule", "by-cite")

    @property
    def default_locale(self) -> str:
        return self.options.get("default-locale", "")

    def name_options(self, bib: bool) -> dict[str, str]:
        """The inheritable name options in force in the bibliography (``bib``) or the citations."""
        found = self._names.get(bib)
        if found is None:
            scope = self.bibliography if bib and self.bibliography else self.citation
            found = {k: v for k, v in self.options.items() if k in INHERITABLE}
            found.update({k: v for k, v in scope.options.items() if k in INHERITABLE})
            self._names[bib] = found
        return found

    def explicit_year_suffix(self, bib: bool) -> bool:
        scope = self.bibliography if bib and self.bibliography else self.citation
        return scope.explicit_year_suffix


def parse_style(xml: bytes, where: str = "the style") -> Style:
    """The style in ``xml``; ``where`` names it in error messages."""
    return style_from_tree(read_xml(xml, where), where)


def style_from_tree(root: Node, where: str) -> Style:
    """The style read from its XML tree (see ``locale.read_xml``): checked whole at once, its macros
    built into elements only when first rendered."""
    if root[0] != "style":
        raise ChronError(f"{where} is not a CSL style (its root element is not <style>).")
    return _Reader(root, where).style()


class _Reader:
    def __init__(self, root: Node, where: str) -> None:
        self.root = root
        self.where = where
        self.macro_xml: dict[str, Node] = {}
        self.macros: dict[str, list[Element]] = {}
        self.building: set[str] = set()

    def fail(self, what: str) -> ChronError:
        return ChronError(f"{self.where} uses {what}, which chron's CSL processor does not support.")

    def style(self) -> Style:
        _, options, children, _ = self.root
        if options.get("class") not in ("in-text", "note"):
            raise ChronError(f'{self.where}: <style> needs class="in-text" or class="note".')
        if options.get("page-range-format", "expanded") not in PAGE_RANGE_FORMATS:
            raise self.fail(f'page-range-format="{options["page-range-format"]}"')
        title = ident = ""
        locales: list[LocaleData] = []
        citation = bibliography = None
        for child in children:
            if child[0] == "macro":
                self.macro_xml[child[1].get("name", "")] = child
        for child in children:
            self.check_tree(child)
        for child in children:
            tag = child[0]
            if tag == "info":
                title = next((c[3].strip() for c in child[2] if c[0] == "title"), "")
                ident = next((c[3].strip() for c in child[2] if c[0] == "id"), "")
            elif tag == "locale":
                locales.append(parse_locale(child, self.where))
            elif tag == "citation":
                citation = self.scope(child)
            elif tag == "bibliography":
                bibliography = self.scope(child)
            elif tag != "macro":
                raise self.fail(f"<{tag}>")
        if citation is None:
            raise ChronError(f"{self.where} has no <citation>; a CSL style needs one.")
        return Style(title, ident, options.get("class") == "note", dict(options), citation, bibliography, locales)

    def scope(self, element: Node) -> Scope:
        layout = None
        sort: list[SortKey] = []
        for child in element[2]:
            if child[0] == "layout":
                layout = Layout(child[1], self.children(child))
            elif child[0] == "sort":
                sort = [self.key(k) for k in child[2] if k[0] == "key"]
            else:
                raise self.fail(f"<{child[0]}> in <{element[0]}>")
        if layout is None:
            raise ChronError(f"{self.where}: <{element[0]}> has no <layout>.")
        return Scope(layout, sort, dict(element[1]), self.mentions(element, "year-suffix", set()))

    def key(self, element: Node) -> SortKey:
        attrs = element[1]
        names = None
        if any(a in attrs for a in ("names-min", "names-use-first", "names-use-last")):
            names = (
                _int(attrs.get("names-min")),
                _int(attrs.get("names-use-first")),
                attrs.get("names-use-last") == "true",
            )
        descending = attrs.get("sort") == "descending"
        if attrs.get("macro"):
            return SortKey(macro=self.call({}, attrs["macro"]), descending=descending, names=names)
        variable = attrs.get("variable", "")
        if variable not in VARIABLES:
            raise self.fail(f"a sort key on the unknown variable {variable!r}")
        return SortKey(variable=variable, descending=descending, names=names)

    def call(self, attrs: dict[str, str], name: str) -> TextMacro:
        """A ``<text macro>``: its elements are built the first time it renders."""
        if name not in self.macro_xml:
            raise ChronError(f"{self.where} calls the macro {name!r}, which it does not define.")
        return TextMacro(attrs, name, self.macro)

    def macro(self, name: str) -> list[Element]:
        found = self.macros.get(name)
        if found is None:
            if name in self.building:
                raise ChronError(f"{self.where}: the macro {name!r} calls itself.")
            self.building.add(name)
            found = self.macros[name] = self.children(self.macro_xml[name])
            self.building.discard(name)
        return found

    def mentions(self, element: Node, variable: str, seen: set[str]) -> bool:
        """Whether the element (through macros) has a ``<text variable=...>`` of ``variable``."""
        tag, attrs, children, _ = element
        if tag == "text" and attrs.get("variable") == variable:
            return True
        if tag == "text" and "macro" in attrs and attrs["macro"] not in seen:
            seen.add(attrs["macro"])
            found = self.macro_xml.get(attrs["macro"])
            if found is not None and self.mentions(found, variable, seen):
                return True
        return any(self.mentions(c, variable, seen) for c in children)

    def check_tree(self, element: Node) -> None:
        """Refuse, with the reason, anything in the style the processor does not implement."""
        tag, attrs, children, _ = element
        if tag in ("info", "locale"):
            return
        if tag in _ALLOWED:
            self.check(tag, attrs)
            if tag == "text" and "variable" in attrs and attrs["variable"] not in VARIABLES:
                raise self.fail(f"the variable {attrs['variable']!r}")
            if tag == "text" and "macro" in attrs and attrs["macro"] not in self.macro_xml:
                raise ChronError(f"{self.where} calls the macro {attrs['macro']!r}, which it does not define.")
            if tag == "names":
                for variable in attrs.get("variable", "").split():
                    if variable not in VARIABLES:
                        raise self.fail(f"the name variable {variable!r}")
        elif tag in ("if", "else-if"):
            unknown = set(attrs) - _CONDITIONS
            if unknown:
                raise self.fail(f'the condition {sorted(unknown)[0]}="{attrs[sorted(unknown)[0]]}"')
        elif tag not in _CONTAINERS:
            raise self.fail(f"<{tag}>")
        for child in children:
            self.check_tree(child)

    def children(self, element: Node) -> list[Element]:
        return [self.node(c) for c in element[2]]

    def check(self, tag: str, attrs: dict[str, str]) -> None:
        unknown = set(attrs) - _ALLOWED.get(tag, set())
        if unknown:
            raise self.fail(f'the attribute {sorted(unknown)[0]}="{attrs[sorted(unknown)[0]]}" on <{tag}>')
        case = attrs.get("text-case")
        if case and case not in TEXT_CASES:
            raise self.fail(f'text-case="{case}"')

    def node(self, element: Node) -> Element:
        tag, attrs, children, _ = element
        if tag == "text":
            if "variable" in attrs:
                return TextVariable(attrs)
            if "macro" in attrs:
                return self.call(attrs, attrs["macro"])
            if "term" in attrs:
                return TextTerm(attrs)
            if "value" in attrs:
                return TextValue(attrs)
            raise ChronError(f"{self.where}: a <text> needs a variable, macro, term or value.")
        if tag == "group":
            return Group(attrs, self.children(element))
        if tag == "choose":
            return self.choose(element)
        if tag == "number":
            return Number(attrs)
        if tag == "label":
            return Label(attrs)
        if tag == "date":
            return DateElement(attrs, [DatePart(p[1]) for p in children if p[0] == "date-part"])
        if tag == "names":
            return self.names(element)
        raise self.fail(f"<{tag}>")

    def choose(self, element: Node) -> Choose:
        branches: list[tuple[Condition | None, list[Element]]] = []
        for child in element[2]:
            if child[0] in ("if", "else-if"):
                branches.append((Condition(child[1]), self.children(child)))
            elif child[0] == "else":
                branches.append((None, self.children(child)))
            else:
                raise self.fail(f"<{child[0]}> in <choose>")
        return Choose(branches)

    def names(self, element: Node) -> Names:
        name = et_al = label = None
        substitute = None
        label_after = False
        for tag, attrs, children, _ in element[2]:
            if tag == "name":
                parts = {p[1].get("name", ""): dict(p[1]) for p in children if p[0] == "name-part"}
                name = NameSpec(dict(attrs), parts)
            elif tag == "et-al":
                et_al = EtAl(dict(attrs))
            elif tag == "label":
                label = Label(dict(attrs))
                label_after = name is not None
            elif tag == "substitute":
                substitute = [self.node(c) for c in children]
            else:
                raise self.fail(f"<{tag}> in <names>")
        return Names(element[1], name, et_al, label, label_after, substitute)


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
