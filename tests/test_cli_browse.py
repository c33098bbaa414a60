"""`chron browse`: the command line, the browser's model, every feature driven by Textual's pilot,
snapshots of the main screens, and a real run in a pseudo-terminal."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, SelectionList

from chron.cli.browse import model
from chron.cli.browse.app import BrowseApp
from chron.cli.browse.jobs import Job, Opener
from chron.cli.browse.main import MainScreen
from chron.cli.browse.screens import CardScreen, ExportScreen, HelpScreen, IndexScreen, Picker, key_table
from chron.cli.browse.text import MATCH
from chron.cli.browse.widgets import CardView, VirtualList
from chron.dataset import Dataset
from chron.load import load_dataset
from chron.models import Event
from chron.query import DateRange, EventFilter
from chron.search import parse_query, search
from tests.conftest import FIXTURES, MINI, SHIPPED, Run, dataset, edit

FROZEN = FIXTURES / "browse"  # phases 1 and 2 of the shipped data, frozen for the snapshots


# ------------------------------------------------------------------ helpers


def browser(ds: Dataset, flt: EventFilter | None = None, **options: Any) -> BrowseApp:
    return BrowseApp(ds, flt or EventFilter(), theme="textual-dark", **options)


async def settle(pilot: Pilot[None], timeout: float = 20) -> None:
    """Wait until the list is read and no search is waiting for the typing to pause."""
    app = pilot.app
    assert isinstance(app, BrowseApp)
    end = time.monotonic() + timeout
    await pilot.pause()
    while app.busy:
        assert time.monotonic() < end, "the list was not read in time"
        await pilot.pause(0.01)
    await pilot.pause()


Steps = Callable[[BrowseApp, Pilot[None]], Awaitable[None]]


def drive(app: BrowseApp, steps: Steps, size: tuple[int, int] = (100, 30)) -> None:
    """Run the app under the pilot, wait for the first listing, then the steps."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await steps(app, pilot)

    asyncio.run(main())


def detail(app: BrowseApp) -> str:
    return app.main.query_one("#detail", CardView).text()


def card(app: BrowseApp) -> str:
    return app.screen.query_one(CardView).text()


def ids_of(ds: Dataset, flt: EventFilter) -> set[str]:
    return set(ds.ids(flt))


def first_with_note(ds: Dataset) -> tuple[str, int]:
    ev = next(e for e in ds.events() if any(n in ds.notes and ds.notes[n].cites for n in e.notes))
    return ev.id, next(n for n in ev.notes if ds.notes[n].cites)


def found_alone(ds: Dataset) -> tuple[str, int, str]:
    """An event resting on a note that cites a work, and a search that finds it and nothing else."""
    for ev in ds.events():
        notes = [n for n in ev.notes if n in ds.notes and ds.notes[n].cites]
        phrase = '"' + ev.title.replace('"', " ") + '"'
        if notes and [h.key for h in search(ds, parse_query(phrase), kinds=("events",))] == [ev.id]:
            return ev.id, notes[0], phrase
    raise AssertionError("no event is found alone by its title")


# ------------------------------------------------------------------ the command line


def test_without_a_terminal_it_says_so(run: Run) -> None:
    """Run in a pipe, browse exits 1 with one Error line instead of drawing into the pipe."""
    result = run("browse", data=MINI)
    assert result.exit_code == 1, result.output
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error")]  # (after a slow load's note)
    assert error.startswith("Error: The browser needs a terminal: run chron browse without redirecting")
    assert result.stdout == ""


def test_without_textual_it_says_how_to_install_it(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without Textual installed, browse names the extra that brings it (exit 1)."""
    monkeypatch.setitem(sys.modules, "textual", None)  # `import textual` raises ImportError
    result = run("browse", data=MINI)
    assert result.exit_code == 1, result.output
    assert "pip install 'chron[browse]'" in result.stderr
    assert result.stderr.startswith("Error: ")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--person", "nobody"], 1, "No person 'nobody'"),
        (["--search", '"unbalanced'], 1, "nbalanced quote"),
        (["--style", "nope"], 2, "'nope' is not one of"),
        (["--from", "1956-13"], 2, "--from"),
    ],
)
def test_bad_options_fail_before_the_screen_is_taken(run: Run, args: list[str], code: int, message: str) -> None:
    """Filters, the search and the style are checked first, as show and search check them."""
    result = run("browse", *args, data=MINI)
    assert result.exit_code == code, result.output
    assert message in result.stderr


def _imports(*argv: str) -> str:
    env = {**os.environ, "CHRON_DATA": str(MINI), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "chron", *argv], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return "\n".join(line for line in done.stderr.splitlines() if line.startswith("import time:"))


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "--phase", "2"],
        ["show", "--phase", "2", "-f", "ids"],
        ["search", "councils"],
        ["cite", "1"],
        ["browse", "--help"],
        ["browse"],
    ],
)
def test_no_other_command_imports_textual(argv: list[str]) -> None:
    """`python -X importtime` shows that only the browser itself imports Textual (here: no terminal)."""
    imported = _imports(*argv)
    assert "chron.cli" in imported  # the measure works: it sees chron's own modules
    assert not re.search(r"\|\s+textual\b", imported), [line for line in imported.splitlines() if "textual" in line]


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_the_importtime_check_sees_textual_when_it_is_imported() -> None:
    """The check above can fail: importing the app shows Textual in the same measure."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import chron.cli.browse.app"], capture_output=True, text=True
    )
    assert re.search(r"\|\s+textual\b", done.stderr)


