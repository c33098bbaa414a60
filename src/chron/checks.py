"""The checks across records: what a dataset must satisfy beyond each field's type.

``cross_check`` finds dangling references, duplicate ids and numbers, gaps in the note numbers,
events outside their phase; ``warnings`` finds what a dataset may hold but a person should look at
(overlapping phases, shared spellings, works with nothing to cite them by);
Each returns ``Problem`` values located by record and field (the loader adds line numbers); the
check against the text itself is ``chron.extract.check_text``. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from chron import dates
from chron.errors import Problem
from chron.models import NAME_ROLES, Chronology, Event, Person, Phase, Place, Sources, Work


def phase_finder(phases: Sequence[Phase]) -> Callable[[dates.HistDate], Phase | None]:
    """A function giving the phase an event without a ``phase`` falls in: the one containing its
    anchor day (its earliest, or the end of an open start), else the first it overlaps (the
    bounds are worked out once; it runs per event)."""
    bounds = [(p, p.when.earliest, p.when.latest) for p in phases]  # validated dates: they parse

    def find(when: dates.HistDate) -> Phase | None:
        day: date = when.anchor
        for phase, lo, hi in bounds:
            if lo <= day <= hi:
                return phase
        for phase, lo, hi in bounds:
            if when.overlaps(lo, hi):
                return phase
        return None

    return find


def phases_finder(phases: Sequence[Phase]) -> Callable[[Event], tuple[int, ...]]:
    """A function giving every phase an event belongs to, the one it is listed under first.

    An event's own ``phase`` (a number or a list) is all of them. Otherwise the first is the one
    ``phase_finder`` gives, followed, in phase order, by every other phase the event lies within or
    that holds a day the event certainly covers: for ``A/B``, the days from the end of A to the
    start of B (the Pécs elections of 28–29 October are in phases 1 and 2). A single date, however
    vague, is one moment: "1956" is not in every phase of 1956. An open interval is placed by its
    known end only."""
    find = phase_finder(phases)
    ordered = sorted(phases, key=lambda p: p.n)
    bounds = [(p.n, p.when.earliest, p.when.latest) for p in ordered]

    def find_all(ev: Event) -> tuple[int, ...]:
        if ev.phase is not None:
            return tuple(dict.fromkeys(ev.phases))
        when = ev.when
        first = find(when)
        if first is None:
            return ()
        found = [first.n]
        start, end = when.start, when.end
        sure = (start.latest, end.earliest) if start and end and start.latest <= end.earliest else None
        for n, lo, hi in bounds:
            if n != first.n and (when.within(lo, hi) or (sure and sure[0] <= hi and sure[1] >= lo)):
                found.append(n)
        return tuple(found)

    return find_all


def _duplicates(values: list[Any]) -> list[Any]:
    """The values that occur more than once, each listed once, in first-seen order."""
    seen: set[Any] = set()
    dups: list[Any] = []
    for v in values:
        if v in seen and v not in dups:
            dups.append(v)
        seen.add(v)
    return dups


def record_checks(src: Sources, src_file: str) -> list[Problem]:
    """What a record must satisfy beyond its field types: names, note anchors, labels, numbers."""
    out: list[Problem] = []
    for work in (src.article, *src.works):
        where = "article" if work is src.article else f"works[id={work.id}]"
        for role in NAME_ROLES:
            for i, name in enumerate(getattr(work, role)):
                if not (name.family or name.literal):
                    out.append(
                        Problem(
                            src_file, f"{where}.{role}[{i}]", "a name needs `family` (and usually `given`) or `literal`"
                        )
                    )
    for note in src.notes:
        where = f"notes[n={note.n}]"
        if note.n < 1:
            out.append(Problem(src_file, f"{where}.n", "note numbers start at 1"))
        if (note.text is None) == (not note.text_missing):
            why = "give exactly one of `text` (the note's words) or `text_missing` (why there are none)"
            out.append(Problem(src_file, where, why))
        if bool(note.attached_to) == bool(note.marker_absent):
            out.append(
                Problem(
                    src_file, where, "give exactly one of `attached_to` (the body words) or `marker_absent` (why not)"
                )
            )
        for i, cite in enumerate(note.cites):
            if cite.label and not cite.locator:
                out.append(
                    Problem(
                        src_file,
                        f"{where}.cites[{i}]",
                        "`label` is given without a `locator`; add the locator or drop the label",
                    )
                )
    return out


def cross_check(chron: Chronology, src: Sources, chron_file: str, src_file: str) -> list[Problem]:
    """Every problem beyond the types; an empty list when the dataset is consistent."""
    out: list[Problem] = record_checks(src, src_file)

    def bad(file: str, where: str, message: str) -> None:
        out.append(Problem(file, where, message))

    for label, items in (
        ("phases", chron.phases),
        ("events", chron.events),
        ("people", chron.people),
        ("places", chron.places),
        ("tags", chron.tags),
    ):
        for dup in _duplicates([i.id for i in items]):
            bad(chron_file, f"{label}[id={dup}]", "duplicate id; every id in a table must be unique")
    for label, named in (("people", chron.people), ("places", chron.places)):
        for item in named:
            known = {item.name, *item.aliases}
            for spelling in item.printed:
                if spelling not in known:
                    bad(
                        chron_file,
                        f"{label}[id={item.id}].printed",
                        f"{spelling!r} is neither the name nor an alias; add it to `aliases` or correct it",
                    )
            for dup in _duplicates(list(item.printed)):
                bad(chron_file, f"{label}[id={item.id}].printed", f"{dup!r} is listed twice")
    for dup in _duplicates([p.n for p in chron.phases]):
        bad(chron_file, f"phases[n={dup}]", "duplicate phase number; phase numbers must be unique")
    for dup in _duplicates([w.id for w in [src.article, *src.works]]):
        bad(src_file, f"works[id={dup}]", "duplicate id; every work id must be unique")
    numbers = [n.n for n in src.notes]
    for dup in _duplicates(numbers):
        bad(src_file, f"notes[n={dup}]", "duplicate note number; note numbers must be unique")
    positive = sorted({n for n in numbers if n >= 1})
    missing = sorted(set(range(1, positive[-1] + 1)) - set(positive)) if positive else []
    if missing:
        after = next(n for n in positive if n > missing[0])
        bad(
            src_file,
            f"notes[n={after}]",
            f"note numbers must run 1..{positive[-1]} without gaps; missing {missing} before this note",
        )

    people = {p.id for p in chron.people}
    places = {p.id for p in chron.places}
    tags = {t.id for t in chron.tags}
    phases = {p.n: p for p in chron.phases}
    find_phase = phase_finder(chron.phases)
    notes = set(numbers)
    works = {w.id for w in src.works}

    for ev in chron.events:
        where = f"events[id={ev.id}]"
        for field, known, refs in (
            ("people", people, ev.people),
            ("places", places, ev.places),
            ("tags", tags, ev.tags),
        ):
            for ref in refs:
                if ref not in known:
                    bad(
                        chron_file,
                        f"{where}.{field}",
                        f"{ref!r} is not defined in [[{field}]]; add it there or fix the id",
                    )
        for n in ev.notes:
            if n not in notes:
                bad(
                    chron_file,
                    f"{where}.notes",
                    f"note {n} is not in {src_file} (notes run 1..{max(notes, default=0)})",
                )
        when = ev.when
        if ev.phase is not None:
            if not ev.phases:
                bad(chron_file, f"{where}.phase", "an empty list of phases; give a phase number or leave it out")
            for n in _duplicates(list(ev.phases)):
                bad(chron_file, f"{where}.phase", f"phase {n} is listed twice; list each phase once")
            for n in dict.fromkeys(ev.phases):
                phase = phases.get(n)
                if phase is None:
                    bad(chron_file, f"{where}.phase", f"phase {n} is not defined; phases are {sorted(phases)}")
                elif not when.overlaps(phase.when.earliest, phase.when.latest):
                    bad(
                        chron_file,
                        f"{where}.date",
                        f"{ev.date} ({when.english()}) lies outside phase {phase.n} ({phase.when.english()})",
                    )
        elif phases and find_phase(when) is None:
            bad(chron_file, f"{where}.date", f"{ev.date} falls in no phase; give `phase` or widen a phase")
    for note in src.notes:
        for i, cite in enumerate(note.cites):
            if cite.work not in works:
                bad(
                    src_file,
                    f"notes[n={note.n}].cites[{i}].work",
                    f"{cite.work!r} is not a work id; add it to [[works]] or fix the id",
                )
    for work in src.works:
        if work.container is not None and (work.container not in works or work.container == work.id):
            bad(src_file, f"works[id={work.id}].container", f"{work.container!r} is not another work's id")
    cited = {c.work for n in src.notes for c in n.cites}
    by_id = {w.id: w for w in src.works}
    todo = list(cited)
    while todo:  # a work cited only as a cited work's container (a chapter's book) is in use too
        found = by_id.get(todo.pop())
        if found is not None and found.container is not None and found.container not in cited:
            cited.add(found.container)
            todo.append(found.container)
    for work in src.works:
        if work.id not in cited:
            bad(src_file, f"works[id={work.id}]", "no note cites this work; cite it or remove it")
    return out


# ---------------------------------------------------------------- warnings


def warnings(
    phases: Sequence[Phase],
    people: Iterable[Person],
    places: Iterable[Place],
    article: Work,
    works: Iterable[Work],
    chron_file: str,
    src_file: str,
) -> list[Problem]:
    """What a person should look at but a dataset may hold: phases that overlap (unless one of
    them has ``overlap_ok``), a spelling two people or two places share (a lookup by it finds only
    the first), and a work that has neither a title nor a name in any role (nothing to cite it by),
    unless it is an unsigned item named by its container and date, as a newspaper report is."""
    from chron.query import fold  # the matching fold of names; imported here, off the loading path

    out: list[Problem] = []

    def warn(file: str, where: str, message: str) -> None:
        out.append(Problem(file, where, message, severity="warning"))

    ordered = sorted(phases, key=lambda p: p.n)
    for i, later in enumerate(ordered):
        for earlier in ordered[:i]:
            if earlier.overlap_ok or later.overlap_ok:
                continue
            if later.when.overlaps(earlier.when.earliest, earlier.when.latest):
                warn(
                    chron_file,
                    f"phases[n={later.n}].date",
                    f"{later.date} overlaps phase {earlier.n} ({earlier.date}), so an event may fall in both; "
                    "make the dates follow one another, or set `overlap_ok = true` on the phase that may overlap",
                )
    for table, noun, items in (("people", "person", people), ("places", "place", places)):
        owner: dict[str, str] = {}
        for item in items:
            for spelling in dict.fromkeys([item.name, *item.aliases]):
                key = fold(spelling)
                first = owner.setdefault(key, item.id)
                if first != item.id:
                    field = "name" if spelling == item.name else "aliases"
                    warn(
                        chron_file,
                        f"{table}[id={item.id}].{field}",
                        f"{spelling!r} is also a name or alias of {table}[id={first}], and a lookup by it "
                        f"(--{noun} {spelling!r}) finds only that one; give each {noun} its own spellings",
                    )
    for work in (article, *works):
        if work.title or any(getattr(work, role) for role in NAME_ROLES) or (work.container_title and work.issued):
            continue
        warn(
            src_file,
            "article" if work is article else f"works[id={work.id}]",
            "has neither a title nor a name (author, editor or another role), so a citation cannot name it; add one "
            "(an unsigned newspaper item needs `container-title` and `issued`)",
        )
    return out
