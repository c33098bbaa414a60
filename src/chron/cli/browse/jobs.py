"""Running a listing or a search away from the screen: one thread per query, over its own read-only
view of the same store, so the interface never waits for a scan of 100,000 events.

SQLite connections belong to the thread that opened them, so each job opens the store again (a
file: a read-only connection; a store kept in memory: a copy of its bytes) and reads it through
the same ``Dataset`` class. A job puts what it finds in a buffer the interface drains as it draws;
cancelling a job stops it at the next row (``Connection.interrupt``). A job may hand over a first
screenful and wait a moment before it reads the rest: a search typed a key at a time is cancelled
by the next key in that moment, so reading 100,000 ids is done once the typing pauses, not at every
key. No Textual here.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from chron.errors import ChronError

if TYPE_CHECKING:
    from chron.cli.browse.model import Item
    from chron.dataset import Dataset

Source = Callable[["Dataset"], Iterator["Item"]]


class Opener:
    """Opens, in the calling thread, another ``Dataset`` over the store of ``ds``."""

    def __init__(self, ds: Dataset) -> None:
        self.folder = ds.folder
        self.path = ds.path
        # A store kept in memory is copied once, here, in the thread that owns it.
        self.image = ds.db.serialize() if ds.path is None else None

    def __call__(self) -> Dataset:
        from chron.dataset import Dataset

        if self.path is not None:
            db = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
        else:
            assert self.image is not None
            db = sqlite3.connect(":memory:")
            db.deserialize(self.image)
        # No path: an interrupted query is not mistaken for a damaged store (which would be removed).
        return Dataset(db, self.folder, None)


class Job:
    """One listing or search, run in its own thread; ``take`` hands over what it has found so far."""

    def __init__(self, opener: Opener, source: Source, *, first: int = 0, pause: float = 0.0) -> None:
        """``first`` items are handed over at once; then, with a ``pause``, the rest waits that long."""
        self._opener = opener
        self._source = source
        self._first = first
        self._pause = pause
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._found: list[Item] = []
        self._db: sqlite3.Connection | None = None
        self.cancelled = False
        self.done = False
        self.error: str | None = None
        self.thread = threading.Thread(target=self._run, name="chron-browse-job", daemon=True)

    def start(self) -> Job:
        self.thread.start()
        return self

    def _run(self) -> None:
        try:
            ds = self._opener()
            with self._lock:
                self._db = ds.db
            if self.cancelled:
                return
            batch: list[Item] = []
            for count, item in enumerate(self._source(ds), 1):
                if self.cancelled:
                    return
                batch.append(item)
                if len(batch) >= 64 or not self._found or count == self._first:
                    with self._lock:
                        self._found.extend(batch)
                    batch = []
                if count == self._first and self._pause and self._stopped.wait(self._pause):
                    return  # cancelled while it waited
            with self._lock:
                self._found.extend(batch)
        except ChronError as err:
            if not self.cancelled:
                self.error = err.message
        except sqlite3.Error as err:  # interrupted by cancel(), or a store replaced underneath
            if not self.cancelled:
                self.error = f"the search stopped: {err}"
        finally:
            self.done = True
            with self._lock:
                if self._db is not None:
                    self._db.close()
                    self._db = None

    def take(self) -> list[Item]:
        """What was found since the last call."""
        with self._lock:
            found, self._found = self._found, []
        return found

    def cancel(self) -> None:
        """Stop the job at its next row; what it finds after this is dropped."""
        self.cancelled = True
        self._stopped.set()
        with self._lock:
            if self._db is not None:
                self._db.interrupt()
