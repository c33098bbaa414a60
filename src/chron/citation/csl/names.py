"""``cs:names``: name lists with et-al, "and", initials, particles, labels and substitution (pure).

The name options a style may set on ``cs:style``, ``cs:citation`` or ``cs:bibliography`` are
inherited by each ``cs:name``; a ``NameSpec`` resolves them once per scope. A name is printed
long or short, inverted or not, its given names initialised as the style asks or as
disambiguation raised them (level 1: initials, level 2: full given names); names of items tagged
hu or vi (languages that write the family name first) keep that order, as citeproc-js prints them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from chron.citation.csl.env import FIRST, Env
from chron.citation.csl.item import Name
from chron.citation.csl.output import Formatting, Leaf, Out, Text
from chron.citation.csl.render import FORMATTING, Choose, Element

INHERITABLE = (
    "and",
    "delimiter-precedes-et-al",
    "delimiter-precedes-last",
    "et-al-min",
    "et-al-use-first",
    "et-al-use-last",
    "et-al-subsequent-min",
    "et-al-subsequent-use-first",
    "initialize",
    "initialize-with",
    "name-as-sort-order",
    "sort-separator",
    "name-form",
    "name-delimiter",
    "names-delimiter",
)


@dataclass(frozen=True, slots=True)
class NameOptions:
    """A ``cs:name``'s options once inheritance is resolved."""

    and_: str
    delimiter: str
    dp_et_al: str
    dp_last: str
    et_al_min: int
    et_al_use_first: int
    et_al_use_last: bool
    et_al_sub_min: int
    et_al_sub_use_first: int
    form: str
    initialize: bool
    initialize_with: str | None
    sort_order: str
    sort_separator: str


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


class NameSpec:
    """``cs:name``: its own attributes, its name-part formatting, and its options per scope."""

    __slots__ = ("attrs", "fmt", "parts", "prefix", "resolved", "suffix")

    def __init__(self, attrs: dict[str, str], parts: dict[str, dict[str, str]]) -> None:
        self.attrs = attrs
        self.parts = parts
        self.prefix = attrs.get("prefix", "")
        self.suffix = attrs.get("suffix", "")
        self.fmt: Formatting = tuple((a, attrs[a]) for a in FORMATTING if a in attrs)
        self.resolved: dict[bool, NameOptions] = {}

    def options(self, env: Env) -> NameOptions:
        found = self.resolved.get(env.bib)
        if found is None:
            inherited = env.style.name_options(env.bib)
            a = {**inherited, **self.attrs}
            found = NameOptions(
                and_=a.get("and", ""),
                delimiter=self.attrs.get("delimiter", inherited.get("name-delimiter", ", ")),
                dp_et_al=a.get("delimiter-precedes-et-al", "contextual"),
                dp_last=a.get("delimiter-precedes-last", "contextual"),
                et_al_min=_int(a.get("et-al-min")),
                et_al_use_first=_int(a.get("et-al-use-first")),
                et_al_use_last=a.get("et-al-use-last") == "true",
                et_al_sub_min=_int(a.get("et-al-subsequent-min")),
                et_al_sub_use_first=_int(a.get("et-al-subsequent-use-first")),
                form=self.attrs.get("form", inherited.get("name-form", "long")),
                initialize=a.get("initialize", "true") != "false",
                initialize_with=a.get("initialize-with"),
                sort_order=a.get("name-as-sort-order", ""),
                sort_separator=a.get("sort-separator", ", "),
            )
            self.resolved[env.bib] = found
        return found


class EtAl:
    __slots__ = ("fmt", "prefix", "suffix", "term")

    def __init__(self, attrs: dict[str, str]) -> None:
        self.term = attrs.get("term", "et-al")
        self.fmt: Formatting = tuple((a, attrs[a]) for a in FORMATTING if a in attrs)
        self.prefix = attrs.get("prefix", "")
        self.suffix = attrs.get("suffix", "")


