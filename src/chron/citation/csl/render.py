"""The CSL rendering elements a style's layout is built of: text, group, choose, layout (pure).

Each element is an object made once when the style is read; ``render(env, acc)`` appends what
it prints for one item to ``acc`` (nothing, when it prints nothing). The specification's rules
live here: a group prints nothing when it calls variables and all of them are empty; a macro
behaves as a group; a choose hands its branch's output to the enclosing delimiter; affixes stay
outside the formatting, quotes, case and period stripping of their own element. Names, dates,
numbers and labels have their own modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from chron.citation.csl import numbers, richtext, textcase
from chron.citation.csl.env import FIRST, IBID, IBID_WITH_LOCATOR, POSITIONS, SUBSEQUENT, Env
from chron.citation.csl.item import NUMBER_VARIABLES
from chron.citation.csl.output import Formatting, Leaf, Out, Text

FORMATTING = ("font-style", "font-variant", "font-weight", "text-decoration", "vertical-align")


class Element:
    """What every rendering element may carry: affixes, formatting, quotes, text case, period stripping."""

    __slots__ = ("case", "fmt", "prefix", "quotes", "strip", "suffix")
    field = False
    """Whether the element prints an item's field (title case then applies to English items only)."""

    def __init__(self, attrs: dict[str, str]) -> None:
        self.prefix = attrs.get("prefix", "")
        self.suffix = attrs.get("suffix", "")
        self.fmt: Formatting = tuple((a, attrs[a]) for a in FORMATTING if a in attrs)
        self.case = attrs.get("text-case", "")
        self.quotes = attrs.get("quotes") == "true"
        self.strip = attrs.get("strip-periods") == "true"

    def render(self, env: Env, acc: list[Out]) -> None:
        raise NotImplementedError

    def wrap(self, env: Env, content: list[Out | Leaf], delim: str = "") -> Out:
        """The content inside this element's formatting and between its affixes."""
        if self.strip or self.case:
            content = _map_leaves(content, lambda leaves: self._transform(env, leaves))
        return Out(content, self.prefix, self.suffix, delim, self.fmt, self.quotes)

    def _transform(self, env: Env, leaves: list[Leaf]) -> list[Leaf]:
        if self.strip:
            leaves = textcase.strip_periods(leaves)
        if self.case and (self.case != "title" or env.english or not self.field):
            leaves = textcase.apply(leaves, self.case)
        return leaves


def _map_leaves(content: list[Out | Leaf], fn: Callable[[list[Leaf]], list[Leaf]]) -> list[Out | Leaf]:
    """The content with its leaves (in order, across nested output) replaced by ``fn`` of them."""
    leaves: list[Leaf] = []
    for kid in content:
        if isinstance(kid, Out):
            leaves.extend(kid.leaves())
        else:
            leaves.append(kid)
    new = iter(fn(leaves))

    def rebuild(kids: list[Out | Leaf]) -> list[Out | Leaf]:
        out: list[Out | Leaf] = []
        for kid in kids:
            if isinstance(kid, Out):
                out.append(Out(rebuild(kid.kids), kid.prefix, kid.suffix, kid.delim, kid.fmt, kid.quotes))
            else:
                out.append(next(new))
        return out

    return rebuild(content)


def field_leaves(env: Env, value: str, markup: bool | None = None) -> tuple[Leaf, ...]:
    """A field's text as leaves, its markup (if the item's values hold any, or ``markup`` says so)
    and quotation marks read."""
    quotes = env.locale.quotes
    return richtext.parse(value, quotes[0][0], quotes[1][0], env.item.markup if markup is None else markup)


# ------------------------------------------------------------------ text


