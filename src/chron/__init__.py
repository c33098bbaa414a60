"""chron: a command-line chronology and citation tool for a dated, footnoted text."""

__version__ = "0.1.0"
