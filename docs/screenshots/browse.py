"""Regenerate the screenshots of `chron browse` in docs/screenshots/ (run from the repository root).

    python docs/screenshots/browse.py

Each is the browser on the shipped dataset, driven by Textual's pilot and saved as SVG by Textual
itself, so what docs/browse.md shows is what the app draws.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# name: (terminal size, keys pressed once the list is read, event to select first)
SHOTS: dict[str, tuple[tuple[int, int], tuple[str, ...], str | None]] = {
    "browse-search": ((120, 36), ("slash", *"council", "escape"), None),
    "browse-note": ((100, 30), ("n",), "maleter-joins-revolutionaries"),
    "browse-work": ((100, 30), ("n", "down", "down", "enter"), "maleter-joins-revolutionaries"),
    "browse-80x24": ((80, 24), (), None),
    "browse-filters": ((120, 36), ("f", "down", "down", "space"), None),
    "browse-people": ((100, 30), ("P",), None),
}


async def shoot(name: str, size: tuple[int, int], keys: tuple[str, ...], select: str | None) -> None:
    from chron.cli.browse.app import BrowseApp
    from chron.load import load_dataset
    from chron.query import EventFilter

    app = BrowseApp(load_dataset(ROOT / "data"), EventFilter(), theme="textual-dark")
    async with app.run_test(size=size) as pilot:
        while app.busy:
            await pilot.pause(0.02)
        if select is not None and not app.select_event(select):
            raise SystemExit(f"{name}: no event {select!r} in the shipped data; choose another")
        for key in keys:
            await pilot.press(key)
            await pilot.pause(0.05)
            while app.busy:
                await pilot.pause(0.02)
        await pilot.pause(0.2)
        app.save_screenshot(str(HERE / f"{name}.svg"))


def main() -> None:
    for name, (size, keys, select) in SHOTS.items():
        asyncio.run(shoot(name, size, keys, select))
        print(f"wrote docs/screenshots/{name}.svg")


if __name__ == "__main__":
    main()
