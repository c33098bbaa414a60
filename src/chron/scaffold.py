"""A new dataset's files (``chron new``): the text as a work, one commented example of each record.

``scaffold`` returns the files' texts by relative path; the CLI writes them. The two TOML files
start with a ``#:schema`` line naming the JSON Schema written beside them (``schema/``), so an
editor with TOML schema support checks them while you type, and they pass ``chron check`` as they
are: every example is a comment. No I/O but the cache's copy of the JSON Schema (made once per
build of chron, as the validators are).
"""

from __future__ import annotations

from collections.abc import Sequence

from chron.escape import one_line, toml_string
from chron.models import Name

CHRONOLOGY = "chronology.toml"
SOURCES = "sources.toml"
SCHEMA_DIR = "schema"


def parse_name(written: str) -> Name:
    """A name as a person types it: 'Family, Given' or 'Given Family' (the last word is the family
    name); a single word is a family name."""
    text = " ".join(written.split())
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
        return Name(family=family or None, given=given or None)
    words = text.split(" ")
    return Name(family=words[-1], given=" ".join(words[:-1]) or None)


def _string(value: str) -> str:
    """A TOML basic string (controls and bidi characters escaped: escape.toml_string)."""
    return toml_string(value)


def _name(name: Name) -> str:
    parts = [f"{key} = {_string(value)}" for key, value in (("family", name.family), ("given", name.given)) if value]
    return "{ " + ", ".join(parts) + " }"


def article_id(title: str | None, names: Sequence[Name], issued: str | None) -> str:
    """The text's id, by the rule imported works follow: first author's family name and year."""
    from chron.bibimport.records import base_id

    record = {
        "author": [{"family": n.family, "given": n.given} for n in names],
        "issued": issued,
        "title": title,
    }
    return base_id(record) if (title or names) else "text"


def scaffold(
    title: str | None = None, authors: Sequence[str] = (), issued: str | None = None, work_type: str = "document"
) -> dict[str, str]:
    """The new dataset's files by path: both TOML files and the JSON Schema they name."""
    from chron.cache import text_per_build
    from chron.schema import json_schema

    def schema(kind: str) -> str:  # about a second of pydantic's work: kept per build of chron
        return text_per_build(f"schema-{kind}", lambda: json_schema(kind))

    names = [parse_name(a) for a in authors if a.strip()]
    work = [f"id = {_string(article_id(title, names, issued))}", f"type = {_string(work_type)}"]
    if names:
        work.append(f"author = [{', '.join(_name(n) for n in names)}]")
    if title:
        work.append(f"title = {_string(title)}")
    if issued:
        work.append(f"issued = {_string(issued)}")
    # The title also goes into the files' first comments: on one line, controls shown, so that no
    # title can end the comment and start a line of TOML, or put a raw control in the file.
    about = f"“{one_line(title)}”" if title else "the text"
    about_start = about[0].upper() + about[1:]
    return {
        CHRONOLOGY: CHRONOLOGY_TEXT.format(
            schema=f"{SCHEMA_DIR}/chronology.schema.json",
            about=about,
            title=f"title = {_string(title)}" if title else '# title = "The dataset\'s name"',
        ),
        SOURCES: SOURCES_TEXT.format(
            schema=f"{SCHEMA_DIR}/sources.schema.json", about=about_start, work="\n".join(work)
        ),
        f"{SCHEMA_DIR}/chronology.schema.json": schema("chronology"),
        f"{SCHEMA_DIR}/sources.schema.json": schema("sources"),
    }


CHRONOLOGY_TEXT = """\
#:schema {schema}
# The chronology of {about}: its phases, dated events, people, places and tags.
# Every field is described in chron's docs/data-format.md; `chron --data FOLDER check` checks
# this file. Each example below is a comment: copy it without the leading "# " and change it.
schema_version = 1
{title}

# [[phases]]
# n = 1
# id = "first-phase"
# name = "The first phase"
# date = "1921-03/1921-05"
# description = "What the phase is, in a sentence."
# quote = "The text's own words that define the phase, verbatim."

# [[tags]]
# id = "strike"
# description = "Strikes and walk-outs."

# [[events]]
# id = "first-meeting"
# date = "1921-03-14"
# date_text = "14 March"
# title = "The first meeting"
# summary = "One sentence in your own words."
# quote = "The text's words that state the event, verbatim."
# people = ["jane-smith"]
# places = ["market-square"]
# tags = ["strike"]
# notes = [1]
# [[events.figures]]
# value = 214
# about = "votes to stay out"

# [[people]]
# id = "jane-smith"
# name = "Jane Smith"
# aliases = ["J Smith"]
# role = "Who the person is, from the text."

# [[places]]
# id = "market-square"
# name = "Market Square"
# kind = "site"
"""

SOURCES_TEXT = """\
#:schema {schema}
# {about} itself, the works it cites and its numbered notes.
# `chron extract TEXT --write` adds the notes; `chron import FILE` adds works from a .bib, .ris
# or CSL-JSON file; `chron link --write` proposes each note's cites. Each example below is a
# comment: copy it without the leading "# " and change it.
schema_version = 1

[article]
{work}

# [[works]]
# id = "jones1962"
# type = "book"
# author = [{{ family = "Jones", given = "A", printed = "A Jones" }}]
# title = "A History of the Town"
# publisher = "Town Press"
# issued = "1962"

# [[notes]]
# n = 1
# text = "A Jones, A History of the Town (Town Press, 1962), p41, emphasis added."
# attached_to = "The words the note's marker follows, from the start of their sentence."
# remark = "An editorial remark, such as a likely misprint."
# [[notes.cites]]
# work = "jones1962"
# locator = "41"
# label = "page"
# suffix = "emphasis added"

# [[notes]]
# n = 2
# text = "Figures from the 1921 census."
# marker_absent = "Why the marker is not in the body (it belongs to a table the text lacks)."

# [[notes]]
# n = 3
# text_missing = "Why the text has no words for this note (its marker stands; its note was never printed)."
# attached_to = "The words marker 3 follows."
"""