class TextVariable(Element):
    __slots__ = ("form", "variable")
    field = True

    def __init__(self, attrs: dict[str, str]) -> None:
        super().__init__(attrs)
        self.variable = attrs["variable"]
        self.form = attrs.get("form", "long")

    def render(self, env: Env, acc: list[Out]) -> None:
        var = self.variable
        if var == "year-suffix":  # not a variable a group waits for (citeproc-js)
            env.suffix_done = env.year_slot = True
            value = env.dis.year_suffix
            if value:
                acc.append(self.wrap(env, [Text(value)]))
            return
        env.called += 1
        if var in env.suppressed:
            return
        if self.form == "short" and var in ("title", "container-title"):
            value = env.item.text(var, "short")
        else:
            value = env.value(var)
        if not value:
            return
        env.filled += 1
        env.mark(var)
        leaves: Sequence[Leaf]
        if var == "page":
            leaves = [Text(numbers.page_range(value, env))]
        elif var == "locator":
            leaves = [Text(numbers.locator_text(value, env))]
        elif var in ("URL", "DOI", "citation-number"):
            leaves = [Text(value)]
        elif var in NUMBER_VARIABLES and numbers.is_numeric(value):
            leaves = [Text(numbers.dashed(value, env))]
        elif var in NUMBER_VARIABLES and self.case and len(numbers.parts(value)) > 1:
            # citeproc-js cases each part of a number variable on its own ("Revised and Expanded")
            chunks = numbers.parts(value)
            cased = [textcase.apply([Text(c)], self.case) if k % 2 == 0 else [Text(c)] for k, c in enumerate(chunks)]
            out = Out([leaf for part in cased for leaf in part], self.prefix, self.suffix, "", self.fmt, self.quotes)
            acc.append(out)
            return
        else:
            leaves = field_leaves(env, value)
        acc.append(self.wrap(env, list(leaves)))


class TextTerm(Element):
    __slots__ = ("form", "plural", "term")

    def __init__(self, attrs: dict[str, str]) -> None:
        super().__init__(attrs)
        self.term = attrs["term"]
        self.form = attrs.get("form", "long")
        self.plural = attrs.get("plural") == "true"

    def render(self, env: Env, acc: list[Out]) -> None:
        value = env.locale.term(self.term, self.form, self.plural)
        if value:
            acc.append(self.wrap(env, [Text(value)]))


class TextValue(Element):
    __slots__ = ("value",)

    def __init__(self, attrs: dict[str, str]) -> None:
        super().__init__(attrs)
        self.value = attrs["value"]

    def render(self, env: Env, acc: list[Out]) -> None:
        if self.value:
            acc.append(self.wrap(env, list(field_leaves(env, self.value, markup=True))))


class Group(Element):
    """``cs:group``, and a called macro (which CSL processors treat as a group)."""

    __slots__ = ("children", "delimiter")
    field = True

    def __init__(self, attrs: dict[str, str], children: list[Element]) -> None:
        super().__init__(attrs)
        self.delimiter = attrs.get("delimiter", "")
        self.children = children

    def render(self, env: Env, acc: list[Out]) -> None:
        called, filled = env.called, env.filled
        env.called = env.filled = 0
        kids: list[Out] = []
        for child in self.children:
            child.render(env, kids)
        inner_called, inner_filled = env.called, env.filled
        env.called, env.filled = called, filled
        if not kids or (inner_called and not inner_filled):
            if inner_called:
                env.called += 1
            return
        env.called += 1
        env.filled += 1
        acc.append(self.wrap(env, kids, self.delimiter))  # type: ignore[arg-type]  # a list of Out is content

    def elements(self) -> list[Element]:
        return self.children


class TextMacro(Group):
    """``<text macro="...">``: the macro's elements, rendered as a group with this element's attributes;
    they are built from the style's XML the first time (most of a large style is never rendered)."""

    __slots__ = ("build", "macro")

    def __init__(self, attrs: dict[str, str], macro: str, build: Callable[[str], list[Element]]) -> None:
        super().__init__({k: v for k, v in attrs.items() if k != "delimiter"}, [])
        self.macro = macro
        self.build: Callable[[str], list[Element]] | None = build

    def elements(self) -> list[Element]:
        if self.build is not None:
            self.children = self.build(self.macro)
            self.build = None
        return self.children

    def render(self, env: Env, acc: list[Out]) -> None:
        if self.build is not None:
            self.elements()
        Group.render(self, env, acc)


# ------------------------------------------------------------------ numbers and labels


class Number(Element):
    """``cs:number``: a number variable, in its form when it is numeric, as written when it is not."""

    __slots__ = ("form", "variable")

    def __init__(self, attrs: dict[str, str]) -> None:
        super().__init__(attrs)
        self.variable = attrs["variable"]
        self.form = attrs.get("form", "numeric")

    def render(self, env: Env, acc: list[Out]) -> None:
        env.called += 1
        value = env.value(self.variable)
        if not value:
            return
        env.filled += 1
        env.mark(self.variable)
        if numbers.is_numeric(value):
            if self.variable == "page":
                value = numbers.page_range(value, env)
            elif self.variable == "locator":
                value = numbers.locator_text(value, env)
            gender = env.locale.gender(self.variable)
            acc.append(self.wrap(env, [Text(numbers.number_form(value, self.form, env, gender))]))
        else:
            acc.append(self.wrap(env, list(field_leaves(env, value))))


