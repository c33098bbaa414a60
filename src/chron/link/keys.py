"""What identifies a work in a note, and where a note shows it.

``WorkKeys`` holds a work's folded names, titles, year, dates, container and publisher;
``find_evidence`` lists every place a note's text shows one of them (an ``Evidence``: which work,
what kind of clue, where, how much it weighs). No scoring across clues and no choices here: that is
``chron.link.resolve``. Pure: works and text in, evidence out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from chron import dates
from chron.errors import DateError
from chron.link.text import Folded, fold_words
from chron.models import Name, Work

SHORT_MONTHS = [m[:3].lower() for m in dates.MONTHS]


@dataclass(frozen=True, slots=True)
class NameKey:
    """One author or editor: the folded family forms (or the literal name) and the given name."""

    role: str  # "author" | "editor"
    first: bool  # the first name of the work's author (or editor) list
    forms: tuple[str, ...]  # folded: 'leveque'; for a literal name its words: 'burnley weavers association'
    given: str  # folded given names, '' when none
    literal: bool


@dataclass(frozen=True, slots=True)
class WorkKeys:
    work: Work
    names: tuple[NameKey, ...]
    titles: tuple[tuple[str, str], ...]  # (folded phrase, "title" | "short" | "main" | "lead")
    title_words: tuple[str, ...]  # the folded title's words, for quoted abbreviations ‘Strikes…’
    years: frozenset[str]
    dates: tuple[tuple[str, str], ...]  # (folded phrase, "day" | "month")
    container: str
    publisher: str
    place: str
    volume: str
    issue: str
    page: str  # the work's own page range, as a locator would print it: '24–46'

    @property
    def id(self) -> str:
        return self.work.id

    @property
    def nameless(self) -> bool:
        return not self.names


def _name_key(name: Name, role: str, first: bool) -> NameKey | None:
    if name.literal:
        words = fold_words(name.literal)
        forms = {words, re.sub(r"^the ", "", words)}
        if name.printed:
            forms.add(re.sub(r"^the ", "", fold_words(name.printed)))
        return NameKey(role, first, tuple(sorted(f for f in forms if f)), "", True)
    if not name.family:
        return None
    forms = {fold_words(name.family)}
    given = fold_words(name.given or "")
    if name.printed:
        printed = name.printed.split()
        # the printed form ends with the family name ('J Smith', 'Francoise Leveque')
        forms.add(fold_words(printed[-1]))
        if len(printed) > 1 and not given:
            given = fold_words(" ".join(printed[:-1]))
    return NameKey(role, first, tuple(sorted(f for f in forms if f)), given, False)


_MAIN = re.compile(r"^(.+?)(?:[:?!]|\.\s)")
_MINOR_WORDS = "a an the and or of in on at to for from by with as de la le les der die das des du von van az"
_MINOR = frozenset(_MINOR_WORDS.split())


def work_keys(work: Work) -> WorkKeys:
    names = [k for i, n in enumerate(work.author) if (k := _name_key(n, "author", i == 0))]
    names += [k for i, n in enumerate(work.editor) if (k := _name_key(n, "editor", i == 0 and not work.author))]
    titles: dict[str, str] = {}
    if work.title:
        titles[fold_words(work.title)] = "title"
        main = _MAIN.match(work.title)
        if main and fold_words(main.group(1)):
            titles.setdefault(fold_words(main.group(1)), "main")
    if work.title_short:
        titles.setdefault(fold_words(work.title_short), "short")
    # Shortened notes print a title's first words ('Weavers and Spinners' for '… Spinners in the
    # Valley, 1890-1914'): every leading run of two or more significant words is a weaker short title.
    words = fold_words(work.title or "").split()
    for size in range(len(words) - 1, 1, -1):
        lead = words[:size]
        if sum(w not in _MINOR for w in lead) >= 2 and lead[-1] not in _MINOR:
            titles.setdefault(" ".join(lead), "lead")
    years: set[str] = set()
    found_dates: list[tuple[str, str]] = []
    if work.issued:
        try:
            value = dates.parse(work.issued)
        except DateError:
            value = None
        for point in (value.start, value.end) if value else ():
            if point is None:
                continue
            years.update({str(point.earliest.year), str(point.latest.year)} if point.precision != "year" else set())
            years.add(str(point.earliest.year))
            e = point.earliest
            month, short = dates.MONTHS[e.month - 1].lower(), SHORT_MONTHS[e.month - 1]
            if point.precision == "day":
                for form in (
                    f"{e.day} {month} {e.year}",
                    f"{month} {e.day} {e.year}",
                    f"{e.day} {short} {e.year}",
                    f"{short} {e.day} {e.year}",
                    f"{e.year} {e.month:02d} {e.day:02d}",
                ):
                    found_dates.append((form, "day"))
            elif point.precision == "month":
                found_dates += [(f"{month} {e.year}", "month"), (f"{short} {e.year}", "month")]
    page = re.sub(r"\s*(?:--|[-—–])\s*", "–", work.page.strip()) if work.page else ""
    return WorkKeys(
        work=work,
        names=tuple(names),
        titles=tuple(titles.items()),
        title_words=tuple(fold_words(work.title or "").split()),
        years=frozenset(years),
        dates=tuple(found_dates),
        container=fold_words(work.container_title or ""),
        publisher=fold_words(work.publisher or ""),
        place=fold_words(work.publisher_place or ""),
        volume=fold_words(work.volume or ""),
        issue=fold_words(work.issue or ""),
        page=page,
    )


@dataclass(frozen=True, slots=True)
class Evidence:
    """One clue that a note names a work: a name, a title, a year… at ``start:end`` of the note."""

    work: str
    kind: str  # name | title | short | main | quoted | year | date | container | publisher | place | volume | issue
    start: int
    end: int
    weight: float
    detail: str = ""  # the name's role, the given name's agreement ('agree', 'differ', '')
    words: int = 0  # the words of a title match, so a longer title wins over a shorter one inside it


@dataclass
class NoteEvidence:
    """All the clues in one note, and the title spans that sentence splitting must not cut."""

    items: list[Evidence] = field(default_factory=list)
    titles: list[tuple[int, int]] = field(default_factory=list)


_QUOTED_ABBREV = re.compile(r"[‘“\"']\s*([^‘’“”\"]{2,}?)\s*(?:…|\.\.\.)\s*[’”\"']")
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-Þ][\w’'-]*\.?\s+$")
# Capitalised words that begin sentences or citations, never given names.
_NOT_GIVEN_WORDS = (
    "see quoted in from cf the an and of on for by also data calculated this that as compare after "
    "hence thus but so when while where before although however here there it he she they we its his "
    "her their our my now then since both ed eds trans cited quoting citing according reprinted with"
)
_NOT_GIVEN = frozenset(_NOT_GIVEN_WORDS.split())


def _given_agreement(text: str, start: int, key: NameKey) -> tuple[int, str]:
    """Extend a family-name match back over the given names or initials before it, and say whether
    they agree with the work's given name ('A. Brown' and 'Alice': agree; 'T. Brown': differ)."""
    if key.literal:
        return start, ""
    words: list[str] = []
    new_start = start
    while len(words) < 3:
        m = _CAPITALISED.search(text, max(0, new_start - 30), new_start)
        if not m or m.end() != new_start:
            break
        word = fold_words(m.group())
        if not word or word in _NOT_GIVEN:
            break
        words.insert(0, word)
        new_start = m.start()
    if not words:
        return start, ""
    if not key.given:
        return new_start, ""
    return new_start, "agree" if words[0][0] == key.given[0] else "differ"


