"""How fast `chron browse` is: the first screen, and a keystroke in the search bar.

    python benchmarks/browse.py                                   # the shipped data (203 events)
    python benchmarks/browse.py --data /work/bench-data/d100000   # a generated 100,000-event dataset
    python benchmarks/browse.py --runs 7 --data DIR

Three numbers, each a median over --runs (the machine may be shared and noisy: never trust one):

- first screen, whole process: `chron browse` started in a pseudo-terminal (80×24) until the status
  line shows a count of events, i.e. the first rows are drawn; the cache is warm (a run of
  `chron show` before). Python's start, the imports (Textual's are most of it) and the first rows.
- first rows, in process: from building the app on a loaded dataset to its first rows, under
  Textual's pilot (`App.run_test`); the part of the above that is chron's own.
- keystroke: under the pilot, one key typed in the search bar until the list shows that query's
  first rows (or its end, when nothing matches, or the status says the query cannot be read) and
  the screen is drawn, for each key of several queries (--keys prints each); this includes the
  pause the search bar waits for more typing (10 ms below 2,000 events, 30 ms below 20,000, 150 ms
  above). Also the process's CPU time for each (all its threads), which a busy machine does not
  inflate. The key is sent by ``Pilot.press``, but its wait for the process to be idle is not
  counted: a search still reading the rest of its list in a thread keeps the process busy, and
  that wait (up to two seconds) would be counted as the keystroke's although the list is shown.

Also printed, as the machine's state at the time: `chron show --phase 2 -f ids` (whole process)
and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Typed a key at a time: each prefix of each is measured (a word being typed reads as a prefix).
QUERIES = ["csepel", "council", "strike -budapest", "nagy OR kadar", "place:csepel arms", "zzzz"]


def first_screen(data: Path) -> float:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm-256color", CHRON_DATA=str(data))
    chron = str(Path(sys.executable).parent / "chron")
    started = time.perf_counter()
    proc = subprocess.Popen([chron, "browse"], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    out = bytearray()
    took = float("nan")
    try:
        while time.perf_counter() - started < 60:
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                out.extend(os.read(master, 65536))
                if re.search(rb"[1-9][\d,]* events?", out):
                    took = time.perf_counter() - started
                    break
        os.write(master, b"q")
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
        os.close(slave)
    return took


async def in_process(data: Path) -> tuple[float, list[tuple[str, float, float]]]:
    from chron.cli.browse.app import BrowseApp
    from chron.load import load_dataset
    from chron.query import EventFilter

    ds = load_dataset(data)
    started = time.perf_counter()
    app = BrowseApp(ds, EventFilter(), theme="textual-dark")
    # (the query so far, wall time, the process's CPU time of all threads: what load cannot inflate)
    keystrokes: list[tuple[str, float, float]] = []
    async with app.run_test(size=(120, 40)) as pilot:
        while app.rows.event_count == 0:
            await pilot.pause(0.002)
        first = time.perf_counter() - started
        while app.busy:
            await pilot.pause(0.01)
        search = app.main.query_one("#search")
        for query in QUERIES:
            await pilot.press("/")
            assert app.focused is search and not app.query_text, (app.focused, app.query_text)
            pressing: list[asyncio.Task[None]] = []
            for i, ch in enumerate(query):
                before = app.reloads
                pressed = time.perf_counter()
                used = time.process_time()
                # The pilot sends the key at once, then waits for the process to idle: that wait runs
                # beside this measure, not in it.
                pressing.append(asyncio.create_task(pilot.press("space" if ch == " " else ch)))
                # Shown: this query's list (the old one shows while the typing pauses) with its first
                # rows, or finished empty, or the status saying the query cannot be read; then drawn.
                while app.reloads == before or (app.loading and app.rows.event_count == 0):
                    await asyncio.sleep(0.002)
                await pilot.pause(0)
                assert app.query_text == query[: i + 1], (app.query_text, query[: i + 1])
                keystrokes.append((query[: i + 1], time.perf_counter() - pressed, time.process_time() - used))
            await asyncio.gather(*pressing)
            while app.busy:
                await pilot.pause(0.01)
            await pilot.press(*["backspace"] * len(query), "escape")  # cleared, and back to the list
            while app.busy:
                await pilot.pause(0.01)
    return first, keystrokes


def show_time(data: Path) -> float:
    chron = str(Path(sys.executable).parent / "chron")
    started = time.perf_counter()
    subprocess.run([chron, "--data", str(data), "show", "--phase", "2", "-f", "ids"], capture_output=True, check=True)
    return time.perf_counter() - started


def ms(value: float) -> str:
    return f"{value * 1000:,.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pty", action="store_true", help="skip the first screen in a pseudo-terminal")
    parser.add_argument("--keys", action="store_true", help="also print each key's median wall and CPU time")
    args = parser.parse_args()
    show_time(args.data)  # warm the cache
    shows, screens, firsts = [], [], []
    typed: dict[str, list[tuple[float, float]]] = {}  # by the query so far: (wall, CPU) of each run
    for _ in range(args.runs):
        shows.append(show_time(args.data))
        if not args.no_pty:
            screens.append(first_screen(args.data))
        first, keystrokes = asyncio.run(in_process(args.data))
        firsts.append(first)
        for typed_so_far, wall, cpu in keystrokes:
            typed.setdefault(typed_so_far, []).append((wall, cpu))
    keys = sorted(wall for times in typed.values() for wall, _ in times)
    cpus = sorted(cpu for times in typed.values() for _, cpu in times)
    print(f"data: {args.data} · runs: {args.runs} · load average: {os.getloadavg()[0]:.1f}")
    print(f"chron show --phase 2 -f ids (whole process):  median {ms(statistics.median(shows))}")
    if screens:
        print(f"first screen (whole process, pty 80x24):      median {ms(statistics.median(screens))}")
    print(f"first rows (in process, pilot):               median {ms(statistics.median(firsts))}")
    keys.sort()
    p90 = keys[int(len(keys) * 0.9)]
    print(
        f"keystroke to updated list ({len(keys)} keys):        median {ms(statistics.median(keys))}, 90% {ms(p90)},"
        f" max {ms(keys[-1])}"
    )
    cpus.sort()
    print(
        f"  CPU time of those keystrokes:                 median {ms(statistics.median(cpus))},"
        f" 90% {ms(cpus[int(len(cpus) * 0.9)])}, max {ms(cpus[-1])}"
    )
    if args.keys:
        print("each key (the query so far): median wall, median CPU, slowest wall")
        for typed_so_far, times in typed.items():
            walls, used = [w for w, _ in times], [c for _, c in times]
            wall, cpu = ms(statistics.median(walls)), ms(statistics.median(used))
            print(f"  {typed_so_far!r:20} {wall:>9} {cpu:>9} {ms(max(walls)):>9}")


if __name__ == "__main__":
    main()
