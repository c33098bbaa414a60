"""Regenerate the screenshots in docs/screenshots/ (run from the repository root).

    python docs/screenshots/make.py

The terminal picture is drawn by chron with colour and saved as SVG through rich; the HTML page is
written by chron and photographed with headless Chromium (Debian package `chromium`), if present.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def chron(*args: str, color: bool = False) -> str:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "100", "FORCE_COLOR": "1" if color else "", "NO_COLOR": ""}
    done = subprocess.run(
        [sys.executable, "-m", "chron", *args], capture_output=True, text=True, env=env, check=True, cwd=ROOT
    )
    return done.stdout


def terminal_svg() -> None:
    from rich.console import Console
    from rich.text import Text

    from chron.load import load_dataset
    from chron.query import EventFilter, filter_events
    from chron.timeline import terminal

    ds = load_dataset(ROOT / "data")
    events = filter_events(ds, EventFilter.from_options(ds, phase=["2"]))
    text = terminal(ds, events, width=100, color=True)
    import io

    console = Console(record=True, width=100, force_terminal=True, color_system="standard", file=io.StringIO())
    console.print(Text.from_ansi(text))
    (HERE / "timeline-terminal.svg").write_text(console.export_svg(title="chron timeline --phase 2"), encoding="utf-8")


def html_png() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("chromium not found: timeline-html.png not regenerated")
        return
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "timeline.html"
        page.write_text(chron("timeline", "--format", "html"), encoding="utf-8")
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={tmp}/profile",
                "--hide-scrollbars",
                "--window-size=1100,1400",
                f"--screenshot={HERE / 'timeline-html.png'}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    terminal_svg()
    html_png()
    print("screenshots written to", HERE)
