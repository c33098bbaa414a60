"""The browser's other screens: a record in full (event, note, work), the indexes (people, places,
tags, notes, sources), the keys, a chooser, and the export dialog.

Each full-record screen is a ``CardView`` whose links open further screens; the screen stack is
the history that backspace walks back through. Nothing from the data is read as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Checkbox, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from chron.cli.browse import text
from chron.cli.browse.exports import ExportRequest, default_path, export_choices
from chron.cli.browse.text import HEADER, LABEL, LINK, TITLE, Target, plain
from chron.cli.browse.widgets import CardView, VirtualList

if TYPE_CHECKING:
    from chron.cli.browse.app import BrowseApp


class Titled(Screen[None]):
    """A screen with a title line, a body and the footer of keys."""

    @property
    def browser(self) -> BrowseApp:
        from chron.cli.browse.app import BrowseApp

        assert isinstance(self.app, BrowseApp)
        return self.app

    def title_line(self) -> Content:
        return Content("")

    def compose_body(self) -> ComposeResult:
        yield from ()

    def compose(self) -> ComposeResult:
        yield Static(self.title_line(), id="title", classes="title")
        yield from self.compose_body()
        yield Footer(compact=True)


class CardScreen(Titled):
    """One record in full: an event, a note or a work. Its links open more; backspace comes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "notes", "Note", tooltip="open the note (of an event), or choose one"),
        Binding("w", "works", "Work", tooltip="open the work (of a note or an event), or choose one"),
        Binding("c", "copy", "Copy citation", tooltip="copy this note's or work's citation (an event's: its notes')"),
        Binding("escape", "app.go_back", "Back", show=False),
    ]

    def __init__(self, target: Target) -> None:
        super().__init__()
        self.target = target

    def title_line(self) -> Content:
        kind, key = self.target
        return Content.assemble((f"{kind.capitalize()} ", LABEL), (plain(key, one=True), TITLE))

    def compose_body(self) -> ComposeResult:
        yield CardView(id="card")

    def on_mount(self) -> None:
        self.refresh_card()
        self.query_one(CardView).focus()

    def on_screen_resume(self) -> None:
        self.refresh_card(keep=True)  # the style may have changed while another screen was on top

    def refresh_card(self, *, keep: bool = False) -> None:
        self.query_one(CardView).show(self.browser.card(self.target), keep=keep)

    @on(VirtualList.Chosen)
    def _open(self, message: VirtualList.Chosen) -> None:
        self.browser.open_target(message.target)

    def action_notes(self) -> None:
        self.browser.choose_note(self.target)

    def action_works(self) -> None:
        self.browser.choose_work(self.target)

    def action_copy(self) -> None:
        self.browser.copy_citation(self.target)


# ------------------------------------------------------------------ indexes


@dataclass(frozen=True)
class Index:
    """An index screen's rows: each key, its line, what it opens, and the text typing narrows on."""

    name: str
    keys: Sequence[str]
    line: Callable[[str], Content]
    target: Callable[[str], Target]
    words: Callable[[str], str]
    hint: str


class IndexRows:
    def __init__(self, index: Index, keys: Sequence[str]) -> None:
        self.index = index
        self.keys = keys
        self._lines: dict[str, Content] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def line(self, row: int) -> Content:
        key = self.keys[row]
        if key not in self._lines:
            self._lines[key] = self.index.line(key)
        return self._lines[key]

    def target(self, row: int) -> Target | None:
        return self.index.target(self.keys[row])


class IndexScreen(Titled):
    """An index of people, places, tags, notes or sources; typing narrows it, enter opens a row."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_filter", "Narrow", tooltip="type words to narrow the index"),
        Binding("escape", "app.go_back", "Back", show=False),
    ]

    def __init__(self, index: Index) -> None:
        super().__init__()
        self.index = index
        self._folded: list[str] | None = None
        self._timer: object | None = None

    def title_line(self) -> Content:
        return Content.assemble((self.index.name, TITLE), (f"  ({len(self.index.keys):,})  {self.index.hint}", LABEL))

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder="type to narrow", id="narrow", compact=True)
        yield VirtualList(id="index")

    def on_mount(self) -> None:
        rows = self.query_one(VirtualList)
        rows.set_source(IndexRows(self.index, self.index.keys))
        rows.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#narrow", Input).focus()

    @on(Input.Changed, "#narrow")
    def _narrow(self, message: Input.Changed) -> None:
        from chron.query import fold

        words = fold(message.value).split()
        if self._folded is None:
            self._folded = [fold(self.index.words(k)) for k in self.index.keys]
        keys = [k for k, f in zip(self.index.keys, self._folded, strict=True) if all(w in f for w in words)]
        self.query_one(VirtualList).set_source(IndexRows(self.index, keys))

    @on(Input.Submitted, "#narrow")
    def _to_list(self) -> None:
        self.query_one(VirtualList).focus()

    @on(VirtualList.Chosen)
    def _open(self, message: VirtualList.Chosen) -> None:
        self.browser.open_target(message.target)


# ------------------------------------------------------------------ the keys


class HelpScreen(Titled):
    """Every key, by where it works, read from the bindings themselves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.go_back", "Back"),
    ]

    def title_line(self) -> Content:
        return Content.styled("Keys", TITLE)

    def compose_body(self) -> ComposeResult:
        yield CardView(id="card")

    def on_mount(self) -> None:
        self.query_one(CardView).show([text.Para(line) for line in key_table()])
        self.query_one(CardView).focus()


