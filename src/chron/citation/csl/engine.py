"""The CSL processor: a document's citations and a bibliography, from a style, a locale and items (pure).

``Processor.document`` renders citations in order as one document: it gives each cite its
position (first, subsequent, ibid, ibid with locator, as citeproc-js decides them from the
note numbers), disambiguates the cited items, sorts the cites of a citation, groups and
collapses them (``collapse="year"``, ``"citation-number"``), and joins them inside the layout's
affixes. ``Processor.bibliography`` sorts entries, places year suffixes and replaces a repeated
author (``subsequent-author-substitute``). The result is ``Styled`` text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from chron.citation.csl import disambig, sort
from chron.citation.csl.env import FIRST, IBID, IBID_WITH_LOCATOR, SUBSEQUENT, Disambiguation, Env
from chron.citation.csl.item import Item, Name
from chron.citation.csl.locale import Locale
from chron.citation.csl.names import Names
from chron.citation.csl.output import Leaf, Out, Text, flatten
from chron.citation.csl.render import Choose, Element, Group
from chron.citation.csl.richtext import parse
from chron.citation.csl.style import SortKey, Style
from chron.citation.text import Styled


@dataclass(frozen=True, slots=True)
class CiteItem:
    """One item cited: where in it, with what words before and after."""

    id: str
    locator: str = ""
    label: str = ""
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    position: int | None = None
    """A position to use instead of the one the document gives (chron's --short and --full)."""


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation: a footnote (``note`` its number) or a parenthesis (``note`` 0)."""

    items: tuple[CiteItem, ...]
    note: int = 0


class Processor:
    """A style and a locale over a set of items."""

    def __init__(self, style: Style, locale: Locale, items: Iterable[Item] | Mapping[str, Item]) -> None:
        self.style = style
        self.locale = locale
        self.items: Mapping[str, Item] = items if isinstance(items, Mapping) else {item.id: item for item in items}
        self._orders: dict[tuple[str, ...], list[str]] = {}
        self._seq: dict[str, int] = {}
        # Renderings that depend only on an item's content (not its id) and the disambiguation
        # state, kept for the run: a document citing many works alike (a bibliography of
        # reprints, a generated dataset) renders each kind once, not once per work and step.
        self._content: dict[str, str] = {}
        self._keys: dict[tuple[str, tuple[object, ...]], tuple[str, list[tuple[str, tuple[Name, ...], int]]]] = {}
        self._bib_values: dict[str, list[sort.Value | None]] = {}
        self._documents: dict[tuple[object, ...], Styled] = {}
        self._has_entry: dict[tuple[str, bool], bool] = {}
        self._note_numbers = _mentions(style, "first-reference-note-number")
        self.entries_need_disambiguation = style.citation.options.get("disambiguate-add-year-suffix") == "true"
        """Of what disambiguation decides, an entry prints only the year suffix: a style that adds
        none prints every bibliography entry alike whatever the cites need, so its bibliography
        needs no disambiguation."""
        self._names_below: dict[int, bool] = {}

    # -------------------------------------------------------------- single renderings

    def env(self, item: Item, **kw: object) -> Env:
        return Env(self.style, self.locale, item, **kw)  # type: ignore[arg-type]  # keywords of Env

    def styled(self, out: Out | None) -> Styled:
        return flatten(out, self.locale.quotes, self.locale.punctuation_in_quote, self.style.note)

    def _signature(self, item: Item) -> str:
        """What an item's renderings depend on: everything but its id."""
        found = self._content.get(item.id)
        if found is None:
            found = self._content[item.id] = repr(
                (
                    item.type,
                    item.markup,
                    sorted(item.vars.items()),
                    sorted(item.names.items()),
                    sorted(item.dates.items()),
                )
            )
        return found

    def _key(self, item: Item, dis: Disambiguation) -> tuple[str, list[tuple[str, tuple[Name, ...], int]]]:
        state = (
            dis.add_names,
            tuple((k, tuple(v)) for k, v in sorted(dis.givens.items())),
            dis.condition,
            dis.year_suffix,
        )
        memo = (self._signature(item), state)
        found = self._keys.get(memo)
        if found is None:
            env = self.env(item, position=SUBSEQUENT, dis=dis)
            env.name_log = []
            out = self.style.citation.layout.render_item(env)
            found = self._keys[memo] = (out.plain() if out else "", env.name_log)
        return found[0], list(found[1])

    def disambiguation(self, ids: Sequence[str]) -> dict[str, Disambiguation]:
        """What each of the items needs to be told apart from the others when all are cited."""
        items = [self.items[i] for i in dict.fromkeys(ids)]
        return disambig.disambiguate(items, self._key, self.style.citation.options, self.order(ids), self._looked_at)

    def _looked_at(self, item: Item) -> list[str]:
        """The name variables the citation layout reaches for the item, substitutes included."""
        env = self.env(item, position=SUBSEQUENT)
        found: dict[str, None] = {}
        _reach(env, self.style.citation.layout.children, found, set(), self._names_below)
        return list(found)

    def _bib_sort_values(self, item: Item, keys: Sequence[SortKey]) -> list[sort.Value | None]:
        """The item's values of the bibliography's sort keys, shared by every sort of the run
        for each content (each value is computed the first time a sort needs it)."""
        sig = self._signature(item)
        found = self._bib_values.get(sig)
        if found is None:
            found = self._bib_values[sig] = [None] * len(keys)
        return found

    def order(self, ids: Sequence[str]) -> list[str]:
        """The items in bibliography order (as cited, when the style sorts no bibliography)."""
        unique = tuple(dict.fromkeys(ids))
        found = self._orders.get(unique)
        if found is None:
            scope = self.style.bibliography
            items = [self.items[i] for i in unique]
            if scope is None or not scope.sort:
                found = list(unique)
            else:
                make = lambda it: self.env(it, bib=True)  # noqa: E731  (one line, passed twice)
                rows = [self._bib_sort_values(it, scope.sort) for it in items]
                values = sort.Values(scope.sort, items, make, rows)
                found = [unique[k] for k in sort.order(self.style, scope.sort, items, make, found=values)]
            self._orders[unique] = found
        return found

    # -------------------------------------------------------------- citations

    def document(self, citations: Sequence[Citation], dis: dict[str, Disambiguation] | None = None) -> list[Styled]:
        """Every citation of a document, rendered in order (positions follow the order given)."""
        ids = [c.id for citation in citations for c in citation.items if c.id in self.items]
        if dis is None:
            dis = self.disambiguation(ids)
        memo = self._memo(citations, dis)
        if memo is not None:
            found = self._documents.get(memo)
            if found is None:
                found = self._documents[memo] = self._document(citations, dis, ids)[0]
            return [Styled(list(found.parts))]
        return self._document(citations, dis, ids)

    def _memo(self, citations: Sequence[Citation], dis: dict[str, Disambiguation]) -> tuple[object, ...] | None:
        """What a document of one citation prints depends on, when its cites all have positions
        of their own: each cite but its id (its item's content instead), their disambiguation, and
        the note number where the style prints it. None for any other document."""
        if len(citations) != 1 or any(c.position is None for c in citations[0].items):
            return None
        citation = citations[0]
        cites = []
        for c in citation.items:
            item = self.items.get(c.id)
            found = dis.get(c.id)
            state = None
            if found is not None:
                givens = tuple((k, tuple(v)) for k, v in sorted(found.givens.items()))
                state = (found.add_names, givens, found.condition, found.year_suffix)
            content = self._signature(item) if item is not None else None
            cites.append((content, c.locator, c.label, c.prefix, c.suffix, c.suppress_author, c.position, state))
        note = citation.note if self._note_numbers else bool(citation.note)
        return (note, tuple(cites))

    def _document(self, citations: Sequence[Citation], dis: dict[str, Disambiguation], ids: list[str]) -> list[Styled]:
        numbers = {i: n + 1 for n, i in enumerate(self.order(ids))}
        self._seq = {i: n for n, i in enumerate(dict.fromkeys(ids))}
        sorted_citations = [self._sorted(c, dis) for c in citations]
        places = positions(sorted_citations)
        first_notes: dict[str, int] = {}
        out = []
        for citation, where in zip(sorted_citations, places, strict=True):
            for cite in citation.items:
                first_notes.setdefault(cite.id, citation.note)
            out.append(self._citation(citation, where, dis, first_notes, numbers))
        return out

    def _sorted(self, citation: Citation, dis: dict[str, Disambiguation]) -> Citation:
        """The cites in the style's citation order. An in-text style that collapses sorts as
        citeproc-js does: by the names printed first, each author's cites then taking the place of
        the author's first; ties go by the order the items were first cited."""
        keys = self.style.citation.sort
        known = [c for c in citation.items if c.id in self.items]
        if not keys or len(known) < 2:
            return Citation(tuple(known), citation.note)
        items = [self.items[c.id] for c in known]
        make = lambda it: self.env(it)  # noqa: E731  (one line, passed twice)
        if self.style.note or not self.style.citation.options.get("collapse"):
            ranks = sort.order(self.style, keys, items, make, tie=self._seq)
            return Citation(tuple(known[k] for k in ranks), citation.note)
        authors: list[sort.Value] = []
        for item in items:
            name = self._author(item, dis.get(item.id))
            authors.append((0, sort.collate(name)) if name else (1, ()))
        values = sort.Values(keys, items, make)
        first = sort.order(self.style, keys, items, make, tie=self._seq, lead=[[a] for a in authors], found=values)
        lead: list[list[sort.Value]] = [[] for _ in items]
        leader = -1
        for i, k in enumerate(first):
            if leader < 0 or authors[k] != authors[first[leader]]:
                leader = i
            head = values.get(first[leader], 0)
            lead[k] = [(head[0], (*head[1], i))]
        ranks = sort.order(self.style, keys, items, make, tie=self._seq, lead=lead, found=values)
        return Citation(tuple(known[k] for k in ranks), citation.note)

    def _author(self, item: Item, dis: Disambiguation | None) -> str:
        """The names a cite of the item prints first ("" when it prints none, or a title instead)."""
        env = self.env(item, position=SUBSEQUENT, dis=dis)
        self.style.citation.layout.render_item(env)
        return env.first_names.plain() if env.first_names is not None and env.first_is_names else ""

    def _citation(
        self,
        citation: Citation,
        places: list[int],
        dis: dict[str, Disambiguation],
        first_notes: dict[str, int],
        numbers: dict[str, int],
    ) -> Styled:
        layout = self.style.citation.layout
        rendered: list[tuple[CiteItem, Out, str | None, Out | None, bool]] = []
        for cite, place in zip(citation.items, places, strict=True):
            item = self.items[cite.id]
            position = cite.position if cite.position is not None else place
            cite_vars = {
                "first-reference-note-number": str(first_notes.get(cite.id, "")),
                "citation-number": str(numbers[cite.id]),
            }
            if not citation.note:
                cite_vars.pop("first-reference-note-number")
            context: dict[str, object] = {
                "position": position,
                "locator": cite.locator,
                "label": cite.label,
                "dis": dis.get(cite.id),
                "cite_vars": cite_vars,
            }
            env = self.env(item, **context)
            env.skip_names = cite.suppress_author
            out = layout.render_item(env)
            if out is None:
                if cite.suppress_author:
                    continue
                out = _fallback(item)
            # cites are grouped by the names they print (None: a title stands in for them, which
            # citeproc-js never groups; "": no names at all, which joins the cite before)
            names: str | None = ""
            if env.first_names is not None:
                names = env.first_names.plain() if env.first_is_names else None
            short = None
            dated = env.year_slot
            if self.style.citation.options.get("collapse", "").startswith("year") and not cite.suppress_author:
                again = self.env(item, **context)  # the same cite again, rendered without its names
                again.skip_names = True
                short = layout.render_item(again)
                dated = again.year_slot
            rendered.append((cite, out, names, short, dated))
        if not rendered:
            return Styled()
        kids = self._grouped(rendered)
        return self.styled(Out(kids, layout.prefix, layout.suffix, "", layout.fmt))

    def _grouped(self, rendered: list[tuple[CiteItem, Out, str | None, Out | None, bool]]) -> list[Out | Leaf]:
        """The cites joined: grouped by their names and collapsed where the style asks."""
        options = self.style.citation.options
        delimiter = self.style.citation.layout.delimiter
        collapse = options.get("collapse", "")
        grouping = bool(collapse.startswith("year") or options.get("cite-group-delimiter"))
        order: list[list[int]] = []
        if grouping:  # citeproc-js groups neighbours only
            last: str | None = None
            for k, (_, _, names, _, _) in enumerate(rendered):
                if order and (names == "" or (names is not None and names == last)):
                    order[-1].append(k)
                else:
                    order.append([k])
                if names != "":
                    last = names
        else:
            order = [[k] for k in range(len(rendered))]
        group_delim = options.get("cite-group-delimiter", ", ")
        after = options.get("after-collapse-delimiter", delimiter)
        kids: list[Out | Leaf] = []
        for g, members in enumerate(order):
            if g:
                previous = order[g - 1]
                kids.append(Text(after if len(previous) > 1 and collapse else delimiter))
            for m, k in enumerate(members):
                cite, out, _, short, dated = rendered[k]
                if m:  # a cite that prints no date or year suffix is not collapsed: it stands whole
                    kids.append(Text(group_delim if collapse and dated else delimiter))
                    if collapse and dated and short is not None:
                        out = short
                kids.append(_with_affixes(cite, out, self.locale, self.items[cite.id].markup))
        return kids

    # -------------------------------------------------------------- the bibliography

    def bibliography_ids(self, ids: Sequence[str], dis: dict[str, Disambiguation]) -> list[str]:
        """The ids ``bibliography`` would give entries for, in its order, without making the
        entries: whether an item prints anything depends on its content and on whether it has a
        year suffix, not on its number or on the names before it."""
        scope = self.style.bibliography
        if scope is None:
            return []
        out = []
        for i in self.order([i for i in ids if i in self.items]):
            found = dis.get(i)
            memo = (self._signature(self.items[i]), bool(found and found.year_suffix))
            has = self._has_entry.get(memo)
            if has is None:
                env = self.env(
                    self.items[i], bib=True, dis=Disambiguation(year_suffix=found.year_suffix) if found else None
                )
                env.cite_vars = {"citation-number": "1"}
                env.name_log = []
                has = self._has_entry[memo] = scope.layout.render_item(env) is not None
            if has:
                out.append(i)
        return out

    def bibliography(
        self, ids: Sequence[str] | None = None, dis: dict[str, Disambiguation] | None = None
    ) -> list[tuple[str, Styled]]:
        """The entries of the items (all, without ``ids``) in the style's order; items the style
        prints nothing for are left out."""
        scope = self.style.bibliography
        if scope is None:
            return []
        ids = list(self.items) if ids is None else [i for i in ids if i in self.items]
        if dis is None:
            dis = self.disambiguation(ids) if self.entries_need_disambiguation else {}
        order = self.order(ids)
        numbers = {i: n + 1 for n, i in enumerate(order)}
        rule = scope.options.get("subsequent-author-substitute-rule", "complete-all")
        substitute = scope.options.get("subsequent-author-substitute")
        previous: tuple[str, tuple[Name, ...]] | None = None
        entries = []
        for i in order:
            found = dis.get(i)
            env = self.env(
                self.items[i], bib=True, dis=Disambiguation(year_suffix=found.year_suffix) if found else None
            )
            env.cite_vars = {"citation-number": str(numbers[i])}
            env.name_log = []
            out = scope.layout.render_item(env)
            if out is None:
                continue
            if substitute is not None:
                if env.first_names is None:
                    previous = None
                else:
                    names = env.name_log[0][1] if env.name_log else ()
                    current = (env.first_names.plain(), names)
                    if previous is not None:
                        _substitute(env.first_names, current, previous, substitute, rule)
                    previous = current
            out = Out([out], scope.layout.prefix, scope.layout.suffix, "", scope.layout.fmt)
            entries.append((i, self.styled(out)))
        return entries


def _fallback(item: Item) -> Out:
    """What a cite prints when the style prints nothing for its item (citeproc-js prints an error
    text): the item's title, or the periodical it appeared in, in italics."""
    if item.vars.get("title"):
        return Out([Text(item.vars.get("title-short") or item.vars["title"])])
    name = item.vars.get("container-title") or item.id
    return Out([Text(name)], fmt=(("font-style", "italic"),))


def _with_affixes(cite: CiteItem, out: Out, locale: Locale, markup: bool = True) -> Out:
    if not cite.prefix and not cite.suffix:
        return out
    outer, inner = locale.quotes[0][0], locale.quotes[1][0]
    kids: list[Out | Leaf] = []
    prefix, suffix = cite.prefix, cite.suffix
    if prefix and not prefix[-1].isspace() and prefix[-1] not in "([{":
        prefix += " "
    if suffix and not suffix[0].isspace() and suffix[0] not in ",.;:!?)]}":
        suffix = " " + suffix
    if prefix:
        kids.extend(parse(prefix, outer, inner, markup))
    kids.append(out)
    if suffix:
        kids.extend(parse(suffix, outer, inner, markup))
    return Out(kids)


def _substitute(
    out: Out, current: tuple[str, tuple[Name, ...]], previous: tuple[str, tuple[Name, ...]], text: str, rule: str
) -> None:
    """Replace a repeated author in ``out`` (the entry's first names, or what stood in for them) by ``text``."""
    printed, names = current
    same = [a.key() == b.key() for a, b in zip(names, previous[1], strict=False)]
    if rule in ("complete-all", "complete-each") or not names:
        if printed != previous[0]:
            return
        if rule == "complete-all" or not names:
            while len(out.kids) == 1 and isinstance(out.kids[0], Out):
                out = out.kids[0]
            out.kids = [Text(text)] if text else []
            return
    elif not (same and same[0]):
        return
    n = 0
    for k, kid in enumerate(out.kids):
        if isinstance(kid, Out):
            if rule == "complete-each" or (n < len(same) and all(same[: n + 1]) and (rule == "partial-each" or n == 0)):
                out.kids[k] = Out([Text(text)])
            n += 1


def positions(citations: Sequence[Citation], seen: set[str] | None = None) -> list[list[int]]:
    """Each cite's position, as citeproc-js assigns them (see the CSL specification's ``position``);
    ``seen``: items cited before the first of these citations."""
    per_note: dict[int, int] = {}
    for c in citations:
        per_note[c.note] = per_note.get(c.note, 0) + 1
    seen = set(seen or ())
    out: list[list[int]] = []
    for j, citation in enumerate(citations):
        places = []
        for k, cite in enumerate(citation.items):
            if cite.id not in seen:
                places.append(FIRST)
                seen.add(cite.id)
                continue
            prev: CiteItem | None = None
            if k > 0:
                prev = citation.items[k - 1]
            elif j > 0:
                before = citations[j - 1]
                if before.items:
                    if before.note != citation.note:
                        near = before.note >= citation.note - 1
                        alone = per_note.get(before.note, 0) == 1 or before.note == 0
                        single = len(before.items) == 1
                        prev = before.items[0] if near and alone and single else None
                    elif before.items[-1].id == cite.id:
                        prev = before.items[0]  # citeproc-js compares the locator of the first
                        if prev.id != cite.id:
                            prev = CiteItem(cite.id, prev.locator, prev.label)
            if prev is None or prev.id != cite.id:
                places.append(SUBSEQUENT)
                continue
            had = prev.locator + prev.label if prev.locator else ""
            has = cite.locator + cite.label if cite.locator else ""
            if had and not has:
                places.append(SUBSEQUENT)
            elif had == has:
                places.append(IBID)
            else:
                places.append(IBID_WITH_LOCATOR)
        out.append(places)
    return out


def _reach(
    env: Env, elements: Sequence[Element], found: dict[str, None], seen: set[int], below: dict[int, bool]
) -> None:
    """The name variables of every ``cs:names`` the elements reach for this item: choices are
    decided, every alternative of a substitute is looked at (as citeproc-js registers names).
    A group or choose with no ``cs:names`` anywhere inside is passed over (``below`` keeps, by
    element, whether it has one)."""
    for node in elements:
        if isinstance(node, Names):
            found.update(dict.fromkeys(node.variables))
            _reach(env, node.substitute or [], found, seen, below)
        elif isinstance(node, Group):
            if id(node) not in seen and _names_inside(node, below):
                seen.add(id(node))
                _reach(env, node.elements(), found, seen, below)
                seen.discard(id(node))
        elif isinstance(node, Choose) and _names_inside(node, below):
            for condition, children in node.branches:
                if condition is None or condition.test(env):
                    _reach(env, children, found, seen, below)
                    break


def _names_inside(node: Element, below: dict[int, bool]) -> bool:
    """Whether a ``cs:names`` is anywhere inside the element (through macros), kept in ``below``."""
    found = below.get(id(node))
    if found is None:
        below[id(node)] = False  # a macro that reaches itself again adds nothing
        if isinstance(node, Names):
            found = True
        elif isinstance(node, Group):
            found = any(_names_inside(c, below) for c in node.elements())
        elif isinstance(node, Choose):
            found = any(_names_inside(c, below) for _, children in node.branches for c in children)
        else:
            found = False
        below[id(node)] = found
    return found


def _mentions(root: object, word: str) -> bool:
    """Whether ``word`` appears in any string reachable from ``root`` (a parsed style: its
    elements, macros, options and terms)."""
    seen: set[int] = set()
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if word in node:
                return True
            continue
        if node is None or isinstance(node, (int, float, bool)) or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, (list, tuple, set, frozenset)):
            stack.extend(node)
        else:
            stack.extend(vars(node).values() if hasattr(node, "__dict__") else ())
            for cls in type(node).__mro__:
                slots = getattr(cls, "__slots__", ())
                names = (slots,) if isinstance(slots, str) else slots
                stack.extend(getattr(node, name, None) for name in names)
    return False
