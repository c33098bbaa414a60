"""How ``chron.link`` reads a note: segments, anchors, chunks, then one choice per chunk.

1. The note is cut into segments: sentences (not at initials, abbreviations, brackets or known
   titles), then at semicolons.
2. In a segment, every printed name of a known author or editor is an *anchor* (names joined by
   'and' or ',' are one); so is the title of a work with no names ('Lancashire (Methuen, 1964)') and
   the container of a work with neither (a newspaper), and 'idem'. Each anchor starts a *chunk*
   that runs to the next anchor. The words before the first anchor are the lead-in: a bare
   'as above', 'ibid.' or 'n. 4 above' there is the previous citation (or that note's).
3. A chunk's candidates are its anchor's works and any work whose title it prints. Each is scored
   by its clues (names and whether the initials agree, titles, quoted abbreviations ‘Strikes…’,
   year, exact date, container, publisher). With a back-reference, candidates cited earlier win,
   and among equals the most recently cited. A chunk whose best candidate has no identifying clue
   (a title, or a name plus a year, publisher, locator or back-reference) is a mere mention
   ('John Smith describes…'); with a locator or back-reference it is reported as unresolved.
4. A chunk followed by its container ('F. Lévêque, ‘Women Weavers’, in M. Jones (ed), op. cit., p. 115';
   'Ann Hill’s account in M. Jones (ed)…') is one cite of the chapter; two chunks of the same work
   are one cite; a work cited twice in a note is one cite, with the locator it was given.
5. Locators: the last one printed in the chunk, except the work's own volume, issue or page range.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from chron.link import Linking, NoteLike, Proposal, ProposedCite, Unresolved
from chron.link.clues import LABELS, clue_confidence, clue_score, last_locator_end, pick_locator, stands_as_title
from chron.link.found import Anchor, Earlier, Found, one_per_work, show_locator
from chron.link.keys import TITLE_KINDS, Evidence, find_evidence, work_keys
from chron.link.text import (
    backrefs,
    fold,
    has_publication,
    locators,
    note_ref,
    prefix_of,
    segments,
)
from chron.models import Work

_JOINER = re.compile(r"^\s*(?:,|and|&|,\s*and|with|et\s+al\.?,?)\s*$", re.IGNORECASE)
_CONNECT_IN = re.compile(r"\bin\s*$", re.IGNORECASE)
_NOT_CHAPTER = re.compile(r"\b(?:and|also|reprinted|see|cf|compare|quoted)\b", re.IGNORECASE)


class Linker:
    def __init__(self, works: Sequence[Work]) -> None:
        self.works = {w.id: w for w in works}
        self.keys = {w.id: work_keys(w) for w in works}
        self.index: dict[str, set[str]] = {}
        for k in self.keys.values():
            words = [p for p, _ in k.titles] + [f for n in k.names for f in n.forms] + [k.container]
            for phrase in words:
                if phrase:
                    self.index.setdefault(phrase.split()[0], set()).add(k.id)
            for n in k.names:  # a family name misspelt in the note still shares its first letters
                for form in n.forms:
                    if not n.literal and len(form) >= 5:
                        self.index.setdefault("~" + form[:4], set()).add(k.id)

    # ------------------------------------------------------------------ the whole text

    def run(self, notes: Sequence[NoteLike]) -> Linking:
        history: list[Earlier] = []
        proposals: list[Proposal] = []
        unresolved: list[Unresolved] = []
        kept: list[int] = []
        uncited: list[int] = []
        for note in sorted(notes, key=lambda x: x.n):
            if note.cites:
                kept.append(note.n)
                history += [Earlier(note.n, c.work, c.locator, c.label) for c in note.cites]
                continue
            cites, problems, ends_unresolved = self.note(note.n, note.text, history)
            unresolved += problems
            if cites:
                proposals.append(Proposal(note.n, tuple(cites), min(c.confidence for c in cites)))
                history += [Earlier(note.n, c.work, c.locator, c.label) for c in cites]
            elif not problems:
                uncited.append(note.n)
            if ends_unresolved:
                history.append(Earlier(note.n, "", None, None))
        return Linking(tuple(proposals), tuple(unresolved), tuple(kept), tuple(uncited))

    # ------------------------------------------------------------------ one note

    def note(self, n: int, text: str, history: list[Earlier]) -> tuple[list[ProposedCite], list[Unresolved], bool]:
        """The cites of one note, its unresolved citations, and whether its last citation is unresolved."""
        folded = fold(text)
        words = set(folded.text.split())
        ids = set().union(*(self.index.get(w, set()) for w in words | {"~" + w[:4] for w in words if len(w) >= 4}))
        keys = [self.keys[i] for i in sorted(ids)]
        found = find_evidence(text, folded, keys)
        anchors = self._anchors(text, found.items)
        done: list[Found] = []
        problems: list[Unresolved] = []
        for lo, hi in segments(text, found.titles):
            mine = [a for a in anchors if lo <= a.start < hi]
            results = self._segment(n, text, lo, hi, mine, found.items, history, done)
            for f in results:
                if f.kind == "cite":
                    done.append(f)
                elif f.kind == "unresolved" or f.featured:
                    why = f.reason or "no work of the bibliography matches these words"
                    problems.append(Unresolved(n, " ".join(f.words.split()), why, f.candidates))
                    done.append(replace(f, work="", locator=None, label=None))
        cites = [
            ProposedCite(f.work, f.locator, f.label, f.prefix, "; ".join([f.reason, *f.notes]), round(f.confidence, 2))
            for f in one_per_work([f for f in done if f.work])
        ]
        return cites, problems, bool(done) and not done[-1].work

    def _anchors(self, text: str, items: list[Evidence]) -> list[Anchor]:
        out: list[Anchor] = []
        for e in items:
            k = self.keys[e.work]
            if e.kind == "name":
                out.append(Anchor(e.start, e.end, frozenset({e.work}), "name"))
            elif e.kind in TITLE_KINDS and k.nameless and stands_as_title(text, e):
                out.append(Anchor(e.start, e.end, frozenset({e.work}), "title"))
            elif e.kind == "container" and k.nameless and not k.titles and stands_as_title(text, e):
                out.append(Anchor(e.start, e.end, frozenset({e.work}), "container"))
        for ref in backrefs(text, 0, len(text)):
            if ref.kind == "idem":
                out.append(Anchor(ref.start, ref.end, frozenset(), "idem"))
        out.sort(key=lambda a: (a.start, -a.end))
        merged: list[Anchor] = []
        for a in out:
            last = merged[-1] if merged else None
            if last and (
                a.start < last.end or (last.kind == a.kind == "name" and _JOINER.match(text[last.end : a.start]))
            ):
                merged[-1] = Anchor(last.start, max(last.end, a.end), last.works | a.works, last.kind)
            else:
                merged.append(a)
        return merged

    # ------------------------------------------------------------------ one segment

    def _segment(
        self,
        n: int,
        text: str,
        lo: int,
        hi: int,
        anchors: list[Anchor],
        items: list[Evidence],
        history: list[Earlier],
        done: list[Found],
    ) -> list[Found]:
        results: list[Found] = []
        lead_end = anchors[0].start if anchors else hi
        bare = self._bare(n, text, lo, lead_end, history, done, anchored=bool(anchors))
        if bare:
            results.append(bare)
        for i, anchor in enumerate(anchors):
            end = anchors[i + 1].start if i + 1 < len(anchors) else hi
            earlier = history + [Earlier(n, f.work, f.locator, f.label) for f in done + results if f.kind != "mention"]
            earlier = [e for e in earlier if e.work] if anchor.kind != "idem" else earlier
            results.append(self._chunk(text, anchor, end, items, earlier))
        results = self._merge(text, results)
        start = lo
        for f in results:
            if f.kind == "cite":
                if f.prefix is None:
                    f.prefix = prefix_of(text[start : f.start])
                start = f.end
        return results

    def _bare(
        self, n: int, text: str, lo: int, hi: int, history: list[Earlier], done: list[Found], *, anchored: bool
    ) -> Found | None:
        """A back-reference with no name before it: 'As above, pxiii.', 'Ibid.', 'Smith (n 4) 12'."""
        refs = [r for r in backrefs(text, lo, hi) if r.kind != "idem"]
        nref = note_ref(text, lo, hi)
        words = text[lo:hi]
        earlier = history + [Earlier(n, f.work, f.locator, f.label) for f in done]
        if not refs and not nref:
            if not anchored and (locators(text, lo, hi) or has_publication(text, lo, hi)):
                return Found("unresolved", lo, hi, words, reason="no known author or title in these words")
            return None
        start = min([r.start for r in refs] + ([nref[1]] if nref else []))
        before = text[lo:start]
        if before.strip() and prefix_of(before) is None and re.search(r"\s[A-ZÀ-ÖØ-Þ]\w", " " + before.strip()[1:]):
            # 'I Romsic, as above' with a name the bibliography does not know: not a bare 'as above'
            why = f"‘{' '.join(before.split()).strip(' ,')}’ names no author or title of the bibliography"
            return Found("unresolved", lo, hi, words, reason=why, featured=True)
        if nref:
            targets = [e for e in earlier if e.n == nref[0]]
            if len(targets) != 1:
                why = f"it points to note {nref[0]}, which cites {len(targets) or 'no'} works"
                return Found("unresolved", lo, hi, words, reason=why, featured=True)
            target, said = targets[0], f"‘{text[nref[1] : nref[2]]}’ points to note {nref[0]}"
        else:
            if not earlier:
                return Found("unresolved", lo, hi, words, reason=f"‘{refs[0].words}’ but nothing is cited before it")
            if not earlier[-1].work:
                why = f"‘{refs[0].words}’ follows a citation in note {earlier[-1].n} that was not resolved"
                return Found("unresolved", lo, hi, words, reason=why, featured=True)
            target, said = earlier[-1], f"bare ‘{refs[0].words}’: the previous citation (note {earlier[-1].n})"
        confidence = 0.9
        same_note = [e for e in earlier if e.n == target.n]
        if target.n != n and (target.n < n - 1 or len(same_note) > 1):
            confidence = 0.7
            said += f", which {'cites several works' if len(same_note) > 1 else 'is not the note just before'}"
        found = Found("cite", start, hi, words, work=target.work, reason=f"{said} → {target.work}")
        own = pick_locator(self.keys, text, lo, hi, target.work, [])
        if own:
            found.locator, found.label = own
            found.notes.append(f"its own locator {show_locator(*own)}")
        elif target.locator and refs and refs[0].kind in ("ibid", "above", "loccit"):
            found.locator = target.locator
            found.label = LABELS.get(target.label or "")
            found.notes.append(
                f"no locator printed, so it inherits {show_locator(target.locator, found.label)} from note {target.n}"
            )
            confidence -= 0.05
        found.confidence = confidence
        found.end = max([r.end for r in refs] + [nref[2] if nref else lo])
        found.prefix = prefix_of(text[lo:start])
        return found

    # ------------------------------------------------------------------ one chunk

    def _chunk(self, text: str, anchor: Anchor, hi: int, items: list[Evidence], earlier: list[Earlier]) -> Found:
        lo = anchor.start
        mine = [e for e in items if lo <= e.start and e.end <= hi]
        refs = [r for r in backrefs(text, lo, hi) if r.kind != "idem"]
        nref = note_ref(text, lo, hi)
        recency = {e.work: i for i, e in enumerate(earlier)}
        candidates = set(anchor.works) | {e.work for e in mine if e.kind in TITLE_KINDS}
        idem_of = ""
        if anchor.kind == "idem":
            if not earlier:
                return Found("unresolved", lo, hi, text[lo:hi], reason="‘idem’ but nothing is cited before it")
            idem_of = earlier[-1].work
            first = set(self.keys[idem_of].names[0].forms) if self.keys[idem_of].names else set()
            candidates |= {k.id for k in self.keys.values() if k.names and first & set(k.names[0].forms)}
        featured = bool(refs or nref or has_publication(text, lo, hi) or locators(text, lo, hi))
        cited = {e.work for e in earlier if e.n == nref[0]} if nref else set(recency)
        back = bool(refs or nref)
        if back and candidates & cited:
            candidates &= cited
        if not candidates:
            return Found("mention", lo, anchor.end, text[lo:hi], featured=featured)
        scored = []
        for w in candidates:
            ident, score, clues, end = clue_score(self.keys, text, w, mine, lo, hi, back and w in cited)
            if anchor.kind == "idem":
                score += 3.0
                clues.insert(0, f"‘idem’: the author of {idem_of}")
            if back:
                score += 2.0 if w in cited else -4.0
            scored.append((ident, score, recency.get(w, -1), w, clues, end))
        scored.sort(reverse=True)
        ident, score, rec, best, clues, end = scored[0]
        rivals = [s for s in scored[1:] if s[0] and abs(s[1] - score) < 0.5]
        words = text[lo:hi]
        if not ident:
            top = scored[0][1]
            named = tuple(sorted(s[3] for s in scored if s[1] > 0 and s[1] >= top - 0.5))
            reason = f"names {', '.join(named)} but nothing identifies which work" if featured else ""
            return Found("mention", lo, anchor.end, words, candidates=named, featured=featured, reason=reason)
        confidence = clue_confidence(clues, back, best in cited)
        if rivals:
            if rec < 0 or any(r[2] == rec for r in rivals):
                names = tuple(sorted([best] + [r[3] for r in rivals]))
                return Found(
                    "unresolved",
                    lo,
                    hi,
                    words,
                    candidates=names,
                    featured=True,
                    reason=f"the same clues fit {', '.join(names)}; none is cited before",
                )
            clues.append(f"the most recently cited of {', '.join(sorted([best] + [r[3] for r in rivals]))}")
            confidence -= 0.2
        if back:
            where = [e.n for e in earlier if e.work == best]
            said = refs[0].words if refs else "n. " + str(nref[0] if nref else "")
            clues.append(f"‘{said}’: cited before in note {where[-1]}" if where else f"‘{said}’ but not cited before")
            end = max([end] + [r.end for r in refs] + ([nref[2]] if nref else []))
        found = Found("cite", lo, end, words, work=best, reason=f"{' and '.join(clues)} → {best}")
        found.confidence = max(0.1, min(confidence, 0.99))
        found.candidates = tuple(sorted(s[3] for s in scored))
        loc = pick_locator(self.keys, text, lo, hi, best, mine, found.notes)
        if loc:
            found.locator, found.label = loc
            found.end = max(found.end, last_locator_end(text, lo, hi))
        elif any(r.kind == "loccit" for r in refs):
            last = next((e for e in reversed(earlier) if e.work == best and e.locator), None)
            if last and last.locator:
                found.locator, found.label = last.locator, LABELS.get(last.label or "")
                found.notes.append(
                    f"‘loc. cit.’: the same place, {show_locator(last.locator, found.label)}, as in note {last.n}"
                )
        return found

    # ------------------------------------------------------------------ chunks together

    def _contained(self, part: str, whole: str) -> bool:
        """``part`` is printed inside ``whole``: a chapter of a book, an article of a collection."""
        p, w = self.works[part], self.keys[whole]
        if p.container == whole:
            return True
        title = w.titles[0][0] if w.titles else ""
        return bool(title and self.keys[part].container == title)

    def _merge(self, text: str, results: list[Found]) -> list[Found]:
        out: list[Found] = []
        for f in results:
            prev = out[-1] if out else None
            if prev is None or f.kind != "cite" or prev.kind not in ("cite", "mention"):
                out.append(f)
                continue
            between = text[prev.end : f.start]
            chapter_link = bool(_CONNECT_IN.search(between)) and not _NOT_CHAPTER.search(between)
            chapter_link = chapter_link and len(between.split()) <= 4
            if prev.kind == "cite" and (f.work == prev.work or (chapter_link and self._contained(prev.work, f.work))):
                if f.work != prev.work:
                    prev.notes.append(f"printed in {f.work}, which follows it")
                if f.locator and f.label == "page" and f.locator == self.keys[prev.work].page:
                    prev.notes.append(f"‘{f.locator}’ is {prev.work}’s own page range, not a locator")
                elif f.locator:
                    prev.locator, prev.label = f.locator, f.label
                prev.end = f.end
                prev.notes += [x for x in f.notes if x not in prev.notes]
                continue
            if prev.kind == "mention" and chapter_link:
                parts = [w for w in prev.candidates if self._contained(w, f.work)]
                if len(parts) == 1:
                    whole = f.work
                    f.work = parts[0]
                    if f.locator and f.label == "page" and f.locator == self.keys[f.work].page:
                        f.notes.append(f"‘{f.locator}’ is {f.work}’s own page range, not a locator")
                        f.locator = f.label = None
                    named = " ".join(prev.words[: prev.end - prev.start].split())
                    f.reason = f"name ‘{named}’ and its container follows: {f.reason}"
                    f.notes.append(f"{parts[0]} is printed in {whole}")
                    f.start = prev.start
                    f.confidence = min(f.confidence, 0.8)
                    out[-1] = f
                    continue
            out.append(f)
        return out
