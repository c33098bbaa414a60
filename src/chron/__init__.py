"""chron: a command-line chronology and citation tool for a dated, footnoted text."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """``chron.__version__``: the one version number, read from the installed package's metadata
    (only when asked for: importlib.metadata costs start-up time)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("chron")
        except PackageNotFoundError:  # run from a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