def find_evidence(text: str, folded: Folded, keys: Sequence[WorkKeys]) -> NoteEvidence:
    """Every clue in a note's text for the given works (call it with the works whose words occur)."""
    out = NoteEvidence()
    capitalised = [(m.start(), m.end(), fold_words(m.group())) for m in re.finditer(r"[A-ZÀ-ÖØ-Þ][\w’'-]{3,}", text)]
    quoted: list[tuple[int, int, list[str]]] = []
    for m in _QUOTED_ABBREV.finditer(text):
        words = fold_words(m.group(1)).split()
        if words and len(" ".join(words)) >= 4:
            quoted.append((m.start(), m.end(), words))
    for k in keys:
        for phrase, kind in k.titles:
            size = len(phrase.split())
            weight = {"title": 6.0, "short": 4.0, "main": 4.0, "lead": 3.0}[kind]
            out.items += [Evidence(k.id, kind, a, b, weight, words=size) for a, b in folded.find_all(phrase)]
        for a, b, quoted_words in quoted:
            if tuple(quoted_words) == k.title_words[: len(quoted_words)]:
                out.items.append(Evidence(k.id, "quoted", a, b, 4.0, words=len(quoted_words)))
        for key in k.names:
            spans = [(a, b, "") for form in key.forms for a, b in folded.find_all(form)]
            if not spans and not key.literal:
                spans = [(a, b, "spelling-differs") for a, b, word in capitalised if _near(word, key.forms)]
            for a, b, spelling in spans:
                if not (text[a].isupper() or text[a].isdigit()):
                    continue  # a name is printed with a capital
                start, agreement = _given_agreement(text, a, key)
                weight = (3.0 if key.first else 1.0) - (1.0 if spelling else 0.0)
                weight += {"agree": 1.0, "differ": -3.0}.get(agreement, 0.0)
                if _EDITED.match(text, b):  # 'B Lomax (ed)': the name is an editor's
                    weight += 2.0 if key.role == "editor" else -1.0
                detail = " ".join(x for x in (key.role, f"initials-{agreement}" if agreement else "", spelling) if x)
                out.items.append(Evidence(k.id, "name", start, b, weight, detail))
        for year in k.years:
            out.items += [Evidence(k.id, "year", a, b, 2.0) for a, b in folded.find_all(year)]
        for phrase, precision in k.dates:
            weight = 3.0 if precision == "day" else 2.0
            out.items += [Evidence(k.id, "date", a, b, weight) for a, b in folded.find_all(phrase)]
        for kind, phrase, weight in (
            ("container", k.container, 2.0),
            ("publisher", k.publisher, 1.0),
            ("place", k.place, 0.5),
        ):
            if phrase and not any(phrase == t for t, _ in k.titles):
                out.items += [Evidence(k.id, kind, a, b, weight) for a, b in folded.find_all(phrase)]
        for kind, value in (("volume", k.volume), ("issue", k.issue)):
            if value:
                label = r"vols?|volume" if kind == "volume" else r"nos?|numbers?|issues?"
                for m in re.finditer(rf"\b(?:{label})\.?\s*{re.escape(value)}\b", folded.text):
                    a, b = folded.span(m.start(), m.end())
                    out.items.append(Evidence(k.id, kind, a, b, 0.5))
    _suppress_inner_titles(out)
    return out