class Label(Element):
    """``cs:label``: the term for a number variable (or the locator's kind), singular or plural."""

    __slots__ = ("form", "plural", "variable")

    def __init__(self, attrs: dict[str, str]) -> None:
        super().__init__(attrs)
        self.variable = attrs.get("variable", "")
        self.form = attrs.get("form", "long")
        self.plural = attrs.get("plural", "contextual")

    def render(self, env: Env, acc: list[Out]) -> None:
        var = self.variable  # a label is printed even for a variable a substitution used up
        value = env.cite_vars.get(var) or (env.locator if var == "locator" else env.item.vars.get(var, ""))
        if not value:
            return
        term = env.label if self.variable == "locator" else _TERM_OF.get(self.variable, self.variable)
        plural = numbers.is_plural(value, var) if self.plural == "contextual" else self.plural == "always"
        text = env.locale.term(term, self.form, plural)
        if text:
            acc.append(self.wrap(env, [Text(text)]))


_TERM_OF = {"page-first": "page", "chapter-number": "chapter", "collection-number": "number"}


# ------------------------------------------------------------------ choose


class Condition:
    """The tests of one ``cs:if`` or ``cs:else-if`` and how they combine (all, any, none).

    The tests are compiled once, when the style is read, into one function per kind of test
    (type, variable, is-numeric...) that answers for all of that kind's values at once; a test
    reads the item and the cite and changes nothing, so the order they run in does not matter."""

    __slots__ = (
        "check",
        "checks",
        "disambiguate",
        "every",
        "is_numeric",
        "locators",
        "match",
        "positions",
        "types",
        "uncertain",
        "variables",
    )

    def __init__(self, attrs: dict[str, str]) -> None:
        self.match = attrs.get("match", "all")
        self.types = attrs.get("type", "").split()
        self.variables = attrs.get("variable", "").split()
        self.is_numeric = attrs.get("is-numeric", "").split()
        self.uncertain = attrs.get("is-uncertain-date", "").split()
        self.locators = attrs.get("locator", "").split()
        self.positions = [POSITIONS[p] for p in attrs.get("position", "").split() if p in POSITIONS]
        self.disambiguate = attrs.get("disambiguate") == "true"
        self.every = self.match not in ("any", "none")
        self.checks = self._compile()
        self.check = _combined(self.checks, self.match)

    def _compile(self) -> tuple[Callable[[Env], bool], ...]:
        """One function per kind of test: under ``any`` it tells whether any of its values passes,
        under ``all`` whether all do, under ``none`` whether any does (the caller negates)."""
        every = self.every
        pick = all if every else any
        checks: list[Callable[[Env], bool]] = []
        if self.types:
            kinds = frozenset(self.types)
            if every:
                one = self.types[0]
                checks.append(lambda env: len(kinds) == 1 and env.item.type == one)
            else:
                checks.append(lambda env: env.item.type in kinds)
        if self.variables:
            checks.append(_variables(tuple(self.variables), every))
        for values, one_test in (
            (self.is_numeric, _numeric),
            (self.uncertain, _uncertain),
            (self.locators, _locator),
            (self.positions, _position),
        ):
            if values:
                checks.append(_each(one_test, tuple(values), pick))
        if self.disambiguate:
            checks.append(lambda env: env.dis.condition)
        return tuple(checks)

    def test(self, env: Env) -> bool:
        return self.check(env)


def _combined(checks: tuple[Callable[[Env], bool], ...], match: str) -> Callable[[Env], bool]:
    """The checks as one test: all must pass, or any, or none (one check alone is called directly)."""
    if len(checks) == 1:
        check = checks[0]
        return (lambda env: not check(env)) if match == "none" else check
    if len(checks) == 2:
        a, b = checks
        if match == "any":
            return lambda env: a(env) or b(env)
        if match == "none":
            return lambda env: not (a(env) or b(env))
        return lambda env: a(env) and b(env)
    if match == "any":
        return lambda env: any(c(env) for c in checks)
    if match == "none":
        return lambda env: not any(c(env) for c in checks)
    return lambda env: all(c(env) for c in checks)