class Names(Element):
    __slots__ = ("after", "delimiter", "et_al", "label", "name", "substitute", "variables")

    def __init__(
        self,
        attrs: dict[str, str],
        name: NameSpec | None,
        et_al: EtAl | None,
        label: Element | None,
        label_after: bool,
        substitute: list[Element] | None,
    ) -> None:
        super().__init__(attrs)
        self.variables = attrs.get("variable", "").split()
        self.delimiter = attrs.get("delimiter")
        self.name = name
        self.et_al = et_al
        self.label = label
        self.after = label_after
        self.substitute = substitute

    @property
    def shorthand(self) -> bool:
        return self.name is None and self.et_al is None and self.label is None and self.substitute is None

    def render(self, env: Env, acc: list[Out]) -> None:
        like = env.substituting
        if like is not None:  # inside a substitution: a bare <names> takes the substituted one's form
            self.render_as(env, acc, like if self.shorthand else self, substituting=True)
            return
        first = env.first_names is None
        found: list[Out] = []
        env.last_list = None
        self.render_as(env, found, self)
        if not found:
            return
        if first:
            env.first_names = env.last_list or found[0]
            env.first_is_names = env.last_is_names
            if env.skip_names:
                return
        acc.extend(found)

    def render_as(self, env: Env, acc: list[Out], like: Names, substituting: bool = False) -> None:
        """Render these variables with ``like``'s name, et-al and label (a substitute inherits them)."""
        env.called += 1
        present = [(v, env.item.names[v]) for v in self.variables if v not in env.suppressed and v in env.item.names]
        if not present:
            if like.substitute and not substituting:
                self._substitute(env, acc, like)
            return
        env.filled += 1
        pair = len(present) == 2 and {v for v, _ in present} == {"editor", "translator"}
        if pair and [n.key() for n in present[0][1]] == [n.key() for n in present[1][1]]:
            present = [("editortranslator", present[0][1])]
        spec = like.name or _DEFAULT_NAME
        opts = spec.options(env)
        if opts.form == "count" or (env.sorting and like.name is not None and like.name.attrs.get("form") == "count"):
            count = sum(min(len(names), _shown(env, opts, len(names))) for _, names in present)
            acc.append(Out([Text(str(count))]))
            return
        outs: list[Out | Leaf] = []
        for var, names in present:
            for used in ("editor", "translator") if var == "editortranslator" else (var,):
                env.mark(used)
            listed = _name_list(env, var, names, opts, spec, like.et_al)
            if env.last_list is None:
                env.last_list = listed
                env.last_is_names = True
            if like.label is not None and not env.sorting:
                label = _label(env, like.label, var, names)
                if label is not None:
                    listed = Out([listed, label] if like.after else [label, listed])
            outs.append(listed)
        if env.name_log is not None:
            for var, names in present:
                env.name_log.append((var, names, min(len(names), _shown(env, opts, len(names)))))
        delimiter = (
            self.delimiter if self.delimiter is not None else env.style.name_options(env.bib).get("names-delimiter", "")
        )
        acc.append(self.wrap(env, outs, delimiter))

    def _substitute(self, env: Env, acc: list[Out], like: Names) -> None:
        assert like.substitute is not None
        for child in _candidates(env, like.substitute):
            mark = len(env.rendered)
            found: list[Out] = []
            outer, env.substituting = env.substituting, like
            try:
                child.render(env, found)
            finally:
                env.substituting = outer
            if found:
                env.suppressed.update(env.rendered[mark:])
                env.filled += 1
                wrapped = self.wrap(env, list(found))
                if env.last_list is None:  # a substitute that printed names keeps its list
                    env.last_list = wrapped
                    env.last_is_names = False
                acc.append(wrapped)
                return


def _candidates(env: Env, children: list[Element]) -> Iterator[Element]:
    """The elements a substitution tries in turn: a choose stands for the elements of its branch."""
    for child in children:
        if isinstance(child, Choose):
            for condition, branch in child.branches:
                if condition is None or condition.test(env):
                    yield from _candidates(env, branch)
                    break
        else:
            yield child