# ------------------------------------------------------------------ the model (no terminal)


def test_rows_group_by_phase_in_order_and_list_an_event_under_each_of_its_phases() -> None:
    """Headers come first in each group, phases in number order, the unphased last; an id in two
    phases is listed twice but counted once, and found at its first place."""
    rows = model.Rows()
    for phase, event_id in [(2, "b"), (None, "z"), (1, "a"), (2, "c"), (1, "b")]:
        rows.add(phase, event_id)
    shown = [rows.at(i) for i in range(len(rows))]
    assert shown == [(1, None), (1, "a"), (1, "b"), (2, None), (2, "b"), (2, "c"), (None, None), (None, "z")]
    assert rows.event_count == 4
    assert list(rows.ids()) == ["a", "b", "c", "z"]
    assert rows.index_of("b") == 2 and rows.index_of("z") == 7 and rows.index_of("nope") is None
    assert rows.group_size(2) == 2


def test_the_listing_is_the_filters_events_phase_by_phase() -> None:
    """listing() yields exactly the events the dataset's filter keeps, grouped by phase."""
    ds = dataset(SHIPPED)
    for flt in (EventFilter(), EventFilter(phases=(2, 3)), EventFilter(places=("csepel",))):
        items = list(model.listing(ds, flt))
        assert {i for _, i in items} == ids_of(ds, flt)
        phases = [p[0] for p, _ in items]
        assert phases == sorted(phases, key=lambda p: (p is None, p or 0))


def test_matches_are_the_search_commands_hits() -> None:
    """matches() finds the events `chron search --in events` finds, each under the phases it is in
    (of those the filter keeps); Matched names the fields search matched in each."""
    ds = dataset(SHIPPED)
    query = parse_query("councils -budapest")
    flt = EventFilter(phases=(3,))
    hits = list(search(ds, query, kinds=("events",), flt=flt))
    found = list(model.matches(ds, query, flt))
    assert [i for _, i in found] == [h.key for h in hits] and hits
    assert all(phases == (3,) for phases, _ in found)
    matched = model.Matched(ds, query)
    for hit in hits:
        assert isinstance(hit.record, Event)
        assert matched(hit.record) == tuple(dict.fromkeys(m.field for m in hit.matches)) != ()


def test_highlights_follow_the_searchs_own_matching() -> None:
    """Words are found case- and accent-blind, excluded words are not marked, overlaps merge."""
    ds = dataset(SHIPPED)
    find = model.highlighter(ds, parse_query("racz -csepel"))
    # "racz" is a whole spelling of a person, so search widens it to his other spellings: the full
    # name "Sándor Rácz" is marked whole, as `chron search racz` finds it.
    assert find("Sándor Rácz and RACZ, not Csepel") == [(0, 11), (16, 20)]
    assert model.highlighter(ds, parse_query("council"))("Councils, not councillors") == [(0, 8)]
    assert model.highlighter(ds, parse_query("-racz"))("Rácz") == []
    assert model.merge([(5, 8), (1, 3), (2, 4), (8, 9)]) == [(1, 4), (5, 9)]


def test_a_job_reads_its_own_view_of_a_stored_or_in_memory_dataset(tmp_path: Path) -> None:
    """The thread's dataset gives what the app's gives, whether the store is a file or in memory."""
    flt = EventFilter(phases=(2,))
    for ds in (load_dataset(MINI), dataset(MINI)):
        job = Job(Opener(ds), lambda d: model.listing(d, flt)).start()
        job.thread.join(10)
        assert job.done and job.error is None
        assert [i for _, i in job.take()] == list(ds.ids(flt))


