"""A self-contained HTML timeline: one file, inline CSS, no network, every value escaped.

The phases are coloured bands (an overview strip, then one section each); each event is a mark on
a vertical axis whose details (summary, the text's own words, notes and sources) open on click.
Nothing names the text but its own record (the ``[article]`` work). "Expand all" and "Collapse
all" open and close every event; printed, the page shows every event open (a print stylesheet,
and the script opening them before printing for browsers whose CSS cannot). The one script is a
constant (no data in it), and a Content-Security-Policy allows that script alone and no loading
of anything.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from chron.escape import html_text
from chron.timeline.terminal import UNICODE, by_phase, mark, short_range

if TYPE_CHECKING:
    from chron.dataset import Dataset
    from chron.models import Event, Phase
    from chron.timeline import Options


def escape(text: str, quote: bool = False) -> str:
    """HTML-escaped, with control and bidi characters shown rather than left raw in the page."""
    return html_text(text, quote=quote)


PALETTE = ["#6b7280", "#0e7490", "#15803d", "#b91c1c", "#7c3aed"]

CSS = """
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #cbd2d9; }
* { box-sizing: border-box; }
body { font: 16px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0; background: #fbfaf7; }
header, main, footer { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 .25rem; }
.byline { color: var(--muted); margin: 0 0 1rem; }
.strip { display: flex; height: 2.2rem; border-radius: .4rem; overflow: hidden; margin: 1rem 0 .3rem; }
.strip a { color: #fff; text-decoration: none; font: 600 .8rem/2.2rem system-ui, sans-serif; text-align: center;
  overflow: hidden; white-space: nowrap; text-overflow: ellipsis; padding: 0 .3rem; }
.legend { font: .85rem system-ui, sans-serif; color: var(--muted); display: flex; flex-wrap: wrap; gap: 1.2rem; }
.legend span b { font-weight: 400; display: inline-block; width: 1.2rem; text-align: center; }
section.phase { margin: 2rem 0; border-left: .5rem solid var(--c); padding-left: 1rem; }
section.phase h2 { font-size: 1.2rem; margin: 0; color: var(--c); }
section.phase .range { font: .9rem system-ui, sans-serif; color: var(--muted); }
section.phase .about { margin: .3rem 0 1rem; }
ol.events { list-style: none; margin: 0; padding: 0 0 0 1rem; border-left: 2px solid var(--line); }
ol.events li { margin: 0 0 .35rem; position: relative; }
ol.events li::before { content: ""; position: absolute; left: -1.45rem; top: .55rem; width: .7rem; height: .7rem;
  border-radius: 50%; background: var(--c); }
ol.events li.span::before { border-radius: .15rem; height: 1.1rem; top: .35rem; width: .5rem; left: -1.35rem; }
ol.events li.approx::before { background: #fff; border: 2px solid var(--c); }
details summary { cursor: pointer; }
details summary .date { font: .85rem system-ui, sans-serif; color: var(--muted); margin-right: .4rem; }
details .card { margin: .4rem 0 .8rem; padding: .6rem .8rem; background: #fff; border: 1px solid var(--line);
  border-radius: .4rem; font-size: .95rem; }
blockquote { margin: .4rem 0; padding-left: .8rem; border-left: 3px solid var(--line); font-style: italic; }
.meta, .notes { font: .85rem system-ui, sans-serif; color: var(--muted); }
.notes li { margin: .2rem 0; }
footer { color: var(--muted); font: .8rem system-ui, sans-serif; }
.controls { display: none; margin: .6rem 0 0; }
.js .controls { display: block; }
.controls button { font: .85rem system-ui, sans-serif; margin-right: .4rem; cursor: pointer; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  header, main, footer { max-width: none; padding: 0; }
  .strip, .legend, .controls, .js .controls { display: none; }
  details > summary { list-style: none; }
  details::details-content { content-visibility: visible; display: block; }
  details .card { border: 0; padding: 0 0 0 .8rem; margin: .1rem 0 .5rem; break-inside: avoid; }
  ol.events li::before { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""

# Open or close every event, and open them all while the page is printed.
SCRIPT = """document.documentElement.classList.add("js");
for (const b of document.querySelectorAll("button[data-open]")) {
  b.addEventListener("click", () => {
    for (const d of document.querySelectorAll("main details")) d.open = b.dataset.open === "all";
  });
}
let closed = [];
addEventListener("beforeprint", () => {
  closed = [...document.querySelectorAll("main details:not([open])")];
  for (const d of closed) d.open = true;
});
addEventListener("afterprint", () => {
  for (const d of closed) d.open = false;
  closed = [];
});"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
# Nothing is loaded from anywhere; inline style, and this one script, are all the page runs.
POLICY = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'"


def _phase_color(phase: Phase | None) -> str:
    return PALETTE[phase.n % len(PALETTE)] if phase is not None else "#9aa5b1"


def page(ds: Dataset, events: Sequence[Event], opts: Options) -> str:
    """The whole page as one string."""
    art = ds.article
    title = ds.title or art.title or "Timeline"
    groups = by_phase(ds, events)
    total = max(len(events), 1)
    strip = "".join(
        f'<a href="#phase-{escape(p.id if p else "none", quote=True)}" style="background:{_phase_color(p)};'
        f'flex:{max(len(evs) / total, 0.04):.3f}" title="{escape(p.name if p else "Other", quote=True)}">'
        f"{escape(str(p.n) + ' · ' + p.name if p else 'Other')}</a>"
        for p, evs in groups
    )
    source = " ".join(x for x in (art.container_title, art.issue) if x)
    year = f"({art.issued[:4]})" if art.issued else ""
    parts = [", ".join(n.display() for n in art.names()), f"“{art.title}”" if art.title else "", source]
    byline = ", ".join(p for p in parts if p) + (f" {year}" if year else "")
    body = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="byline">{escape(" ".join(byline.split())) + " · " if byline else ""}{len(events)} events</p>',
        f'<nav class="strip" aria-label="Phases">{strip}</nav>',
        '<p class="legend"><span><b>●</b> exact day</span><span><b>▮</b> span or vague date</span>'
        "<span><b>○</b> approximate or uncertain</span><span>Click an event for the text’s words, "
        "its notes and its sources.</span></p>",
        '<p class="controls"><button type="button" data-open="all">Expand all</button>'
        '<button type="button" data-open="none">Collapse all</button></p>',
        "</header>",
        "<main>",
    ]
    for phase, evs in groups:
        body.append(_section(ds, phase, evs, opts))
    body += [
        "</main>",
        f"<footer>Made by chron from {escape(str(ds.event_count()))} events and {len(ds.notes)} notes. "
        "Every quotation is the text’s own words.</footer>",
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(body) + "\n"


def _section(ds: Dataset, phase: Phase | None, events: Sequence[Event], opts: Options) -> str:
    ident = escape(phase.id if phase else "none", quote=True)
    heading = f"{phase.n} · {phase.name}" if phase else "Outside the phases"
    parts = [
        f'<section class="phase" id="phase-{ident}" style="--c:{_phase_color(phase)}">',
        f"<h2>{escape(heading)}</h2>",
    ]
    if phase is not None:
        parts.append(f'<div class="range">{escape(phase.when.english())}</div>')
        parts.append(f'<p class="about">{escape(phase.description)}</p>')
    parts.append('<ol class="events">')
    for ev in events:
        glyph = mark(ev.when, UNICODE)
        kind = "approx" if glyph == "○" else "point" if glyph == "●" else "span"
        who = ", ".join(ds.people[p].name for p in ev.people if p in ds.people)
        where = ", ".join(ds.places[p].name for p in ev.places if p in ds.places)
        meta = " · ".join(x for x in (who, where, ", ".join(ev.tags)) if x)
        notes = "".join(
            f"<li>Note {n}: {escape(ds.notes[n].display())}"
            + (f"<br>→ {escape('; '.join(cites))}" if (cites := opts.cite(n)) else "")
            + "</li>"
            for n in ev.notes
            if n in ds.notes
        )
        parts.append(
            f'<li class="{kind}" id="{escape(ev.id, quote=True)}"><details><summary>'
            f'<span class="date">{escape(short_range(ev.when))}</span>{escape(ev.title)}</summary>'
            f'<div class="card"><p>{escape(ev.summary)}</p>'
            f"<blockquote>“{escape(ev.quote)}”</blockquote>"
            f'<p class="meta">The text dates it: “{escape(ev.date_text)}”'
            + (f" — {escape(ev.date_note)}" if ev.date_note else "")
            + "</p>"
            + (f'<p class="meta">{escape(meta)}</p>' if meta else "")
            + (f'<ul class="notes">{notes}</ul>' if notes else "")
            + f'<p class="meta">id: {escape(ev.id)}</p></div></details></li>'
        )
    parts.append("</ol>")
    parts.append("</section>")
    return "\n".join(parts)
