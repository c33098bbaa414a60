"""``cs:date``: dates in a locale's format or the style's own, ranges, seasons, and their sort keys (pure).

A localized date (``form="text"`` or ``"numeric"``) takes its parts and their order from the
locale, narrowed by ``date-parts`` and restyled by the style's ``cs:date-part`` elements; a
non-localized one is the style's own parts. A range prints the parts the two ends share once
("1–4 May 2008", "May–July 2008", "2008–2009"), joined by the range delimiter of the largest
part that differs. A season stands where the month would. The year suffix ("1956a") follows the
first year a cite prints, unless the style places it itself.
"""

from __future__ import annotations

from chron.citation.csl import textcase
from chron.citation.csl.env import Env
from chron.citation.csl.item import DateValue
from chron.citation.csl.output import Leaf, Out, Text
from chron.citation.csl.render import FORMATTING, Element, field_leaves

_LEVEL = {"year": 0, "month": 1, "day": 2}


class DatePart:
    """One ``cs:date-part``: which part, its form, affixes, formatting and range delimiter."""

    __slots__ = ("attrs", "case", "fmt", "form", "name", "prefix", "range_delimiter", "strip", "suffix")

    def __init__(self, attrs: dict[str, str]) -> None:
        self.attrs = attrs
        self.name = attrs.get("name", "")
        default = "long" if self.name in ("month", "year") else "numeric"
        self.form = attrs.get("form", default)
        self.prefix = attrs.get("prefix", "")
        self.suffix = attrs.get("suffix", "")
        self.case = attrs.get("text-case", "")
        self.strip = attrs.get("strip-periods") == "true"
        self.range_delimiter = attrs.get("range-delimiter", "–")
        self.fmt = tuple((a, attrs[a]) for a in FORMATTING if a in attrs)

    def merged(self, style_attrs: dict[str, str] | None) -> DatePart:
        """This locale part with a style's part's attributes over it (but not its affixes)."""
        if not style_attrs:
            return self
        attrs = {**self.attrs, **{k: v for k, v in style_attrs.items() if k not in ("prefix", "suffix")}}
        return DatePart(attrs)


class DateElement(Element):
    __slots__ = ("date_parts", "delimiter", "form", "localized", "parts", "variable")

    def __init__(self, attrs: dict[str, str], parts: list[DatePart]) -> None:
        super().__init__(attrs)
        self.variable = attrs["variable"]
        self.form = attrs.get("form", "")
        self.date_parts = attrs.get("date-parts", "year-month-day")
        self.delimiter = attrs.get("delimiter", "")
        self.parts = parts
        self.localized: dict[int, list[DatePart]] = {}

    def layout(self, env: Env) -> list[DatePart]:
        """The parts to print, in order (a localized format's, once per locale)."""
        if not self.form:
            return self.parts
        found = self.localized.get(env.locale.serial)
        if found is None:
            shown = self.date_parts.split("-")
            own = {p.name: p.attrs for p in self.parts}
            fmt = env.locale.dates.get(self.form, ())
            found = [DatePart(attrs).merged(own.get(name)) for name, attrs in fmt if name in shown]
            self.localized[env.locale.serial] = found
        return found

    def render(self, env: Env, acc: list[Out]) -> None:
        env.called += 1
        if self.variable in env.suppressed:
            return
        value = env.item.dates.get(self.variable)
        if value is None:
            return
        parts = self.layout(env)
        if env.sorting:
            key = sort_key(value, {p.name for p in parts})
            if key:
                env.filled += 1
                acc.append(Out([Text(key)]))
            return
        if value.literal:  # printed where the element would print a year, nowhere else
            if not any(p.name == "year" for p in parts):
                return
            out: Out | None = Out(list(field_leaves(env, value.literal)))
        else:
            out = self._date(env, value, parts)
        if out is None:
            return
        env.filled += 1
        env.year_slot = True
        env.mark(self.variable)
        acc.append(self.wrap(env, [out]))

    def _date(self, env: Env, value: DateValue, parts: list[DatePart]) -> Out | None:
        start = value.start
        end = value.end
        suffix = ""
        wanted = env.dis.year_suffix and not env.suffix_done and not env.style.explicit_year_suffix(env.bib)
        if wanted and start[0] and any(p.name == "year" for p in parts):
            suffix = env.dis.year_suffix
            env.suffix_done = True
        if end is None or end == start:
            pieces = [_part(env, p, start, value.season, suffix) for p in parts]
            return _join([x for x in pieces if x is not None], self.delimiter)
        level = next(i for i in range(3) if start[i] != end[i])
        varying = [i for i, p in enumerate(parts) if _LEVEL.get(p.name, 0) >= level]
        if not varying or (level > 0 and not end[level]):
            pieces = [_part(env, p, start, value.season, suffix) for p in parts]
            return _join([x for x in pieces if x is not None], self.delimiter)
        lo, hi = varying[0], varying[-1]
        delim = next((p.range_delimiter for p in parts if _LEVEL.get(p.name) == level), "–")
        head = [_part(env, p, start, value.season, "") for p in parts[:lo]]
        first = [x for x in (_part(env, p, start, value.season, "") for p in parts[lo : hi + 1]) if x is not None]
        second = [x for x in (_part(env, p, end, None, "") for p in parts[lo : hi + 1]) if x is not None]
        if first:
            first[-1].suffix = ""
        if second:
            second[0].prefix = ""
        tail = [_part(env, p, end, None, suffix) for p in parts[hi + 1 :]]
        if suffix and not [t for t in tail if t is not None] and second:  # the suffix follows the last year
            second[-1] = Out([second[-1], Text(suffix)])
        a = _join([x for x in head + first if x is not None], self.delimiter)
        b = _join([x for x in second + tail if x is not None], self.delimiter)
        if a is None or b is None:
            return a or b
        return Out([a, b], delim=delim)