_EDITED = re.compile(r"\s*(?:\((?:eds?|editors?)\.?\)|,\s*eds?\.(?!\w))", re.IGNORECASE)


def _near(word: str, forms: Sequence[str]) -> bool:
    """A printed family name one letter off the bibliography's ('Romsic', 'Kopásci'): one letter
    added, dropped, changed, or two neighbours swapped, in a name of five letters or more."""
    return any(len(f) >= 5 and word[:1] == f[:1] and _one_edit(word, f) for f in forms if " " not in f)


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        return len(diff) == 1 or swapped
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


TITLE_KINDS = frozenset({"title", "short", "main", "quoted", "lead"})


def _suppress_inner_titles(found: NoteEvidence) -> None:
    """A title inside a longer title of another work is part of that title ('The Cotton Mills'
    inside 'The Cotton Mills of Lancashire: A History'); so is a name or year printed inside it."""
    spans = [(e.start, e.end, e.work) for e in found.items if e.kind in TITLE_KINDS]

    def inside_other(e: Evidence) -> bool:
        return any(a <= e.start and e.end <= b and (b - a) > (e.end - e.start) and w != e.work for a, b, w in spans)

    found.items = [e for e in found.items if not inside_other(e)]
    found.titles = sorted({(e.start, e.end) for e in found.items if e.kind in TITLE_KINDS})
