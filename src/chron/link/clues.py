"""What identifies a work in a chunk of a note (its clues, scored) and the locator it is given.

Pure functions over one note's text and the works' keys (keys.py); resolve.py decides with them.
"""

from __future__ import annotations

from collections.abc import Mapping

from chron.link.keys import TITLE_KINDS, Evidence, WorkKeys
from chron.link.text import Locator, locators, trailing_page
from chron.models import LocatorLabel

LABELS: dict[str, LocatorLabel] = {
    "page": "page",
    "chapter": "chapter",
    "volume": "volume",
    "section": "section",
    "paragraph": "paragraph",
    "line": "line",
    "figure": "figure",
    "table": "table",
}


def clue_score(
    keys: Mapping[str, WorkKeys], text: str, work: str, mine: list[Evidence], lo: int, hi: int, cited: bool
) -> tuple[bool, float, list[str], int]:
    """A work's score in a chunk: the best clue of each kind, summed; whether one identifies it."""
    best: dict[str, Evidence] = {}
    names: dict[int, Evidence] = {}
    for e in mine:
        if e.work != work:
            continue
        if e.kind == "name":
            if e.start not in names or e.weight > names[e.start].weight:
                names[e.start] = e
            continue
        kind = "title" if e.kind in TITLE_KINDS else e.kind
        if kind not in best or (e.weight, e.words) > (best[kind].weight, best[kind].words):
            best[kind] = e
    # one clue per name of the work: several printed names ('Jones and Walsh') add up
    per_name: dict[str, Evidence] = {}
    for e in names.values():
        key = text[e.start : e.end].split()[-1]
        if key not in per_name or e.weight > per_name[key].weight:
            per_name[key] = e
    score = sum(e.weight for e in per_name.values()) + sum(e.weight for e in best.values())
    title = best.get("title")
    if title:
        score += 0.1 * title.words
    strong_title = bool(title and (title.words >= 2 or stands_as_title(text, title)))
    named = any(e.weight > 0 for e in per_name.values())
    locs = bool(pick_locator(keys, text, lo, hi, work, mine))
    support = any(k in best for k in ("year", "publisher", "container", "date", "place")) or cited or locs
    k = keys[work]
    literal = any(n.literal for n in k.names) and not k.titles and named
    ident = strong_title or (named and support) or ("container" in best and "date" in best) or literal
    clues = []
    for e in sorted(per_name.values(), key=lambda x: x.start):
        clue = f"name ‘{' '.join(text[e.start : e.end].split())}’"
        if "initials-differ" in e.detail:
            clue += " (initials differ)"
        if "spelling-differs" in e.detail:
            clue += " (spelt differently in the bibliography)"
        clues.append(clue)
    if title:
        printed = " ".join(text[title.start : title.end].strip("‘’“”\"'").split())
        clues.append(f"{'title' if title.kind == 'title' else 'short title'} ‘{printed}’")
    for kind in ("year", "date", "container", "publisher", "place"):
        if kind in best:
            clues.append(f"{kind} ‘{' '.join(text[best[kind].start : best[kind].end].split())}’")
    if literal and not title:
        clues.append("a corporate author’s name for a work with no title")
    ends = [e.end for e in list(per_name.values()) + list(best.values())]
    return ident, score, clues, max(ends) if ends else lo


def clue_confidence(clues: list[str], back: bool, cited: bool) -> float:
    has = " ".join(clues)
    if "title ‘" in has or "short title ‘" in has:
        value = 0.95 if "name ‘" in has else 0.85
    elif "date ‘" in has or (back and cited):
        value = 0.9
    elif any(k in has for k in ("year ‘", "publisher ‘", "container ‘")):
        value = 0.8
    elif "corporate" in has:
        value = 0.6
    else:
        value = 0.6
    if "initials differ" in has:
        value -= 0.3
    if back and not cited:
        value -= 0.3
    return value


# ------------------------------------------------------------------ locators


def pick_locator(
    keys: Mapping[str, WorkKeys],
    text: str,
    lo: int,
    hi: int,
    work: str,
    mine: list[Evidence],
    notes: list[str] | None = None,
) -> tuple[str, LocatorLabel | None] | None:
    """The pinpoint locator a chunk gives ``work``: the last printed, unless it is the work's own."""
    k: WorkKeys = keys[work]
    titles = [(e.start, e.end) for e in mine if e.kind in TITLE_KINDS]
    found = [x for x in locators(text, lo, hi) if not any(a <= x.start < b for a, b in titles)]
    kept: list[Locator] = []
    for x in found:
        if x.label == "volume" and k.volume and x.value.lower() == k.volume:
            continue  # the work's own volume: 'vol 33, no 2 (1998)'
        if x.label == "page" and k.page and x.value == k.page:
            if notes is not None:
                notes.append(f"‘{text[x.start : x.end]}’ is the work’s own page range, not a locator")
            continue
        kept.append(x)
    if not kept:
        tail = trailing_page(text, lo, hi)
        usable = tail and not any(a <= tail.start < b for a, b in titles) and tail.value not in k.years
        if tail and usable and not (k.page and tail.value == k.page):
            return tail.value, "page"
        return None
    last = kept[-1]
    before = kept[-2] if len(kept) > 1 else None
    if last.label == "note":
        if before and before.label == "page":
            return f"{before.value} n. {last.value}", "page"
        if notes is not None:
            notes.append("a note number; chron has no 'note' label, so the locator keeps ‘n.’")
        return f"n. {last.value}", None
    if last.label == "page" and before and before.label == "volume":
        if notes is not None:
            notes.append(
                f"volume {before.value} of a work that records no such volume: written {before.value}:{last.value}"
            )
        return f"{before.value}:{last.value}", "page"
    return last.value, LABELS[last.label]


def last_locator_end(text: str, lo: int, hi: int) -> int:
    found = locators(text, lo, hi)
    tail = trailing_page(text, lo, hi)
    ends = [x.end for x in found] + ([tail.end] if tail else [])
    return max(ends) if ends else lo


def stands_as_title(text: str, e: Evidence) -> bool:
    """A title or container that stands as a citation: several words, quoted, or a one-word title
    that opens a sentence or is followed by its publication details ('Lancashire (Methuen, 1964)').
    Markdown emphasis around it (``*Holme Gazette*, 14 June``) is not a character of its own."""
    if e.words >= 2:
        return True
    before = text[: e.start].rstrip(" \t\n*_")
    after = text[e.end :].lstrip(" \t\n*_")
    quoted = before[-1:] in "‘“\"'" or text[e.start : e.start + 1] in "‘“\"'"
    opens = not before or before[-1:] in ".;:(—"
    return quoted or opens or after[:1] in "(,"