_DEFAULT_NAME = NameSpec({}, {})


def _shown(env: Env, opts: NameOptions, count: int) -> int:
    """How many names of ``count`` are printed before "et al."."""
    et_min, use_first = opts.et_al_min, opts.et_al_use_first
    if env.position != FIRST and not env.bib and opts.et_al_sub_min:
        et_min, use_first = opts.et_al_sub_min, opts.et_al_sub_use_first
    if env.sorting and env.sort_names is not None:
        et_min = env.sort_names[0] or et_min
        use_first = env.sort_names[1] or use_first
    shown = use_first if et_min and use_first and count >= et_min else count
    return min(count, shown + env.dis.add_names)


def _label(env: Env, label: Element, var: str, names: tuple[Name, ...]) -> Out | None:
    form = getattr(label, "form", "long")
    plural = getattr(label, "plural", "contextual")
    many = len(names) > 1 if plural == "contextual" else plural == "always"
    text = env.locale.term(var, form, many)
    return label.wrap(env, [Text(text)]) if text else None


def _name_list(
    env: Env, var: str, names: tuple[Name, ...], opts: NameOptions, spec: NameSpec, et_al: EtAl | None
) -> Out:
    count = len(names)
    shown = _shown(env, opts, count)
    levels = env.dis.givens.get(var, [])
    rendered = [_name(env, names[i], i, opts, spec, levels[i] if i < len(levels) else 0) for i in range(shown)]
    inverted = [_inverted(env, opts, i) and names[i].personal for i in range(shown)]
    delim = opts.delimiter
    kids: list[Out | Leaf] = []
    truncated = shown < count
    for i, name in enumerate(rendered):
        if i:
            last = i == shown - 1 and not truncated
            if last and opts.and_:
                word = "&" if opts.and_ == "symbol" else env.locale.term("and")
                use = _use_delim(opts.dp_last, shown, inverted[i - 1], 3)
                kids.append(Text(f"{delim if use else ' '}{word} "))
            else:
                kids.append(Text(delim))
        kids.append(name)
    if truncated and not env.sorting:
        if opts.et_al_use_last and count >= shown + 2:
            kids.append(Text(f"{delim}… "))
            kids.append(_name(env, names[-1], count - 1, opts, spec, 0))
        else:
            term = env.locale.term(et_al.term if et_al else "et-al")
            if term:
                use = _use_delim(opts.dp_et_al, shown, inverted[-1] if inverted else False, 2)
                kids.append(Text(delim if use else " "))
                if et_al is not None:
                    kids.append(Out([Text(term)], et_al.prefix, et_al.suffix, fmt=et_al.fmt))
                else:
                    kids.append(Text(term))
    return Out(kids, spec.prefix, spec.suffix, fmt=spec.fmt)


def _use_delim(rule: str, shown: int, after_inverted: bool, threshold: int) -> bool:
    """Whether the name delimiter comes before "and" (threshold 3) or "et al." (threshold 2)."""
    if rule == "always":
        return True
    if rule == "never":
        return False
    if rule == "after-inverted-name":
        return after_inverted
    return shown >= threshold


def _inverted(env: Env, opts: NameOptions, i: int) -> bool:
    return env.sorting or opts.sort_order == "all" or (opts.sort_order == "first" and i == 0)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _family(name: Name, with_particle: bool) -> str:
    if not with_particle or not name.non_dropping:
        return name.family
    joint = "" if name.non_dropping[-1:] in ("'", "’", "-") else " "
    return name.non_dropping + joint + name.family


