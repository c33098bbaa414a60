"""The browser's one list widget: a virtual list that draws only the rows on screen (Textual's line
API), so a list of 100,000 events costs what its visible rows cost.

``VirtualList`` reads its rows from a ``RowSource`` (how many, each row's content, what a row
opens); a cursor moves over the rows that open something, and the list says which one is under
it (``Highlighted``) and which was chosen (``Chosen``: enter, or a click on the row under the
cursor). ``CardView`` is the same list over a card's wrapped paragraphs, re-wrapped to its width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar, Protocol

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click, Key, Resize
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from chron.cli.browse.text import Para, Target, wrap


class RowSource(Protocol):
    """What a ``VirtualList`` shows."""

    def __len__(self) -> int: ...

    def line(self, row: int) -> Content:
        """Row ``row``'s content (drawn on one line, cut at the list's width)."""
        ...

    def target(self, row: int) -> Target | None:
        """What row ``row`` opens, or None when the cursor passes over it."""
        ...


class Lines:
    """A row source over a fixed list of (content, target) lines."""

    def __init__(self, lines: Sequence[tuple[Content, Target | None]]) -> None:
        self.lines = list(lines)

    def __len__(self) -> int:
        return len(self.lines)

    def line(self, row: int) -> Content:
        return self.lines[row][0]

    def target(self, row: int) -> Target | None:
        return self.lines[row][1]


class VirtualList(ScrollView, can_focus=True):
    """A list drawn a visible row at a time, with a cursor over the rows that open something."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("home,g", "edge(-1)", "First", show=False),
        Binding("end,G", "edge(1)", "Last", show=False),
        Binding(
            "enter",
            "choose",
            "Open",
            show=False,
            tooltip="open the row or link under the cursor (a click on it does too)",
        ),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--cursor"}
    DEFAULT_CSS = """
    VirtualList { background: $surface; overflow-x: hidden; }
    VirtualList > .virtual-list--cursor { background: $block-cursor-blurred-background; text-style: bold; }
    VirtualList:focus > .virtual-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    """

    class RowMessage(Message):
        """Something happened to the row that opens ``target``, in the list ``widget``."""

        def __init__(self, widget: VirtualList, target: Target) -> None:
            super().__init__()
            self.widget = widget
            self.target = target

        @property
        def control(self) -> VirtualList:
            return self.widget

    class Highlighted(RowMessage):
        """The cursor moved onto a row that opens ``target``."""

    class Chosen(RowMessage):
        """The row that opens ``target`` was chosen (enter or a click)."""

    def __init__(self, source: RowSource | None = None, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.source: RowSource = source if source is not None else Lines([])
        self.cursor: int | None = None
        self.announce = True  # post Highlighted when the cursor moves
        self.on_slash: Callable[[], None] | None = None  # what "/" does (the main list: search)
        self._cursor_rows: range = range(0)  # the rows drawn as under the cursor (a wrapped link)

    # -------------------------------------------------------------- the rows

    def set_source(self, source: RowSource, *, cursor: int | None = None, top: bool = True) -> None:
        """Show ``source``; the cursor goes to ``cursor`` (or the first row that opens something)."""
        self.source = source
        self.cursor = None
        self._cursor_rows = range(0)
        self.grown()
        if top:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.move_to(cursor if cursor is not None else self._next(-1, 1), center=not top)

    def grown(self) -> None:
        """The source has more (or other) rows: resize the scroll area and redraw."""
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.source))
        self.refresh()

    @property
    def target(self) -> Target | None:
        """What the row under the cursor opens."""
        if self.cursor is None or self.cursor >= len(self.source):
            return None
        return self.source.target(self.cursor)

    def _next(self, row: int, step: int) -> int | None:
        """The first row of the next link from ``row`` in direction ``step`` (a link wrapped over
        several rows is one stop)."""
        size = len(self.source)
        here = self.source.target(row) if 0 <= row < size else None
        row += step
        while 0 <= row < size:
            target = self.source.target(row)
            if target is not None and target != here:
                return self._start_of(row)
            row += step
        return None

    def _start_of(self, row: int) -> int:
        """The first row of the link on ``row``."""
        target = self.source.target(row)
        while row > 0 and self.source.target(row - 1) == target:
            row -= 1
        return row

    def _block(self) -> range:
        """The rows of the link under the cursor."""
        if self.cursor is None or self.cursor >= len(self.source):
            return range(0)
        target = self.source.target(self.cursor)
        end = self.cursor + 1
        while end < len(self.source) and self.source.target(end) == target:
            end += 1
        return range(self.cursor, end)

    def move_to(self, row: int | None, *, center: bool = False, announce: bool = True) -> None:
        """Put the cursor on ``row`` (None: nowhere) and scroll it into view."""
        old = self.cursor
        self.cursor = row
        self._cursor_rows = self._block()
        if row is not None:
            height = self.scrollable_content_region.height or 1
            top = round(self.scroll_offset.y)
            if center:
                self.scroll_to(y=max(row - height // 2, 0), animate=False, immediate=True)
            elif row < top:
                self.scroll_to(y=row, animate=False, immediate=True)
            elif row >= top + height:
                self.scroll_to(y=row - height + 1, animate=False, immediate=True)
        self.refresh()
        target = self.target
        if announce and self.announce and target is not None and row != old:
            self.post_message(self.Highlighted(self, target))

    # -------------------------------------------------------------- keys and the mouse

    def action_move(self, step: int) -> None:
        start = self.cursor if self.cursor is not None else round(self.scroll_offset.y) - (1 if step > 0 else 0)
        found = self._next(start, step)
        if found is not None:
            height = self.scrollable_content_region.height or 1
            if abs(found - start) > height:  # no link nearby: read on a line at a time
                self.scroll_relative(y=step, animate=False)
                return
            self.move_to(found)
        else:
            self.scroll_relative(y=step, animate=False)

    def action_page(self, step: int) -> None:
        height = max((self.scrollable_content_region.height or 1) - 1, 1)
        if self.cursor is None:
            self.scroll_relative(y=step * height, animate=False)
            return
        size = len(self.source)
        row = min(max(self.cursor + step * height, 0), max(size - 1, 0))
        found = row if self.source.target(row) is not None else (self._next(row, step) or self._next(row, -step))
        self.scroll_relative(y=step * height, animate=False, immediate=True)
        self.move_to(found)

    def action_edge(self, step: int) -> None:
        size = len(self.source)
        found = self._next(-1, 1) if step < 0 else self._next(size, -1)
        self.scroll_to(y=0 if step < 0 else size, animate=False, immediate=True)
        if found is not None:
            self.move_to(found)

    def action_choose(self) -> None:
        target = self.target
        if target is not None:
            self.post_message(self.Chosen(self, target))

    def on_key(self, event: Key) -> None:
        # Textual hands each key to the widget focused when the key arrives; keys typed in one
        # burst with the one that moved the focus ("/strike": search, then type) reach this list
        # after the focus has left it. They belong to the widget that has the focus now.
        # "/" moves the focus here, at once, so that the keys after it already find it moved.
        if event.key == "slash" and self.on_slash is not None:
            event.stop()
            event.prevent_default()
            self.on_slash()
            return
        focused = self.app.focused
        if event.is_printable and focused is not None and focused is not self and focused.screen is self.screen:
            event.stop()
            event.prevent_default()
            focused.post_message(Key(event.key, event.character))

    def on_click(self, event: Click) -> None:
        row = round(self.scroll_offset.y) + event.y
        if 0 <= row < len(self.source) and self.source.target(row) is not None:
            if row == self.cursor or event.chain > 1:
                self.move_to(row)
                self.action_choose()
            else:
                self.move_to(row)

    # -------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        row = round(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        base = self.get_visual_style()
        if row >= len(self.source) or width <= 0:
            return Strip.blank(width, base.rich_style)
        style = self.get_visual_style("virtual-list--cursor") if row in self._cursor_rows else base
        content = self.source.line(row)
        if content.cell_length > width:
            content = content.truncate(width, ellipsis=True)
        strips = Visual.to_strips(self, content, width, 1, style)
        strip = strips[0] if strips else Strip.blank(width, style.rich_style)
        return strip.extend_cell_length(width, style.rich_style).crop(0, width)


class CardView(VirtualList):
    """A card (an event, a note, a work) as a list of its wrapped lines; the links take the cursor."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.paras: list[Para] = []
        self._width = 0

    def show(self, paras: list[Para], *, keep: bool = False) -> None:
        """Show a card; with ``keep`` the cursor stays on the same link and the view where it was."""
        target, top = self.target, self.scroll_offset.y
        self.paras = paras
        self._rewrap()
        if keep:
            rows = [i for i in range(len(self.source)) if self.source.target(i) == target]
            self.scroll_to(y=top, animate=False, immediate=True)
            self.move_to(rows[0] if rows and target is not None else None, announce=False)
        else:
            self.cursor = None
            self._cursor_rows = range(0)
            self.scroll_to(y=0, animate=False, immediate=True)
            self.refresh()

    def _rewrap(self) -> None:
        self._width = self.scrollable_content_region.width
        self.source = Lines(wrap(self.paras, self._width or 40))
        self.grown()

    def on_resize(self, event: Resize) -> None:
        if self.scrollable_content_region.width != self._width and self.paras:
            target = self.target
            self._rewrap()
            if target is not None:
                rows = [i for i in range(len(self.source)) if self.source.target(i) == target]
                self.move_to(rows[0] if rows else None, announce=False)

    def text(self) -> str:
        """The card's text as shown (for tests and the clipboard)."""
        return "\n".join(self.source.line(i).plain for i in range(len(self.source)))


Chooser = Callable[[Target], None]