def test_a_cancelled_job_stops_and_keeps_nothing() -> None:
    """Cancel stops a job that is still producing; what it made after is dropped."""
    ds = dataset(MINI)

    def endless(d: Dataset) -> Iterator[model.Item]:
        while True:
            yield from model.listing(d, EventFilter())

    job = Job(Opener(ds), endless).start()
    while not job.take():
        time.sleep(0.001)
    job.cancel()
    job.thread.join(10)
    assert job.done and not job.thread.is_alive() and job.error is None


def test_a_job_hands_over_a_first_screenful_then_waits_before_the_rest() -> None:
    """With ``first`` and a ``pause``, a job hands over that many items, waits, and then reads the
    rest; cancelled while it waits, it reads nothing more."""
    ds = dataset(SHIPPED)
    everything = [i for _, i in model.listing(ds, EventFilter())]
    waiting = Job(Opener(ds), lambda d: model.listing(d, EventFilter()), first=5, pause=30).start()
    taken: list[model.Item] = []
    while len(taken) < 5:
        taken += waiting.take()
        time.sleep(0.001)
    time.sleep(0.05)
    assert not waiting.done and not waiting.take()
    started = time.perf_counter()
    waiting.cancel()
    waiting.thread.join(10)
    assert waiting.done and time.perf_counter() - started < 5 and not waiting.take()
    assert [i for _, i in taken] == everything[:5]
    later = Job(Opener(ds), lambda d: model.listing(d, EventFilter()), first=5, pause=0.05).start()
    later.thread.join(10)
    assert later.done and [i for _, i in later.take()] == everything


# ------------------------------------------------------------------ the pilot: every feature


def test_first_screen_lists_every_event_grouped_by_phase_with_the_first_in_full() -> None:
    """The list holds all events under their phases' headers; the first event is shown in full."""
    ds = dataset(SHIPPED)
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        assert app.rows.event_count == ds.event_count()
        first = next(ds.events())
        assert app.selected == first.id
        assert first.title in detail(app) and "The text says" in detail(app)
        assert app.rows.phases() == [p.n for p in ds.phases]
        assert f"{ds.event_count():,} events" in app.status().plain

    drive(app, steps)


def test_search_narrows_as_you_type_and_marks_the_words() -> None:
    """Typing a query lists exactly the search's hits and marks the words in the rows; clearing
    it brings the whole list back; the cursor stays on its event when it is still listed."""
    ds = dataset(SHIPPED)
    app = browser(ds)
    expected = [h.key for h in search(ds, parse_query("csepel*"), kinds=("events",))]

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("/", *"csepel")  # the word being typed is a prefix
        await settle(pilot)
        assert set(app.rows.ids()) == set(expected)
        assert "events match" in app.status().plain
        events = app.main.query_one("#events", VirtualList)
        rows = [events.source.line(i) for i in range(len(events.source))]
        assert any(span.style == MATCH for row in rows for span in row.spans)
        assert "Csepel" in detail(app)
        kept = app.selected
        assert kept in expected
        await pilot.press(*["backspace"] * 6)
        await settle(pilot)
        assert app.rows.event_count == ds.event_count()
        assert app.selected == kept

    drive(app, steps)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("counci", "counci*"),
        ("workers counci", "workers counci*"),
        ("councils ", "councils "),
        ("counci*", "counci*"),
        ('"workers council"', '"workers council"'),
        ("-strike", "-strike"),
        ("place:csep", "place:csep"),
        ("strike OR", "strike OR"),
        ("strike,", "strike,"),
        ("", ""),
    ],
)
def test_the_word_being_typed_is_a_prefix(typed: str, meant: str) -> None:
    """While a bare word is being typed it reads as a prefix; a space, a quote, a field or a minus
    leaves the query as typed."""
    from chron.cli.browse.model import as_typed

    assert as_typed(typed) == meant