def _each(
    one_test: Callable[[Env, Any], bool], values: tuple[Any, ...], pick: Callable[[Iterable[bool]], bool]
) -> Callable[[Env], bool]:
    """A test of every value (all or any of them, as ``pick`` says); a lone value is tested directly."""
    if len(values) == 1:
        value = values[0]
        return lambda env: one_test(env, value)
    return lambda env: pick(one_test(env, v) for v in values)


def _has(env: Env, variable: str) -> bool:
    if variable in env.cite_vars or variable == "locator":
        return bool(env.value(variable))
    if variable == "year-suffix":
        return bool(env.dis.year_suffix)
    return env.item.has(variable)


def _variables(names: tuple[str, ...], every: bool) -> Callable[[Env], bool]:
    """The ``variable`` test: whether all (``every``) or any of the variables have a value; the
    item's own variables are looked up in place, the cite's (locator, note number...) through ``_has``."""
    if len(names) == 1:
        name = names[0]
        return lambda env: _has(env, name)

    def test(env: Env) -> bool:
        cite = env.cite_vars
        item = env.item
        for name in names:
            if name in cite or name == "locator" or name == "year-suffix":
                found = _has(env, name)
            else:
                found = name in item.vars or name in item.names or name in item.dates
            if found != every:
                return found
        return every

    return test


def _numeric(env: Env, variable: str) -> bool:
    return numbers.is_numeric(env.value(variable))


def _uncertain(env: Env, variable: str) -> bool:
    return bool((d := env.item.dates.get(variable)) and d.circa)


def _locator(env: Env, wanted: str) -> bool:
    return (env.label if env.locator else "") == wanted


def _position(env: Env, wanted: int) -> bool:
    if env.bib:
        return False
    pos = env.position
    if wanted == FIRST:
        return pos == FIRST
    if wanted == SUBSEQUENT:
        return pos != FIRST
    if wanted == IBID:
        return pos in (IBID, IBID_WITH_LOCATOR)
    return pos == IBID_WITH_LOCATOR


class Choose(Element):
    """``cs:choose``: the first branch whose condition holds. The leading branches that test only
    the item's type are decided at once, by a table from type to the branch that takes it."""

    __slots__ = ("branches", "by_type", "rest", "typed")

    def __init__(self, branches: list[tuple[Condition | None, list[Element]]]) -> None:
        super().__init__({})
        self.branches = branches
        self.typed = 0
        """How many leading branches test the type alone."""
        while self.typed < len(branches) and _type_only(branches[self.typed][0]):
            self.typed += 1
        self.by_type: dict[str, int] = {}
        """For each type a leading branch names, the first of them that takes it."""
        for k, (condition, _) in enumerate(branches[: self.typed]):
            assert condition is not None
            for kind in condition.types:
                if condition.every and len(set(condition.types)) > 1:
                    break  # an item has one type: "all" of two types never holds
                self.by_type.setdefault(kind, k)
        self.rest = branches[self.typed :]

    def branch(self, env: Env) -> list[Element]:
        """The elements of the first branch whose condition holds (none when none does)."""
        if self.typed:
            found = self.by_type.get(env.item.type)
            if found is not None:
                return self.branches[found][1]
        for condition, children in self.rest:
            if condition is None or condition.check(env):
                return children
        return []

    def render(self, env: Env, acc: list[Out]) -> None:
        for child in self.branch(env):
            child.render(env, acc)


def _type_only(condition: Condition | None) -> bool:
    """Whether the condition tests the item's type alone (any of its types, or all of them)."""
    if condition is None or condition.match == "none" or not condition.types:
        return False
    return len(condition.checks) == 1


class Layout(Element):
    """``cs:layout``: its elements for one item; its affixes and delimiter belong to the whole citation."""

    __slots__ = ("children", "delimiter")

    def __init__(self, attrs: dict[str, str], children: list[Element]) -> None:
        super().__init__(attrs)
        self.delimiter = attrs.get("delimiter", "")
        self.children = children

    def render_item(self, env: Env) -> Out | None:
        kids: list[Out] = []
        for child in self.children:
            child.render(env, kids)
        return Out(list(kids)) if kids else None
