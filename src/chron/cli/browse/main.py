"""The browser's main screen: the timeline list beside the selected event in full, the search bar
above them, the filters in a sidebar, and the status line.

The list is a ``VirtualList`` over ``EventRows``: rows are drawn from the app's ``Rows`` as they
come on screen, events decoded then. What the screen shows (filter, search, selection) is the
app's state; the screen turns keys, typing and the sidebar's controls into changes of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Collapsible, Footer, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from chron.cli.browse import text
from chron.cli.browse.model import Highlighter, Rows
from chron.cli.browse.text import HEADER, LABEL, Para, Target, plain
from chron.cli.browse.widgets import CardView, VirtualList

if TYPE_CHECKING:
    from chron.cli.browse.app import BrowseApp
    from chron.query import EventFilter


# ------------------------------------------------------------------ the list's rows


class EventRows:
    """The timeline list as a ``RowSource``: phase headers and events, drawn from ``Rows``."""

    def __init__(self, app: BrowseApp, rows: Rows, find: Highlighter) -> None:
        self.app = app
        self.rows = rows
        self.find = find

    def __len__(self) -> int:
        return len(self.rows)

    def line(self, row: int) -> Content:
        phase_n, event_id = self.rows.at(row)
        phase = self.app.ds.phase(phase_n)
        if event_id is None:
            return text.header_row(phase, self.rows.group_size(phase_n))
        ev = self.app.event(event_id)
        if ev is None:
            return Content(plain(event_id, one=True))
        return text.event_row(ev, phase, self.find)

    def target(self, row: int) -> Target | None:
        event_id = self.rows.at(row)[1]
        return ("event", event_id) if event_id is not None else None


@dataclass(frozen=True)
class View:
    """What the main screen shows, kept in its history: the filter, the search, the event selected."""

    flt: EventFilter
    query: str
    selected: str | None
    date_from: str | None
    date_to: str | None


# ------------------------------------------------------------------ the main screen


class MainScreen(Screen[None]):
    """The timeline list, the selected event in full, the search bar, the filters."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", tooltip="type chron's query language; the list narrows as you type"),
        Binding("n", "notes", "Note", tooltip="open the selected event's note (a choice when it has several)"),
        Binding("w", "works", "Work", tooltip="open a work its notes cite, with every note and event citing it"),
        Binding("c", "copy", "Copy", tooltip="copy the citations of its notes to the clipboard (OSC 52)"),
        Binding("e", "export", "Export", tooltip="write the listed events, or the works they cite, to a file"),
        Binding("f", "filters", "Filters", tooltip="show or hide the filters: phases, dates, people, places, tags"),
        Binding("x", "clear", "Clear", show=False, tooltip="clear the search and every filter"),
        *[
            Binding(str(k), f"nth_note({k})", "Note 1–9", show=False, tooltip="open the event's first to ninth note")
            for k in range(1, 10)
        ],
        Binding(
            "escape", "leave", "To the list", show=False, tooltip="from the search bar or the detail back to the list"
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._debounce: Timer | None = None
        self._detail: Timer | None = None  # the event in full, waiting for the typing to pause
        self._status: Content | None = None

    @property
    def browser(self) -> BrowseApp:
        from chron.cli.browse.app import BrowseApp

        assert isinstance(self.app, BrowseApp)
        return self.app

    def compose(self) -> ComposeResult:
        app = self.browser
        with Horizontal(id="top"):
            yield Label("Search ", id="search-label")
            yield Input(
                value=app.query_text,
                placeholder='words, "a phrase", -word, a OR b, person: place: tag: phase: note: year:',
                id="search",
                compact=True,
            )
        with Horizontal(id="body"):
            with VerticalScroll(id="filters", classes="hidden"):
                yield from self.compose_filters()
            yield VirtualList(id="events")
            yield CardView(id="detail")
        yield Static(id="status")
        yield Footer(compact=True)

    def compose_filters(self) -> ComposeResult:
        ds, flt = self.browser.ds, self.browser.flt
        yield Label(Content.styled("Phases", HEADER))
        yield SelectionList[int](
            *[Selection(text.phase_title(p), p.n, p.n in flt.phases) for p in ds.phases], id="phases"
        )
        yield Label(Content.styled("Dates", HEADER))
        yield Input(placeholder="from: 1956-10-23", id="from", compact=True, value=self.browser.date_from)
        yield Input(placeholder="to: 1956-11", id="to", compact=True, value=self.browser.date_to)
        for kind, items, chosen in (
            ("people", ds.people, flt.people),
            ("places", ds.places, flt.places),
            ("tags", ds.tags, flt.tags),
        ):
            if len(items) > LONGEST_FILTER_LIST:
                yield Label(Content.styled(f"{kind.capitalize()}: choose in the index", LABEL))
                continue
            with Collapsible(title=kind.capitalize(), collapsed=not chosen, id=f"box-{kind}"):
                yield SelectionList[str](
                    *[Selection(plain(_name(item), one=True), key, key in chosen) for key, item in items.items()],
                    id=kind,
                )
        yield Button("Clear all", id="clear")

    def on_mount(self) -> None:
        events = self.query_one("#events", VirtualList)
        events.on_slash = self.action_search
        events.focus()
        self.browser.reload(keep=self.browser.initial_selection)

    # -------------------------------------------------------------- the search bar

    @on(Input.Changed, "#search")
    def _typed(self, message: Input.Changed) -> None:
        app = self.browser
        if message.value == app.query_text:
            return
        app.query_text = message.value
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(app.debounce, self._search_now)

    @property
    def pending(self) -> bool:
        """Whether a search, or the event in full, waits for the typing to pause."""
        return self._debounce is not None or self._detail is not None

    def _search_now(self) -> None:
        self._debounce = None
        self.browser.reload(keep=self.browser.wanted)

    @on(Input.Submitted, "#search")
    def _submitted(self) -> None:
        self.query_one("#events", VirtualList).focus()

    def action_search(self) -> None:
        # At once, not after a refresh as focus() does: the keys typed right after "/" are the query.
        self.set_focus(self.query_one("#search", Input))

    def action_leave(self) -> None:
        if self.browser.focused is self.query_one("#events"):
            return
        self.query_one("#events", VirtualList).focus()

    # -------------------------------------------------------------- the list and the detail

    @on(VirtualList.Highlighted, "#events")
    def _selected(self, message: VirtualList.Highlighted) -> None:
        self.browser.note_selected(message.target[1])
        if self.browser.focused is self.query_one("#search", Input):
            # Typing: each key's list is drawn at once, the event in full (a card of many lines, with
            # the words marked) once the typing pauses, so that a key costs one list, not two panes.
            if self._detail is not None:
                self._detail.stop()
            self._detail = self.set_timer(DETAIL_PAUSE, self.show_detail)
        else:
            self.show_detail()

    @on(VirtualList.Chosen, "#events")
    def _to_detail(self) -> None:
        self.query_one("#detail", CardView).focus()

    @on(VirtualList.Chosen, "#detail")
    def _follow(self, message: VirtualList.Chosen) -> None:
        self.browser.open_target(message.target)

    def show_detail(self, *, keep: bool = False) -> None:
        if self._detail is not None:
            self._detail.stop()
            self._detail = None
        app = self.browser
        detail = self.query_one("#detail", CardView)
        if app.selected is None:
            detail.show([Para(Content.styled("No event is listed.", LABEL))])
            return
        detail.show(app.card(("event", app.selected)), keep=keep)

    def on_screen_resume(self) -> None:
        self.show_detail(keep=True)
        self.query_one("#events", VirtualList).refresh()
        self.update_status()

    # -------------------------------------------------------------- filters

    def action_filters(self) -> None:
        box = self.query_one("#filters")
        box.toggle_class("hidden")
        self.set_class(not box.has_class("hidden"), "-filtering")
        if not box.has_class("hidden"):
            self.query_one("#phases").focus()
        else:
            self.query_one("#events").focus()

    @on(SelectionList.SelectedChanged)
    def _chosen(self, message: SelectionList.SelectedChanged[Any]) -> None:
        kind = message.selection_list.id
        values = tuple(message.selection_list.selected)
        app = self.browser
        if kind is None or getattr(app.flt, kind) == values:
            return
        app.set_filter(with_kind(app.flt, kind, values), history=False)

    @on(Input.Submitted, "#from, #to")
    @on(Input.Blurred, "#from, #to")
    def _dates(self) -> None:
        start = self.query_one("#from", Input).value.strip() or None
        end = self.query_one("#to", Input).value.strip() or None
        self.browser.set_dates(start, end)

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        self.browser.clear()

    def sync_filters(self) -> None:
        """Show the app's filter in the sidebar's controls (after back, clear or an index)."""
        app = self.browser
        for kind in ("phases", "people", "places", "tags"):
            found = self.query(f"#{kind}")
            if found:
                widget = found.first(SelectionList)
                chosen = set(getattr(app.flt, kind))
                with widget.prevent(SelectionList.SelectedChanged):
                    widget.deselect_all()
                    for value in chosen:
                        widget.select(value)
        self.query_one("#from", Input).value = app.date_from or ""
        self.query_one("#to", Input).value = app.date_to or ""
        search = self.query_one("#search", Input)
        if search.value != app.query_text:
            with search.prevent(Input.Changed):
                search.value = app.query_text

    # -------------------------------------------------------------- keys on the selection

    def action_notes(self) -> None:
        if self.browser.selected is not None:
            self.browser.choose_note(("event", self.browser.selected))

    def action_nth_note(self, k: int) -> None:
        self.browser.open_nth_note(k)

    def action_works(self) -> None:
        if self.browser.selected is not None:
            self.browser.choose_work(("event", self.browser.selected))

    def action_copy(self) -> None:
        if self.browser.selected is not None:
            self.browser.copy_citation(("event", self.browser.selected))

    def action_export(self) -> None:
        self.browser.start_export()

    # -------------------------------------------------------------- the status line

    def update_status(self) -> None:
        status = self.browser.status()
        if status != self._status:  # the list is drained every few ms while it is read
            self._status = status
            # One line of fixed height (CSS): a new text never changes the layout.
            self.query_one("#status", Static).update(status, layout=False)


def with_kind(flt: EventFilter, kind: str, values: tuple[Any, ...]) -> EventFilter:
    """``flt`` with the values of one kind (phases, people, places, tags) replaced."""
    if kind == "phases":
        return replace(flt, phases=tuple(int(v) for v in values))
    if kind == "people":
        return replace(flt, people=tuple(values))
    if kind == "places":
        return replace(flt, places=tuple(values))
    if kind == "tags":
        return replace(flt, tags=tuple(values))
    raise ValueError(kind)


def _name(item: Any) -> str:
    """How an item of a filter list is shown: a person's or place's name, a tag's id and description."""
    if hasattr(item, "name"):
        return str(item.name)
    return f"{item.id} — {item.description}"


LONGEST_FILTER_LIST = 400  # longer lists of people, places or tags are chosen in their index
DETAIL_PAUSE = 0.25  # seconds without a key before the event in full follows the search