# ------------------------------------------------------------------ choosing one of several


class Picker(ModalScreen[Target | None]):
    """Choose one of a few targets (a note of an event, a work of a note, a style)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    Picker { align: center middle; }
    Picker > Vertical { width: 90%; max-width: 100; height: auto; max-height: 80%;
                        border: round $accent; background: $panel; padding: 0 1; }
    Picker OptionList { height: auto; max-height: 20; }
    """

    def __init__(self, title: str, choices: Sequence[tuple[Content, Target]], current: Target | None = None) -> None:
        super().__init__()
        self.heading = title
        self.choices = list(choices)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Content.styled(self.heading, TITLE))
            yield OptionList(*[Option(content, id=f"{i}") for i, (content, _) in enumerate(self.choices)])

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        targets = [t for _, t in self.choices]
        options.highlighted = targets.index(self.current) if self.current in targets else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, message: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[message.option_index][1])

    def action_cancel(self) -> None:
        self.dismiss(None)


# ------------------------------------------------------------------ export


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Choose a format and a file for the listed events (or the works they cite)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical { width: 90%; max-width: 80; height: auto; border: round $accent;
                              background: $panel; padding: 0 1; }
    ExportScreen Horizontal { height: auto; }
    ExportScreen #problem { color: $text-error; }
    """

    def __init__(self, count: str) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        choices = export_choices()
        with Vertical():
            yield Label(Content.styled(f"Export {self.count}", TITLE))
            yield Select(choices, value=choices[2][1], allow_blank=False, id="format")
            yield Input(value=default_path(choices[2][1]), placeholder="file name", id="path")
            yield Checkbox("Replace the file if it exists", id="force")
            yield Label("", id="problem")
            with Horizontal():
                yield Button("Export", variant="primary", id="go")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#format", Select).focus()

    @on(Select.Changed, "#format")
    def _format(self, message: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        if path.value.startswith("chron-"):  # still the suggested name: follow the format
            path.value = default_path(str(message.value))

    @on(Button.Pressed, "#go")
    @on(Input.Submitted, "#path")
    def _go(self) -> None:
        value = str(self.query_one("#format", Select).value)
        path = self.query_one("#path", Input).value.strip()
        if not path:
            self.query_one("#problem", Label).update("Give a file name.")
            return
        family, fmt = value.split(":", 1)
        self.dismiss(ExportRequest(family, fmt, path, self.query_one("#force", Checkbox).value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def choice_line(label: str, body: str) -> Content:
    return Content.assemble((f"{label}  ", LINK), plain(body, one=True))


def key_table() -> list[Content]:
    """The keys of every screen, read from their bindings (so this list cannot drift from them)."""
    from chron.cli.browse.app import BrowseApp
    from chron.cli.browse.main import MainScreen

    sections: list[tuple[str, list[BindingType]]] = [
        ("Everywhere", BrowseApp.BINDINGS),
        ("The timeline (main screen)", MainScreen.BINDINGS),
        ("Lists and cards", VirtualList.BINDINGS),
        ("An event, note or work in full", CardScreen.BINDINGS),
        ("An index", IndexScreen.BINDINGS),
    ]
    out: list[Content] = []
    for title, bindings in sections:
        out += [Content(""), Content.styled(title, HEADER)]
        keys: dict[str, list[str]] = {}  # bindings that share a description share a line
        tips: dict[str, str] = {}
        for b in bindings:
            assert isinstance(b, Binding)
            keys.setdefault(b.description, []).append(b.key)
            tips[b.description] = b.tooltip
        for description, found in keys.items():
            tip = f" — {tips[description]}" if tips[description] else ""
            out.append(Content.assemble((f"  {key_names(','.join(found)):<20}", TITLE), description, (tip, LABEL)))
    return out


def key_names(keys: str) -> str:
    """Binding keys as a person types them: "question_mark" as "?", "alt+left" as is."""
    names = {"question_mark": "?", "slash": "/"}
    found = [names.get(k, k) for k in keys.split(",")]
    if len(found) > 2 and all(k.isdigit() for k in found):
        return f"{found[0]}–{found[-1]}"
    return ", ".join(found)