def test_a_half_typed_word_already_narrows_the_list() -> None:
    """'counci' lists what 'counci*' finds, not nothing."""
    ds = dataset(SHIPPED)
    app = browser(ds)
    expected = [h.key for h in search(ds, parse_query("counci*"), kinds=("events",))]
    assert expected

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("/", *"counci")
        await settle(pilot)
        assert set(app.rows.ids()) == set(expected)

    drive(app, steps)


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_a_query_that_cannot_be_read_is_reported_and_the_list_stays() -> None:
    """An unbalanced quote leaves the list as it was and says what is wrong in the status line."""
    app = browser(dataset(MINI))

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("/", *'"demonstration')
        await settle(pilot)
        assert "unbalanced quote" in app.status().plain
        assert app.rows.event_count == dataset(MINI).event_count()
        await pilot.press(*'"')
        await settle(pilot)
        expected = [h.key for h in search(dataset(MINI), parse_query('"demonstration"'), kinds=("events",))]
        assert list(app.rows.ids()) == expected and expected and "unbalanced" not in app.status().plain

    drive(app, steps)


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_filters_in_the_sidebar_narrow_by_phase_and_dates() -> None:
    """Choosing phase 2 in the sidebar and then a start date keeps what show's filters keep."""
    ds = dataset(SHIPPED)
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("f")
        phases = app.main.query_one("#phases", SelectionList)
        assert app.focused is phases
        await pilot.press("down", "down", "space")  # phase 2 (the list starts at phase 0)
        await settle(pilot)
        assert app.flt.phases == (2,)
        assert set(app.rows.ids()) == ids_of(ds, EventFilter(phases=(2,)))
        start = app.main.query_one("#from", Input)
        start.focus()
        await pilot.pause()
        await pilot.press(*"1956-11-01", "enter")
        await settle(pilot)
        expected = EventFilter(phases=(2,), dates=DateRange.from_options("1956-11-01", None, None))
        assert set(app.rows.ids()) == ids_of(ds, expected) and app.rows.event_count < 20
        assert "phase 2" in app.status().plain and "1956-11-01" in app.status().plain
        await pilot.press("tab")  # leave the date field, then clear everything
        app.main.action_clear()
        await settle(pilot)
        assert app.rows.event_count == ds.event_count() and app.flt == EventFilter()

    drive(app, steps, size=(120, 40))


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_command_line_filters_open_the_browser_on_them() -> None:
    """The filters of show given to browse are the list's filter from the start."""
    ds = dataset(SHIPPED)
    flt = EventFilter(people=("nagy",)) if "nagy" in ds.people else EventFilter(phases=(2,))
    app = browser(ds, flt, query="council")

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        expected = {h.key for h in search(ds, parse_query("council"), kinds=("events",), flt=flt)}
        assert set(app.rows.ids()) == expected and expected

    drive(app, steps)


def test_a_note_a_work_and_back() -> None:
    """n opens the selected event's note; a work link opens the work with its notes and events;
    backspace and alt+left walk back to where they came from."""
    ds = dataset(SHIPPED)
    event_id, n = first_with_note(ds)
    work_id = ds.notes[n].cites[0].work
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        assert app.select_event(event_id)
        await pilot.pause()
        await pilot.press("n")
        assert isinstance(app.screen, CardScreen) and app.screen.target == ("note", str(n))
        assert ds.notes[n].display().split()[0] in card(app)
        view = app.screen.query_one(CardView)
        await pilot.press("down")
        assert view.target == ("work", work_id)
        await pilot.press("enter")
        assert isinstance(app.screen, CardScreen) and app.screen.target == ("work", work_id)
        shown = card(app).replace("\n", " ")
        assert f"[{n}]" in shown and ds.event(event_id).title in shown  # type: ignore[union-attr]  # it exists
        await pilot.press("backspace")
        assert app.screen.target == ("note", str(n))
        await pilot.press("alt+left")
        assert isinstance(app.screen, MainScreen) and app.selected == event_id

    drive(app, steps)


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_the_event_links_of_a_work_open_events_in_full() -> None:
    """From a work, an event link opens that event's card, whose note link leads on."""
    ds = dataset(SHIPPED)
    event_id, n = first_with_note(ds)
    work_id = ds.notes[n].cites[0].work
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        app.open_target(("work", work_id))
        await pilot.pause()
        view = app.screen.query_one(CardView)
        rows = [i for i in range(len(view.source)) if view.source.target(i) == ("event", event_id)]
        view.move_to(rows[0])
        await pilot.press("enter")
        assert isinstance(app.screen, CardScreen) and app.screen.target == ("event", event_id)
        await pilot.press("n")
        assert app.screen.target == ("note", str(n))
        assert len(app.screen_stack) == 4

    drive(app, steps)


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_several_notes_are_offered_and_digits_open_one(mini: Path) -> None:
    """An event resting on two notes: n asks which, and 2 opens the second at once."""
    edit(mini / "chronology.toml", "notes = [5]", "notes = [4, 5]")
    ds = load_dataset(mini, use_cache=False)
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        assert app.select_event("second-intervention")
        await pilot.press("n")
        assert isinstance(app.screen, Picker)
        await pilot.press("down", "enter")
        assert isinstance(app.screen, CardScreen) and app.screen.target == ("note", "5")
        await pilot.press("backspace", "2")
        assert app.screen.target == ("note", "5")
        await pilot.press("backspace", "w")
        assert isinstance(app.screen, Picker)  # notes 4 and 5 cite several works
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    drive(app, steps)


