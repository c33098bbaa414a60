"""``chron browse``'s Textual app: the timeline list, the event in full beside it, the search bar and
the filters, and the keys that lead to notes, works, indexes, citations and exports.

The list's rows come from a job (jobs.py) that runs the listing or the search in its own thread
and is drained into ``Rows`` as the screen is drawn; a new keystroke cancels the job before. The
events on screen are decoded through the app's ``Dataset`` as they are drawn, and kept in a small
cache. Everything from the data is drawn as text (text.py).
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer

from chron.cli.browse import model, text
from chron.cli.browse.exports import ExportRequest, export_text
from chron.cli.browse.indexes import make_index
from chron.cli.browse.jobs import Job, Opener
from chron.cli.browse.main import EventRows, MainScreen, View, with_kind
from chron.cli.browse.model import NO_HIGHLIGHT, Highlighter, Rows
from chron.cli.browse.screens import CardScreen, ExportScreen, HelpScreen, IndexScreen, Picker, choice_line
from chron.cli.browse.text import LABEL, Para, Target, plain
from chron.cli.browse.widgets import VirtualList
from chron.errors import ChronError

if TYPE_CHECKING:
    from chron.citation import Context, Style
    from chron.dataset import Dataset
    from chron.models import Event
    from chron.query import EventFilter
    from chron.search import Query


# ------------------------------------------------------------------ the app


class BrowseApp(App[None]):
    """A full-screen reader of a dataset: the timeline, the text's words, its notes and sources."""

    TITLE = "chron browse"
    ENABLE_COMMAND_PALETTE = True
    CSS = """
    Screen { layout: vertical; }
    .title { height: 1; padding: 0 1; background: $panel; }
    #top { height: 1; background: $panel; }
    #search-label { padding: 0 0 0 1; color: $text-muted; }
    #search { width: 1fr; }
    #body { height: 1fr; }
    #filters { width: 32; border-right: vkey $foreground 20%; padding: 0 1; }
    #filters SelectionList { height: auto; max-height: 12; border: none; padding: 0; }
    #filters Input { margin: 0 0 1 0; }
    #filters Collapsible { padding: 0; border: none; }
    .hidden { display: none; }
    #events { width: 55%; max-width: 90; min-width: 30; border-right: vkey $foreground 20%; }
    VirtualList { scrollbar-size-vertical: 1; }
    MainScreen.-filtering #events { width: 1fr; max-width: 100%; }
    MainScreen.-narrow.-filtering #detail { display: none; }
    MainScreen.-narrow.-filtering #events { border-right: none; }
    #detail { width: 1fr; min-width: 30; padding: 0 1; }
    #status { height: 1; width: 1fr; background: $panel; padding: 0 1; }
    IndexScreen #narrow { height: 1; }
    """
    # A narrow screen with the filters open leaves the event in full out (see CSS above).
    # Textual reads this list from the class but declares it without ClassVar, so mypy would
    # reject the annotation ruff asks for.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", tooltip="leave the browser (the terminal is restored)"),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
        Binding("question_mark", "help", "Keys", tooltip="this list"),
        Binding(
            "backspace,alt+left",
            "go_back",
            "Back",
            tooltip="the screen before, or the filter and search before the last jump",
        ),
        Binding("s", "style", "Style", tooltip="choose the citation style of every citation shown and copied"),
        Binding("P", "index('people')", "People", show=False, tooltip="the people; enter lists a person's events"),
        Binding("L", "index('places')", "Places", show=False, tooltip="the places; enter lists a place's events"),
        Binding("T", "index('tags')", "Tags", show=False, tooltip="the tags; enter lists a tag's events"),
        Binding("N", "index('notes')", "Notes", show=False, tooltip="every note; enter opens one"),
        Binding(
            "S",
            "index('sources')",
            "Sources",
            show=False,
            tooltip="the works cited, in the style's order; enter opens one",
        ),
        Binding("t", "toggle_theme", "Light/dark", show=False, tooltip="switch between the light and the dark theme"),
    ]

    def __init__(
        self,
        ds: Dataset,
        flt: EventFilter,
        *,
        style: str | None = None,
        query: str = "",
        date_from: str | None = None,
        date_to: str | None = None,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        from chron.citation import DEFAULT_STYLE, context, find_style

        self.ds = ds
        self.flt = flt
        self.cite_style: Style = find_style(style) if style else DEFAULT_STYLE
        self.ctx: Context = context(ds)
        self.query_text = query
        self.date_from = date_from
        self.date_to = date_to
        self.selected: str | None = None
        # The event the cursor was last on. A search that lists nothing takes the cursor away, but
        # the next listing that holds this event (the search edited or cleared) returns to it:
        # "counci", on the way to "council" or back from it, lists nothing and loses no place.
        self.chosen: str | None = None
        self.initial_selection: str | None = None
        self.rows = Rows()
        self.find: Highlighter = NO_HIGHLIGHT
        self.matched: model.Matched | None = None  # which fields of an event the search matched
        self.problem: str | None = None
        self.history: list[View] = []
        self.job: Job | None = None
        self.reloads = 0  # how many listings and searches were started (or refused): tests and benchmarks wait on it
        self.started = 0.0
        self.opener = Opener(ds)
        self.count = ds.event_count()
        # A keystroke waits this long for the next before the search runs: long enough to skip
        # the words being typed at 100,000 events, short enough to feel immediate at a few hundred.
        # Below 2,000 events a search takes a few ms and the key's cost is the redraw: barely wait.
        self.debounce = 0.01 if self.count < 2_000 else 0.03 if self.count < 20_000 else 0.15
        # And a search hands over its first screenful at once but reads the rest (up to 100,000 ids,
        # a few hundred ms) only if no key cancels it meanwhile: typing costs a screenful a key.
        self.rest_pause = 0.0 if self.count < 20_000 else 0.3
        self._cache: OrderedDict[str, Event | None] = OrderedDict()
        self._drain: Timer | None = None
        self._shown = True  # whether the list shows the current rows (see reload)
        self.exported: list[str] = []  # the files written, for the message on exit and for tests
        self.theme = theme or ("textual-light" if light_terminal() else "textual-dark")

    def get_default_screen(self) -> Screen[Any]:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    # -------------------------------------------------------------- events, decoded as drawn

    def event(self, event_id: str) -> Event | None:
        cache = self._cache
        if event_id in cache:
            cache.move_to_end(event_id)
            return cache[event_id]
        found = self.ds.event(event_id)
        cache[event_id] = found
        if len(cache) > 4096:
            cache.popitem(last=False)
        return found

    # -------------------------------------------------------------- the list: filter and search

    def reload(self, *, keep: str | None) -> None:
        """Run the listing or the search for the current filter and text, keeping ``keep`` selected."""
        if self.job is not None:
            self.job.cancel()
        self.reloads += 1
        self.problem = None
        query = self._parse()
        flt = self.flt
        if query is None:
            self.find = NO_HIGHLIGHT
            self.matched = None

            def source(ds: Dataset) -> Any:
                return model.listing(ds, flt)
        else:
            parsed: Query = query

            def source(ds: Dataset) -> Any:
                return model.matches(ds, parsed, flt)

        if self.problem is not None:  # a query that cannot be read: the list stays as it was
            self.job = None
            self.main.update_status()
            return
        self.rows = Rows()
        self.started = time.perf_counter()
        self.job = Job(
            self.opener, source, first=FIRST_ROWS, pause=self.rest_pause if query is not None else 0.0
        ).start()
        self._keep = keep
        self._placed = False
        # The list before stays on screen until this one has its first rows (or is found empty):
        # one redraw a key instead of two, and no blank list while a search starts.
        self._shown = False
        if self._drain is None:
            self._drain = self.set_interval(0.015, self.drain)
        else:
            self._drain.resume()
        self.main.update_status()

    def _parse(self) -> Query | None:
        from chron.errors import QueryError
        from chron.search import parse_query

        text_ = self.query_text.strip()
        if not text_:
            return None
        try:
            query = parse_query(model.as_typed(self.query_text))
            self.find = model.highlighter(self.ds, query)
            self.matched = model.Matched(self.ds, query)
        except QueryError as err:
            self.problem = err.message
            return None
        return query

    def drain(self) -> None:
        """Move what the job found into the list; place the cursor once there is something."""
        job = self.job
        try:
            events = self.main.query_one("#events", VirtualList)
        except NoMatches:  # quitting: the screen's widgets go before the app (and this timer) stop
            if job is not None:
                job.cancel()
            self.job = None
            if self._drain is not None:
                self._drain.stop()
            return
        if job is None:
            if self._drain is not None:
                self._drain.pause()
            return
        finished = job.done
        found = job.take()
        self.rows.take(found)
        if not self._shown and (found or finished):
            self._shown = True
            events.set_source(EventRows(self, self.rows, self.find))
        if found:
            events.grown()
            if not self._placed:
                row = self.rows.index_of(self._keep) if self._keep else None
                if row is not None or finished or len(self.rows) > 200:
                    self._placed = True
                    first = row if row is not None else events._next(-1, 1)
                    events.move_to(first, center=row is not None)
            elif events.cursor is not None and self.selected is not None:
                row = self.rows.index_of(self.selected)  # rows may have been added above it
                if row is not None and row != events.cursor:
                    events.move_to(row, announce=False)
        if finished:
            self.job_done = time.perf_counter()
            if job.error:
                self.problem = job.error
            if not self._placed:
                self._placed = True
                events.move_to(events._next(-1, 1))
            if events.cursor is None:
                self.selected = None
                self.main.show_detail()
            self.job = None
            if self._drain is not None:
                self._drain.pause()
        if found or finished:
            self.main.update_status()

    @property
    def loading(self) -> bool:
        """Whether the list is still being read."""
        return self.job is not None

    @property
    def busy(self) -> bool:
        """Whether a search is waiting for the typing to pause, or the list is still being read."""
        return self.loading or self.main.pending

    def select_event(self, event_id: str) -> bool:
        """Put the list's cursor on an event (False when it is not listed)."""
        row = self.rows.index_of(event_id)
        if row is None:
            return False
        self.main.query_one("#events", VirtualList).move_to(row, center=True)
        return True

    def status(self) -> Content:
        """The status line: how many events, the filters, the search's state, the style."""
        n = self.rows.event_count
        parts: list[tuple[str, str] | str] = []
        if self.problem:
            parts.append((plain(self.problem, one=True), "$text-error"))
        else:
            noun = "event" if n == 1 else "events"
            verb = (" matches" if n == 1 else " match") if self.query_text.strip() else ""
            more = "… (still reading)" if self.loading else ""
            parts.append((f"{n:,} {noun}{verb}{more}", "bold"))
        for label_, value in self.filter_words():
            parts += [("  ·  ", LABEL), (f"{label_} ", LABEL), plain(value, one=True)]
        parts += [("  ·  ", LABEL), ("style ", LABEL), self.cite_style.name]
        return Content.assemble(*parts)

    def filter_words(self) -> list[tuple[str, str]]:
        ds, flt = self.ds, self.flt
        out = []
        if flt.phases:
            out.append(("phase", ", ".join(str(n) for n in flt.phases)))
        if self.date_from or self.date_to:
            out.append(("dates", f"{self.date_from or '…'} – {self.date_to or '…'}"))
        elif not flt.dates.is_open:
            out.append(("dates", f"{flt.dates.lo or '…'} – {flt.dates.hi or '…'}"))
        for name, ids, items in (("person", flt.people, ds.people), ("place", flt.places, ds.places)):
            if ids:
                out.append((name, ", ".join(items[i].name for i in ids if i in items)))
        if flt.tags:
            out.append(("tag", ", ".join(flt.tags)))
        if flt.notes:
            out.append(("note", ", ".join(str(n) for n in flt.notes)))
        return out

    def set_filter(self, flt: EventFilter, *, history: bool = True) -> None:
        if history:
            self.remember()
        self.flt = flt
        self.reload(keep=self.wanted)

    def set_dates(self, start: str | None, end: str | None) -> None:
        from chron.query import DateRange

        if (start, end) == (self.date_from, self.date_to):
            return
        try:
            dates = DateRange.from_options(start, end, None)
        except ChronError as err:
            self.problem = err.message
            self.main.update_status()
            return
        self.date_from, self.date_to = start, end
        self.set_filter(replace(self.flt, dates=dates), history=False)

    def clear(self) -> None:
        from chron.query import EventFilter

        self.remember()
        self.flt = EventFilter()
        self.date_from = self.date_to = None
        self.query_text = ""
        self.main.sync_filters()
        self.reload(keep=self.wanted)

    @property
    def wanted(self) -> str | None:
        """The event a new listing should keep the cursor on: the selected one, else the last one."""
        return self.selected or self.chosen

    def note_selected(self, event_id: str) -> None:
        """The cursor is on ``event_id``."""
        self.selected = self.chosen = event_id

    def remember(self) -> None:
        self.history.append(View(self.flt, self.query_text, self.wanted, self.date_from, self.date_to))
        del self.history[:-100]

    # -------------------------------------------------------------- navigation

    def action_go_back(self) -> None:
        """Back: close the screen on top, or on the main screen restore the view before the last jump."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
            return
        if not self.history:
            self.notify("Nothing to go back to.", timeout=2, markup=False)
            return
        view = self.history.pop()
        self.flt, self.query_text = view.flt, view.query
        self.date_from, self.date_to = view.date_from, view.date_to
        self.main.sync_filters()
        self.chosen = view.selected
        self.reload(keep=view.selected)

    def open_target(self, target: Target) -> None:
        """Open what a link or an index row points at: a record in full, or a filter on the timeline."""
        kind, key = target
        if kind in ("event", "note", "work"):
            self.push_screen(CardScreen(target))
            return
        field = {"person": "people", "place": "places", "tag": "tags", "phase": "phases"}[kind]
        value: Any = int(key) if kind == "phase" else key
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.set_filter(with_kind(self.flt, field, (value,)))
        self.main.sync_filters()

    def card(self, target: Target) -> list[Para]:
        """The paragraphs of a record in full, in the current style, with the search's words marked."""
        kind, key = target
        ds = self.ds
        if kind == "event":
            ev = self.event(key)
            if ev is None:
                return [Para(Content(f"No event {plain(key, one=True)}."))]
            matched = self.matched(ev) if self.matched is not None else ()
            return text.event_card(ds, ev, self.cite_style, self.ctx, self.find, matched)
        if kind == "note":
            return text.note_card(ds, ds.notes[int(key)], self.cite_style, self.ctx, self.find)
        return text.work_card(ds, ds.works[key], self.cite_style, self.ctx)

    def notes_of(self, target: Target) -> list[int]:
        kind, key = target
        if kind == "event":
            ev = self.event(key)
            return [n for n in ev.notes if n in self.ds.notes] if ev else []
        if kind == "note":
            return [int(key)]
        return [n.n for n in self.ds.notes_citing(key)]

    def works_of(self, target: Target) -> list[str]:
        kind, key = target
        if kind == "work":
            return [key]
        found = [c.work for n in self.notes_of(target) for c in self.ds.notes[n].cites if c.work in self.ds.works]
        return list(dict.fromkeys(found))

    def choose_note(self, target: Target) -> None:
        """Open the note of a record, or choose among its notes."""
        notes = self.notes_of(target)
        if target[0] == "note":
            self.notify("This is the note; w opens the works it cites.", timeout=3, markup=False)
            return
        if not notes:
            self.notify("No note here.", timeout=3, markup=False)
            return
        if len(notes) == 1:
            self.push_screen(CardScreen(("note", str(notes[0]))))
            return
        choices = [(choice_line(f"[{n}]", self.ds.notes[n].display()), ("note", str(n))) for n in notes]
        self.push_screen(Picker("Which note?", choices), self._open_chosen)

    def open_nth_note(self, k: int) -> None:
        if self.selected is None:
            return
        notes = self.notes_of(("event", self.selected))
        if k <= len(notes):
            self.push_screen(CardScreen(("note", str(notes[k - 1]))))
        else:
            self.notify(f"This event has {len(notes)} note{'s' * (len(notes) != 1)}.", timeout=3, markup=False)

    def choose_work(self, target: Target) -> None:
        """Open the work a record cites, or choose among them."""
        works = self.works_of(target)
        if target[0] == "work":
            self.notify("This is the work; its notes and events are listed below.", timeout=3, markup=False)
            return
        if not works:
            self.notify("No work is cited here.", timeout=3, markup=False)
            return
        if len(works) == 1:
            self.push_screen(CardScreen(("work", works[0])))
            return
        choices = [(choice_line(w, text.work_title(self.ds.works[w])), ("work", w)) for w in works]
        self.push_screen(Picker("Which work?", choices), self._open_chosen)

    def _open_chosen(self, target: Target | None) -> None:
        if target is not None:
            self.open_target(target)

    # -------------------------------------------------------------- indexes

    def action_index(self, kind: str) -> None:
        self.push_screen(IndexScreen(make_index(self.ds, kind, self.cite_style, self.ctx)))

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -------------------------------------------------------------- citations

    def action_style(self) -> None:
        from chron.citation import STYLES

        choices = [(choice_line(s.name, s.description), ("style", s.name)) for s in STYLES.values()]
        self.push_screen(Picker("Citation style", choices, ("style", self.cite_style.name)), self._style_chosen)

    def _style_chosen(self, target: Target | None) -> None:
        from chron.citation import find_style

        if target is None:
            return
        self.cite_style = find_style(target[1])
        screen = self.screen
        if isinstance(screen, CardScreen):
            screen.refresh_card(keep=True)
        elif isinstance(screen, MainScreen):
            screen.show_detail(keep=True)
            screen.update_status()
        self.notify(f"Citations in {self.cite_style.name}.", timeout=2, markup=False)

    def citation_text(self, target: Target) -> str:
        """What ``c`` copies: a work's citation, or the citations of a note (or of an event's notes),
        as ``chron cite`` prints them in the current style."""
        from chron.citation import format_note, format_work
        from chron.cite_formats import cite_text

        kind, key = target
        if kind == "work":
            return cite_text([format_work(self.cite_style, self.ctx, self.ds.works[key])])
        done = [format_note(self.cite_style, self.ds, self.ctx, self.ds.notes[n]) for n in self.notes_of(target)]
        return cite_text(done)

    def copy_citation(self, target: Target) -> None:
        copied = self.citation_text(target)
        if not copied:
            self.notify("Nothing here cites a work.", timeout=3, markup=False)
            return
        self.copy_to_clipboard(copied)
        self.notify(plain(copied), title=f"Copied ({self.cite_style.name})", timeout=6, markup=False)

    # -------------------------------------------------------------- export

    def start_export(self) -> None:
        what = f"{self.rows.event_count:,} listed events" if not self.loading else "the listed events"
        self.push_screen(ExportScreen(what), self._export_chosen)

    def _export_chosen(self, request: ExportRequest | None) -> None:
        if request is not None:
            self.export(request)

    @work(thread=True, exclusive=True, group="export")
    def export(self, request: ExportRequest) -> None:
        """Write the export in a thread, over its own view of the store (the whole selection, even
        while the list is still being read)."""
        from pathlib import Path

        from chron.cli.files import write_atomically
        from chron.search import parse_query

        typed = model.as_typed(self.query_text)
        query = parse_query(typed) if typed.strip() and self.problem is None else None
        flt = self.flt
        try:
            ds = self.opener()
            try:
                source = model.matches(ds, query, flt) if query is not None else model.listing(ds, flt)
                rows = Rows()
                rows.take(source)
                ids = list(rows.ids())
                body, count = export_text(ds, ids, request)
                write_atomically(Path(request.path), body, force=request.force)
            finally:
                ds.db.close()
        except ChronError as err:
            self.call_from_thread(self.notify, err.message, title="Not exported", severity="error", markup=False)
            return
        where = str(Path(request.path).resolve())
        self.exported.append(where)
        self.call_from_thread(self.notify, f"{count} to {where}", title="Exported", timeout=6, markup=False)

    # -------------------------------------------------------------- looks

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def on_unmount(self) -> None:
        if self.job is not None:
            self.job.cancel()


FIRST_ROWS = 256  # more than a screen of rows: what a search hands over before it may pause


def light_terminal() -> bool:
    """Whether the terminal says its background is light ($COLORFGBG, set by rxvt, Konsole and others)."""
    value = os.environ.get("COLORFGBG", "")
    background = value.rsplit(";", 1)[-1]
    return background.isdigit() and int(background) in (7, 15)
