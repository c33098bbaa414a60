"""The order of the corpus bibliography in each style against citeproc-js's (no node needed).

Issue 15 found MLA's works-cited list sorted by the day-of-month text ("1 May", "11 Dec.", "11 May"):
dated periodicals (newspapers and magazines, one paper on several days) must come in citeproc-js's order.
So must every entry: keys compare as citeproc-js's collator compares them (punctuation ignored, words
apart, "O’Connell" with "Oc", "Sørensen" with "So"), and a macro's names sort as they print (APA's
"Molnár, M." for Miklós and Márta alike, so the year decides).
"""

from __future__ import annotations

import pytest

from chron.citation.csl import files
from chron.citation.csl.engine import Processor
from chron.citation.csl.item import from_csl_json
from tests.corpus import goldens

PERIODICALS = ("article-newspaper", "article-magazine")


@pytest.mark.parametrize(("style", "locale"), [(s, lang) for s in goldens.STYLES for lang in goldens.LOCALES])
def test_dated_periodicals_in_citeproc_js_order(style: str, locale: str) -> None:
    """Newspaper and magazine items sort by their dates (day and month as numbers), as citeproc-js sorts them."""
    raw = goldens.items()
    csl = files.shipped_style(style)
    entries = Processor(csl, files.locale(locale, csl), [from_csl_json(i) for i in raw]).bibliography()
    periodicals = {i["id"] for i in raw if i["type"] in PERIODICALS}
    ours = [key for key, _ in entries if key in periodicals]
    theirs = [key for key in goldens.bibliography_order("citeproc-js", style, locale) if key in periodicals]
    assert len(ours) >= 40 and ours == theirs


@pytest.mark.parametrize(("style", "locale"), [(s, lang) for s in goldens.STYLES for lang in goldens.LOCALES])
def test_whole_bibliography_in_citeproc_js_order(style: str, locale: str) -> None:
    """Every entry both processors print comes in citeproc-js's order."""
    raw = goldens.items()
    csl = files.shipped_style(style)
    entries = Processor(csl, files.locale(locale, csl), [from_csl_json(i) for i in raw]).bibliography()
    theirs = goldens.bibliography_order("citeproc-js", style, locale)
    both = {key for key, _ in entries} & set(theirs)
    ours = [key for key, _ in entries if key in both]
    assert len(ours) >= 300 and ours == [key for key in theirs if key in both]