@pytest.mark.slow  # five app runs
@pytest.mark.parametrize(
    ("key", "kind"), [("P", "people"), ("L", "places"), ("T", "tags"), ("N", "notes"), ("S", "sources")]
)
def test_each_index_is_a_screen_of_its_own(key: str, kind: str) -> None:
    """P, L, T, N and S open the people, places, tags, notes and sources, one row each."""
    ds = dataset(SHIPPED)
    sizes = {"people": len(ds.people), "places": len(ds.places), "tags": len(ds.tags), "notes": len(ds.notes)}
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press(key)
        assert isinstance(app.screen, IndexScreen)
        rows = app.screen.query_one(VirtualList).source
        assert len(rows) == sizes.get(kind, len(ds.works))
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    drive(app, steps)


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_a_person_from_the_index_filters_the_timeline_and_back_undoes_it() -> None:
    """Narrowing the people index and choosing one lists that person's events; back restores."""
    ds = dataset(SHIPPED)
    person = next(p for p in ds.people.values() if ds.counts("people").get(p.id))
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("P", "slash", *person.name.split()[-1])
        rows = app.screen.query_one(VirtualList)
        assert 1 <= len(rows.source) < len(ds.people)
        await pilot.press("enter")  # from the filter field to the list
        targets = [rows.source.target(i) for i in range(len(rows.source))]
        rows.move_to(targets.index(("person", person.id)))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.flt.people == (person.id,)
        assert set(app.rows.ids()) == ids_of(ds, EventFilter(people=(person.id,)))
        await pilot.press("backspace")
        await settle(pilot)
        assert app.flt == EventFilter() and app.rows.event_count == ds.event_count()

    drive(app, steps)


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_the_notes_and_sources_indexes_open_records() -> None:
    """Enter on a note opens the note; on a source, the work."""
    ds = dataset(SHIPPED)
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("N", "enter")
        assert isinstance(app.screen, CardScreen) and app.screen.target == ("note", str(min(ds.notes)))
        await pilot.press("escape", "escape", "S", "enter")
        assert isinstance(app.screen, CardScreen) and app.screen.target[0] == "work"

    drive(app, steps)


def test_the_style_changes_every_citation_and_copy_sends_chron_cites_text(run: Run) -> None:
    """s chooses a style; c copies the note's citation in it, exactly what `chron cite` prints."""
    ds = dataset(SHIPPED)
    event_id, n = first_with_note(ds)
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        assert app.select_event(event_id)
        await pilot.press("s")
        assert isinstance(app.screen, Picker)
        from chron.citation import STYLES

        await pilot.press(*["down"] * list(STYLES).index("apa"), "enter")  # the picker lists STYLES in order
        assert app.cite_style.name == "apa" and "style apa" in app.status().plain
        await pilot.press("c")
        expected = run("cite", str(n), "--style", "apa").stdout.rstrip("\n")
        assert app.clipboard == expected and expected
        await pilot.press("n")
        assert "Cites · apa" in card(app)
        await pilot.press("down", "c")  # on the note screen: the note's citation again
        assert app.clipboard == expected

    drive(app, steps)


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_copying_a_work_sends_its_citation(run: Run) -> None:
    """On a work's screen c copies the work's citation, as `chron cite WORK` prints it."""
    ds = dataset(SHIPPED)
    work_id = next(iter(ds.works))
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        app.open_target(("work", work_id))
        await pilot.pause()
        await pilot.press("c")
        assert app.clipboard == run("cite", work_id).stdout.rstrip("\n")

    drive(app, steps)


@pytest.mark.parametrize(
    ("choice", "command"),
    [
        ("events:json", ["show", "-f", "json"]),
        pytest.param("works:ris", ["export", "ris"], marks=pytest.mark.slow),
    ],
)
def test_export_writes_what_the_command_line_prints(run: Run, tmp_path: Path, choice: str, command: list[str]) -> None:
    """e writes the listed events as `show --format` prints them (the works as `chron export`),
    through the safe writer, which will not replace a file unless asked."""
    ds = dataset(MINI)
    app = browser(ds, EventFilter(places=("ujpest",)))
    target = tmp_path / "out.txt"

    async def export(pilot: Pilot[None], force: bool) -> None:
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one("#format").value = choice  # type: ignore[attr-defined]  # a Select
        dialog.query_one("#path", Input).value = str(target)
        dialog.query_one("#force").value = force  # type: ignore[attr-defined]  # a Checkbox
        await pilot.pause()
        dialog.query_one("#path", Input).focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await export(pilot, force=False)
        args = [*command[:1], "--place", "ujpest", *command[1:]] if command[0] == "show" else command
        expected = run(*args, data=MINI).stdout
        if command[0] == "export":  # the works the listed events' notes cite, and the text itself
            assert target.read_text(encoding="utf-8").startswith("TY  -")
        else:
            assert target.read_text(encoding="utf-8") == expected
        assert app.exported == [str(target.resolve())]
        target.write_text("mine", encoding="utf-8")
        await export(pilot, force=False)
        assert target.read_text(encoding="utf-8") == "mine"  # not replaced without asking
        await export(pilot, force=True)
        assert target.read_text(encoding="utf-8") != "mine"

    drive(app, steps)


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_help_lists_every_binding() -> None:
    """? shows every key of every screen, from the bindings themselves."""
    app = browser(dataset(MINI))
    descriptions = [line.plain.strip() for line in key_table()]

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = card(app)
        for screen in (BrowseApp, MainScreen, CardScreen, IndexScreen, VirtualList):
            for b in screen.BINDINGS:
                assert b.description in shown, b  # type: ignore[union-attr]  # all are Binding
        assert descriptions and all(d in shown for d in descriptions if d)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)

    drive(app, steps)