def _name(env: Env, name: Name, i: int, opts: NameOptions, spec: NameSpec, level: int) -> Out:
    if not name.personal:
        return Out([Text(name.literal or name.given)])
    default = 0 if opts.form == "short" else 1 if opts.initialize_with is not None else 2
    use = max(default, level)
    demote = env.style.demote_particle
    given = ""
    if use >= 1 and name.given:
        with_initials = opts.initialize_with is not None or env.style.givenname_rule.endswith("-with-initials")
        if use == 1 and with_initials:
            given = initialize(name.given, opts.initialize_with or "", not opts.initialize, env.style.hyphen_initials)
        else:
            given = name.given
    if env.sorting:  # a macro's names sort as they print (form, initials), family name first
        return Out([Text(_sort_name(name, demote, given))])
    family = _part(env, spec, "family", _family(name, True))
    if name.static_order:
        return Out([family, Text(" " + given)] if given else [family])
    if use == 0:
        return Out([family])
    first = _part(env, spec, "given", _join(given, name.dropping)) if given or name.dropping else None
    if _inverted(env, opts, i):
        sep = opts.sort_separator
        if demote == "display-and-sort":
            tail = _join(given, name.dropping, name.non_dropping)
            parts: list[Out | Leaf] = [_part(env, spec, "family", name.family)]
            if tail:
                parts += [Text(sep), _part(env, spec, "given", tail)]
        else:
            parts = [family]
            if first is not None:
                parts += [Text(sep), first]
        if name.suffix:
            parts += [Text(sep + name.suffix)]
        return Out(parts)
    parts = [first, Text(" ")] if first is not None else []
    parts.append(family)
    if name.suffix:
        parts.append(Text((", " if name.comma_suffix else " ") + name.suffix))
    return Out(parts)


def _part(env: Env, spec: NameSpec, which: str, text: str) -> Out:
    attrs = spec.parts.get(which)
    if not attrs:
        return Out([Text(text)])
    from chron.citation.csl import textcase

    leaves: list[Leaf] = [Text(text)]
    case = attrs.get("text-case")
    if case and (case != "title" or env.english):
        leaves = textcase.apply(leaves, case)
    fmt = tuple((a, attrs[a]) for a in FORMATTING if a in attrs)
    kids: list[Out | Leaf] = list(leaves)
    return Out(kids, attrs.get("prefix", ""), attrs.get("suffix", ""), fmt=fmt)


def _sort_name(name: Name, demote: str, given: str | None = None) -> str:
    """A name as it sorts, family name first; ``given`` as printed (initials, or none for the short
    form), else the whole given name (a name variable as a sort key)."""
    given = name.given if given is None else given
    if demote == "never":
        return ", ".join(p for p in (_family(name, True), _join(given, name.dropping), name.suffix) if p)
    particles = _join(name.dropping, name.non_dropping)
    return ", ".join(p for p in (name.family, particles, given, name.suffix) if p)


_PIECES = re.compile(r"([\s\-]+)")


def initialize(given: str, terminator: str, normalize_only: bool, hyphen: bool = True) -> str:
    """Given names as initials ("Jean-Paul" -> "J.-P."), or with ``normalize_only`` only the initials
    already there get the terminator ("James T" -> "James T.")."""
    text = re.sub(r"\.(?=\S)", ". ", given).strip()
    text = re.sub(r"-(?=[a-z])", "\u2013", text)  # "Seong-jin": a lower-case part is not a name of its own
    if not hyphen:
        text = text.replace("-", " ")
    pieces = _PIECES.split(text)
    out: list[str] = []
    bare = terminator.rstrip()
    for k, piece in enumerate(pieces):
        if k % 2:  # a separator: a hyphen joins initials, a space is re-made below
            out.append("-" if "-" in piece else " ")
            continue
        word = piece.rstrip(".")
        if not word:
            continue
        is_initial = (len(word) == 1 and word.isupper()) or (piece.endswith(".") and len(word) <= 2)
        if normalize_only and not is_initial:
            out.append(piece)
        elif word[:1].isupper() or is_initial:
            out.append(word[0] + "\x00")
        else:
            out.append(piece)
    text = "".join(out)
    text = re.sub(r"\x00-", bare + "-", text)
    text = re.sub(r"\x00 ", terminator if terminator.endswith(" ") else bare, text)
    return re.sub("\u2013(?=[a-z])", "-", text.replace("\x00", bare).strip())
