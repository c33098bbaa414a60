"""Generate a chronology of N events for the scale benchmarks, from the shipped dataset.

    python benchmarks/generate.py 100000 /tmp/chron-100k

Events, notes and works are the real ones repeated with new ids (notes and works in the same
proportion to events as in the article), so every file is valid and `chron check` passes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parents[1]


def value(v: object) -> str:
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def table(name: str, record: dict[str, object]) -> list[str]:
    lines = [f"[[{name}]]"]
    subs = []
    for k, v in record.items():
        if isinstance(v, list) and v and isinstance(v[0], dict) and name in ("events", "notes"):
            subs.extend((k, x) for x in v)
        else:
            lines.append(f"{json.dumps(k) if '-' in k else k} = {value(v)}")
    for k, sub in subs:
        lines.append(f"[[{name}.{k}]]")
        lines.extend(f"{json.dumps(a) if '-' in a else a} = {value(b)}" for a, b in sub.items())
    return [*lines, ""]


def generate(n_events: int, target: Path) -> None:
    chron = tomli.loads((ROOT / "data" / "chronology.toml").read_text(encoding="utf-8"))
    src = tomli.loads((ROOT / "data" / "sources.toml").read_text(encoding="utf-8"))
    events, notes, works = chron["events"], src["notes"], src["works"]
    copies = max(1, -(-n_events // len(events)))
    out_works, out_notes, out_events = [], [], []
    for c in range(copies):
        suffix = f"-{c}" if c else ""
        for w in works:
            out_works.append(
                {**w, "id": w["id"] + suffix, **({"container": w["container"] + suffix} if "container" in w else {})}
            )
        for note in notes:
            cites = [{**cite, "work": cite["work"] + suffix} for cite in note.get("cites", [])]
            out_notes.append({**note, "n": note["n"] + c * len(notes), "cites": cites})
        for ev in events:
            if len(out_events) == n_events:
                break
            out_events.append(
                {**ev, "id": ev["id"] + suffix, "notes": [n + c * len(notes) for n in ev.get("notes", [])]}
            )
    target.mkdir(parents=True, exist_ok=True)
    head = ["schema_version = 1", f"title = {value(chron['title'] + f' ({n_events} events)')}", ""]
    body = [line for key in ("phases", "tags") for rec in chron[key] for line in table(key, rec)]
    body += [line for rec in out_events for line in table("events", rec)]
    body += [line for key in ("people", "places") for rec in chron[key] for line in table(key, rec)]
    (target / "chronology.toml").write_text("\n".join(head + body), encoding="utf-8")
    lines = ["schema_version = 1", "", "[article]"]
    lines += [f"{json.dumps(k) if '-' in k else k} = {value(v)}" for k, v in src["article"].items()] + [""]
    lines += [line for rec in out_works for line in table("works", rec)]
    lines += [line for rec in out_notes for line in table("notes", rec)]
    (target / "sources.toml").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