def _join(pieces: list[Out], delimiter: str) -> Out | None:
    return Out(list(pieces), delim=delimiter) if pieces else None


def _part(
    env: Env,
    part: DatePart,
    date: tuple[int, int, int],
    season: int | str | None,
    suffix: str,
) -> Out | None:
    year, month, day = date
    name = part.name
    text = ""
    if name == "year":
        if not year:
            return None
        text = str(year)[-2:] if part.form == "short" and year > 0 else str(abs(year))
        if year < 0:
            text += env.locale.term("bc")
        elif year < 1000:
            text += env.locale.term("ad")
    elif name == "month":
        text = _month(env, part, month, season)
        if not text:
            return None
    elif name == "day":
        if not day or not month or month > 12:
            return None
        if part.form == "numeric-leading-zeros":
            text = f"{day:02d}"
        elif part.form == "ordinal" and (day == 1 or not env.locale.limit_day_ordinals):
            text = f"{day}{env.locale.ordinal(day, env.locale.gender(f'month-{month:02d}'))}"
        else:
            text = str(day)
    else:
        return None
    leaves: list[Leaf] = [Text(text)]
    if suffix and name == "year":
        leaves.append(Text(suffix))
    if part.strip:
        leaves = textcase.strip_periods(leaves)
    if part.case and (part.case != "title" or env.english):
        leaves = textcase.apply(leaves, part.case)
    kids: list[Out | Leaf] = list(leaves)
    out = Out(kids, fmt=part.fmt)
    out.prefix = part.prefix
    out.suffix = part.suffix
    return out


def _month(env: Env, part: DatePart, month: int, season: int | str | None) -> str:
    if 13 <= month <= 16 or 21 <= month <= 24:
        season, month = (month - 12 if month <= 16 else month - 20), 0
    if not month:
        if isinstance(season, str) and not season.isdigit():
            return season
        if season:
            return env.locale.term(f"season-{int(season):02d}")
        return ""
    if part.form == "numeric":
        return str(month)
    if part.form == "numeric-leading-zeros":
        return f"{month:02d}"
    return env.locale.term(f"month-{month:02d}", "short" if part.form == "short" else "long")


def sort_key(value: DateValue, shown: set[str] | None = None) -> str:
    """A date as CSL sorts it: YYYYMMDD, zeros for missing parts, a range after its start date."""
    if value.literal and not value.start[0]:
        return ""

    def one(d: tuple[int, int, int]) -> str:
        y, m, dd = d
        m = m if m <= 12 else 0
        year = f"{y + 10000:05d}" if y >= 0 else f"{10000 + y:05d}"
        parts = [year]
        if shown is None or "month" in shown:
            parts.append(f"{m:02d}")
        if shown is None or "day" in shown:
            parts.append(f"{dd:02d}")
        return "".join(parts)

    key = one(value.start)
    return key + "-" + one(value.end) if value.end else key
