"""The circumstances of one rendering: the item, the cite, the scope and what disambiguation asks (pure).

An ``Env`` is made for each cite or bibliography entry rendered and passed down the style's
tree; the elements read it (the item, the position, the locator) and write the little state the
specification needs along the way: which variables a group called and found, which variables a
substitution used up, whether the year suffix has been placed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chron.citation.csl.item import Item, Name
    from chron.citation.csl.locale import Locale
    from chron.citation.csl.names import Names
    from chron.citation.csl.output import Out
    from chron.citation.csl.style import Style

FIRST, SUBSEQUENT, IBID, IBID_WITH_LOCATOR = 0, 1, 2, 3
POSITIONS = {"first": FIRST, "subsequent": SUBSEQUENT, "ibid": IBID, "ibid-with-locator": IBID_WITH_LOCATOR}


@dataclass(slots=True)
class Disambiguation:
    """What disambiguation has decided for one cite: names added beyond et-al, given names expanded
    (per name variable, a level for each name: 1 initials, 2 full), the ``disambiguate`` condition,
    and the year suffix."""

    add_names: int = 0
    givens: dict[str, list[int]] = field(default_factory=dict)
    condition: bool = False
    year_suffix: str = ""

    def copy(self) -> Disambiguation:
        return Disambiguation(
            self.add_names, {k: list(v) for k, v in self.givens.items()}, self.condition, self.year_suffix
        )


class Env:
    """One rendering: of a cite (``bib`` False) or of a bibliography entry, or of a sort key."""

    __slots__ = (
        "bib",
        "called",
        "cite_vars",
        "dis",
        "english",
        "filled",
        "first_is_names",
        "first_names",
        "item",
        "label",
        "last_is_names",
        "last_list",
        "locale",
        "locator",
        "name_log",
        "position",
        "rendered",
        "skip_names",
        "sort_names",
        "sorting",
        "style",
        "substituting",
        "suffix_done",
        "suppressed",
        "year_slot",
    )

    def __init__(
        self,
        style: Style,
        locale: Locale,
        item: Item,
        *,
        bib: bool = False,
        position: int = FIRST,
        locator: str = "",
        label: str = "",
        dis: Disambiguation | None = None,
        cite_vars: dict[str, str] | None = None,
        sorting: bool = False,
        sort_names: tuple[int, int, bool] | None = None,
    ) -> None:
        self.style = style
        self.locale = locale
        self.item = item
        self.bib = bib
        self.position = position
        self.locator = locator
        self.label = (label or ("page" if locator else "")).replace("sub verbo", "sub-verbo")
        self.dis = dis or Disambiguation()
        self.cite_vars = cite_vars or {}
        self.sorting = sorting
        self.sort_names = sort_names
        """names-min, names-use-first, names-use-last of the sort key being rendered."""
        lang = item.language.lower()
        self.english = not lang or lang.startswith("en")
        self.called = 0
        """Variables a group has called so far (see Group)."""
        self.filled = 0
        """...and how many of them had a value."""
        self.suppressed: set[str] = set()
        """Variables a substitution has used, empty from then on."""
        self.rendered: list[str] = []
        """Variables rendered so far, in order (for substitution to suppress)."""
        self.year_slot = False
        """A date or the year-suffix variable was rendered (a collapsed cite then joins its group)."""
        self.suffix_done = False
        """The year suffix has been printed (after the first date, or where the style puts it)."""
        self.substituting: Names | None = None
        """The ``cs:names`` whose substitute is being rendered (a bare ``cs:names`` inside takes its form)."""
        self.skip_names = False
        """Leave out the first names the cite prints (suppress-author, collapsed cites)."""
        self.last_list: Out | None = None
        """The name list (or substitute) the ``cs:names`` being rendered printed first."""
        self.last_is_names = False
        self.first_is_names = False
        """Whether ``first_names`` holds names (not a title or other text standing in for them)."""
        self.first_names: Out | None = None
        """The output of the first ``cs:names`` printed (cite grouping, subsequent-author-substitute)."""
        self.name_log: list[tuple[str, tuple[Name, ...], int]] | None = None
        """When a list: each name variable the cite printed, with its names and how many were shown."""

    def mark(self, variable: str) -> None:
        """Note that ``variable`` was printed; inside a substitution it is used up at once."""
        self.rendered.append(variable)
        if self.substituting is not None:
            self.suppressed.add(variable)

    def value(self, variable: str) -> str:
        """A text or number variable of the item, or of the cite (locator, first-reference-note-number)."""
        if variable in self.suppressed:
            return ""
        if variable in self.cite_vars:
            return self.cite_vars[variable]
        if variable == "locator":
            return self.locator
        if variable == "year-suffix":
            return self.dis.year_suffix
        return self.item.vars.get(variable, "")