@pytest.mark.parametrize("how", ["q", "closed"])
def test_quitting_while_the_list_is_still_read_is_clean(monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """q, or the app closed from outside, before a long listing is read (as at 100,000 events) ends
    the app without an error: the timer that moves rows into the list stops when the list is gone."""
    real = model.listing

    def slow(ds: Dataset, flt: EventFilter) -> Iterator[model.Item]:
        for item in real(ds, flt):
            time.sleep(0.3)
            yield item

    monkeypatch.setattr(model, "listing", slow)
    app = browser(dataset(MINI))

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            while app.rows.event_count == 0:
                await pilot.pause(0.005)
            assert app.loading
            if how == "q":
                await pilot.press("q")
                await pilot.pause(0.1)

    asyncio.run(main())  # an error in the app would be raised here
    assert app.return_code == (0 if how == "q" else None)  # None: closed from outside, no exit code set


@pytest.mark.parametrize("key", ["q", pytest.param("ctrl+c", marks=pytest.mark.slow)])
def test_q_and_ctrl_c_quit(key: str) -> None:
    """Both q and Ctrl-C end the app cleanly, even from the search field."""
    app = browser(dataset(MINI))

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        if key == "ctrl+c":
            await pilot.press("/")
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running

    drive(app, steps)
    assert app.return_code == 0


def test_data_is_drawn_as_text_never_as_markup_and_controls_are_shown(mini: Path) -> None:
    """A title holding Textual markup, an escape sequence and a bidi override is drawn as it is
    written, with the controls made visible, in the list, the detail and the note."""
    hostile = "[bold red]x[/] \\u001b[31mred\\u202e end"
    edit(mini / "chronology.toml", 'title = "Demonstration in Budapest"', f'title = "{hostile}"')
    ds = load_dataset(mini, use_cache=False)
    app = browser(ds)

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        assert app.select_event("budapest-demonstration")
        await pilot.pause()
        events = app.main.query_one("#events", VirtualList)
        row: Content = events.source.line(events.cursor or 0)
        for text in (row.plain, detail(app)):
            assert "[bold red]x[/]" in text and "\\x1b[31m" in text and "\x1b" not in text
            assert "\u202e" not in text  # shown, or at least never obeyed
        assert not any("red" in str(span.style) for span in row.spans)

    drive(app, steps)


def test_hostile_data_is_drawn_with_every_control_shown(tmp_path: Path) -> None:
    """The hostile dataset of test_hostile (escapes, OSC 52, bidi overrides, C1 controls in every
    field), which that test's command run cannot bring to the browser (it needs a terminal): every
    row of the list, every event, note and work in full, and every index row is drawn with no raw
    control or bidi character."""
    import shutil

    from chron.cli.browse.indexes import make_index
    from chron.cli.browse.text import wrap
    from chron.escape import BIDI
    from tests.hostile import make

    raw = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
    folder = tmp_path / "data"
    shutil.copytree(MINI, folder)
    ds = load_dataset(make(folder), use_cache=False)
    app = browser(ds)
    drawn: list[str] = []

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        events = app.main.query_one("#events", VirtualList)
        drawn.extend(events.source.line(i).plain for i in range(len(events.source)))
        targets = [("event", e) for e in app.rows.ids()]
        targets += [("note", str(n)) for n in ds.notes] + [("work", w) for w in ds.works]
        for target in targets:
            drawn.extend(content.plain for content, _ in wrap(app.card(target), 60))
        for kind in ("people", "places", "tags", "notes", "sources"):
            index = make_index(ds, kind, app.cite_style, app.ctx)
            drawn.extend(index.line(key).plain for key in index.keys)
        await pilot.press("n")  # and one card on a screen of its own, as drawn
        await pilot.pause()
        drawn.append(card(app) if isinstance(app.screen, CardScreen) else "")

    drive(app, steps)
    assert len(drawn) > len(ds.notes) + len(ds.works)
    bad = [line for line in drawn if raw.search(line)]
    assert not bad, bad[:3]
    assert any("\\x1b" in line for line in drawn)  # the escapes are there, shown


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_themes_follow_the_terminal_and_no_color_is_monochrome(monkeypatch: pytest.MonkeyPatch) -> None:
    """A light background ($COLORFGBG) starts the light theme, t switches; NO_COLOR is honoured."""
    monkeypatch.setenv("COLORFGBG", "0;15")
    monkeypatch.setenv("NO_COLOR", "1")
    app = BrowseApp(dataset(MINI), EventFilter())
    assert app.theme == "textual-light" and app.no_color

    async def steps(app: BrowseApp, pilot: Pilot[None]) -> None:
        await pilot.press("t")
        assert app.theme == "textual-dark"

    drive(app, steps)
    monkeypatch.setenv("COLORFGBG", "15;0")
    assert BrowseApp(dataset(MINI), EventFilter()).theme == "textual-dark"


# ------------------------------------------------------------------ snapshots (reviewed by eye)


def _snapshot_steps(*keys: str, select: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        app = pilot.app
        assert isinstance(app, BrowseApp)
        if select is not None:
            assert app.select_event(select)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await pilot.pause(0.1)

    return run_before


SNAPSHOTS = {
    "main": ((), None),
    "search": (("slash", *"council", "escape"), None),
    "note": (("n",), "maleter-joins-revolutionaries"),
    "work": (("n", "down", "down", "enter"), "maleter-joins-revolutionaries"),
    "people": (("P",), None),
    "filters": (("f",), None),
    "keys": (("question_mark",), None),
}


# Two of them run by default; all of them with -m slow (CI runs both).
QUICK = {("main", (80, 24)), ("note", (120, 40))}


@pytest.mark.parametrize(
    ("name", "size"),
    [
        pytest.param(
            name, size, id=f"{name}-{size[0]}x{size[1]}", marks=() if (name, size) in QUICK else pytest.mark.slow
        )
        for name in SNAPSHOTS
        for size in ((80, 24), (120, 40))
    ],
)
def test_snapshot(snap_compare: Any, name: str, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> None:
    """The main screens at 80×24 and 120×40 look as reviewed (pytest --snapshot-update remakes them)."""
    # The picture is Textual's SVG text at a fixed size and theme: no font or terminal is involved,
    # and the environment variables that change colours are cleared so any machine draws the same.
    for variable in ("NO_COLOR", "COLORFGBG", "TEXTUAL_COLOR_SYSTEM", "TEXTUAL_THEME"):
        monkeypatch.delenv(variable, raising=False)
    keys, select = SNAPSHOTS[name]
    app = BrowseApp(load_dataset(FROZEN, use_cache=False), EventFilter(), theme="textual-dark")
    assert snap_compare(app, terminal_size=size, run_before=_snapshot_steps(*keys, select=select))


# ------------------------------------------------------------------ a real terminal


def _pty_run(keys: list[tuple[bytes, bytes | None]], data: Path, size: tuple[int, int] = (24, 80)) -> dict[str, Any]:
    """Start `chron browse` in a pseudo-terminal, send each key (waiting for its pattern), and
    return the output, the exit code, and the terminal's modes before and after."""
    import fcntl
    import pty
    import select as select_
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[0], size[1], 0, 0))
    before = termios.tcgetattr(slave)
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm-256color", CHRON_DATA=str(data))
    proc = subprocess.Popen(
        [sys.executable, "-m", "chron", "browse"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    out = bytearray()

    def read_until(pattern: bytes | None, timeout: float = 30) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            ready, _, _ = select_.select([master], [], [], 0.05)
            if ready:
                try:
                    out.extend(os.read(master, 65536))
                except OSError:
                    return False
            if pattern is not None and re.search(pattern, bytes(out)):
                return True
        return pattern is None

    started = time.monotonic()
    first = read_until(rb"[1-9][\d,]* events?")
    first_screen = time.monotonic() - started
    try:
        for key, pattern in keys:
            os.write(master, key)
            assert read_until(pattern, 30 if pattern else 0.5), (key, bytes(out[-3000:]))
        code = proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
    read_until(None, 0.3)
    after = termios.tcgetattr(slave)
    os.close(master)
    os.close(slave)
    return {"out": bytes(out), "code": code, "before": before, "after": after, "first": first, "time": first_screen}


def test_in_a_real_terminal_it_searches_opens_a_note_and_restores_the_terminal() -> None:
    """In a pseudo-terminal: the list appears, a query narrows it, n opens the note, q quits;
    the alternate screen is left, the cursor shown again and the tty's modes are as before."""
    _, n, phrase = found_alone(dataset(SHIPPED))
    result = _pty_run(
        [
            (f"/{phrase}".encode(), rb"1 event matches"),
            (b"\r", None),  # from the search field to the list
            (b"n", rf"Note {n}".encode()),
            (b"q", None),
        ],
        SHIPPED,
    )
    out = result["out"]
    assert result["first"], out[-2000:]
    assert result["code"] == 0, out[-2000:]
    assert out.count(b"\x1b[?1049h") >= 1 and out.rfind(b"\x1b[?1049l") > out.rfind(b"\x1b[?1049h")
    assert out.rfind(b"\x1b[?25h") > out.rfind(b"\x1b[?25l")  # the cursor is shown again
    assert result["after"] == result["before"]  # echo, canonical mode and the rest restored
    assert b"Traceback" not in out


@pytest.mark.slow  # a whole app run: the default suite keeps a few of these
def test_copy_in_a_real_terminal_is_an_osc_52_sequence(run: Run) -> None:
    """c writes the citation to the terminal as OSC 52, base64 of exactly `chron cite N`."""
    import base64

    _, n, phrase = found_alone(dataset(SHIPPED))
    expected = run("cite", str(n)).stdout.rstrip("\n")
    keys = [(f"/{phrase}".encode(), rb"1 event matches"), (b"\r", None), (b"c", rb"\x1b\]52;c;"), (b"q", None)]
    result = _pty_run(keys, SHIPPED)
    sent = re.search(rb"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", result["out"])
    assert sent is not None and result["code"] == 0
    assert base64.b64decode(sent.group(1)).decode("utf-8") == expected


# ------------------------------------------------------------------ scale (slow)

BENCH = Path(os.environ.get("CHRON_BENCH_DATA", "/work/bench-data")) / "d100000"


@pytest.mark.slow
@pytest.mark.skipif(not (BENCH / "chronology.toml").is_file(), reason="no 100k dataset (benchmarks/generate.py)")
def test_100k_events_scroll_and_filter_without_lag() -> None:
    """At 100,000 events the first rows come at once, each key typed in the search bar updates the
    list within half a second (a single letter, a word being typed, an exclusion, a field filter),
    the end of the list is reached and drawn, and the filters apply."""
    ds = load_dataset(BENCH)
    app = browser(ds)
    timings: dict[str, float] = {}

    async def typed(pilot: Pilot[None], key: str) -> None:
        """Type one key, timing it until its own search shows its first rows (or is found empty)."""
        before = app.reloads
        pressed = time.perf_counter()
        # Pilot.press waits for the process to idle, which a search reading its rest in a thread
        # delays: the key is sent by a task, and the time taken is the list's.
        task = asyncio.create_task(pilot.press(key))
        while app.reloads == before or (app.loading and app.rows.event_count == 0):
            await asyncio.sleep(0.005)
        await pilot.pause(0)
        timings[app.query_text] = time.perf_counter() - pressed
        await task

    async def main() -> None:
        started = time.perf_counter()
        async with app.run_test(size=(120, 40)) as pilot:
            while app.rows.event_count == 0:
                await pilot.pause(0.005)
            timings["first rows"] = time.perf_counter() - started
            await settle(pilot, 120)
            assert app.rows.event_count == ds.event_count()
            await pilot.press("end")
            await pilot.pause()
            assert app.selected == list(app.rows.ids())[-1]
            await pilot.press("/")
            for key in "csepel":
                await typed(pilot, key)
            await settle(pilot, 120)
            assert set(app.rows.ids()) == {h.key for h in search(ds, parse_query("csepel"), kinds=("events",))}
            for key in ("space", *"-bu", "space", *"place:budapest"):
                await typed(pilot, key)
            await settle(pilot, 120)
            expected = {h.key for h in search(ds, parse_query("csepel -bu place:budapest"), kinds=("events",))}
            assert set(app.rows.ids()) == expected and expected

    asyncio.run(main())
    assert timings["first rows"] < 3 * 1.5, timings  # the target is 1.5 s on a quiet machine
    keys = {k: v for k, v in timings.items() if k != "first rows"}
    # The target is 0.5 s; the machine the suite runs on may be shared, so three times that.
    assert max(keys.values()) < 3 * 0.5, keys
