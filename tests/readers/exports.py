"""Feed chron's exports to the real readers and count what they say: ``python tests/readers/exports.py``.

For the shipped data and the differential corpus (tests/corpus/items.json, when present), every
export goes to the readers that people use: biber (``--validate-datamodel``, on the BibLaTeX and
the BibTeX export), pandoc (``--citeproc`` with each export as the bibliography), citation.js
(RIS, BibTeX, BibLaTeX and CSL-JSON, through node), bibtexparser 1 (in a virtualenv of its own,
made here, since it cannot share one with bibtexparser 2) and 2, rispy, and the official CSL-JSON
schema. The report (Markdown, to stdout or ``--report FILE``) counts the warnings per reader and
sorts biber's into export errors (must be none) and fields the data itself lacks. CI runs only
the Python readers, as tests (tests/test_export.py, tests/test_import.py).

Needs: biber and pandoc (``apt-get install biber pandoc``), node with citation-js (``npm install
citation-js`` in a folder outside the repository, given by ``--node-modules``, default
/work/node-tools/node_modules). A reader that is missing is reported as not run.
``--datamodel`` rewrites tests/readers/biblatex-datamodel.json from biber's own configuration.
``--record`` rewrites tests/readers/recorded/: what biber, pandoc and citation.js said about the
current exports, verbatim, with the exports' SHA-256, so tests/test_readers.py checks their verdict
without the tools (and fails when the exports change until this is run again).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from chron import export  # noqa: E402
from chron.bibimport import import_works  # noqa: E402
from chron.load import load_dataset  # noqa: E402
from chron.models import Work  # noqa: E402
from tests.readers import datamodel  # noqa: E402

CORPUS = ROOT / "tests" / "corpus" / "items.json"
RECORDED = ROOT / "tests" / "readers" / "recorded"
SCHEMA = ROOT / "tests" / "corpus" / "csl-data.json"
SUFFIX = {"csl-json": ".json", "bibtex": ".bibtex", "biblatex": ".bib", "ris": ".ris"}
CITATION_JS = """
const [,, modules, file, fmt] = process.argv;
const Cite = require(modules + '/citation-js');
const fs = require('fs');
let text = fs.readFileSync(file, 'utf8');
const warnings = [];
const log = console.warn; console.warn = (...a) => warnings.push(a.join(' '));
let data = [];
try { data = new Cite(fmt === 'csl-json' ? JSON.parse(text) : text).data; }
catch (e) { warnings.push(String(e)); }
console.warn = log;
for (const d of data) delete d._graph;
process.stdout.write(JSON.stringify({data, warnings}));
"""
BIBTEXPARSER1 = """
import json, sys
import bibtexparser
from bibtexparser.bparser import BibTexParser
text = open(sys.argv[1], encoding="utf-8").read()
default = bibtexparser.loads(text, parser=BibTexParser(common_strings=True))
every = bibtexparser.loads(text, parser=BibTexParser(common_strings=True, ignore_nonstandard_types=False))
print(json.dumps({"default": [e["ID"] for e in default.entries], "all": [e["ID"] for e in every.entries]}))
"""


def datasets() -> dict[str, list[Work]]:
    ds = load_dataset(ROOT / "data", use_cache=False)
    out = {"shipped": [ds.article, *ds.works.values()]}
    if CORPUS.exists():
        out["corpus"] = list(import_works(CORPUS.read_text(encoding="utf-8"), "csl-json").works)
    return out


def run(args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, **kw)


def biber(path: Path, works: dict[str, Work]) -> dict[str, Any]:
    """biber's warnings on one .bib file, split into export errors and data the works lack."""
    out = path.with_suffix(".biber.bib")
    result = run(["biber", "--tool", "--validate-datamodel", f"--output-file={out}", path.name], cwd=path.parent)
    warnings = [line for line in result.stdout.splitlines() if line.startswith("WARN")]
    lacking, errors = [], []
    for line in warnings:
        m = re.search(r"Entry '([^']+)'.*Missing mandatory field (?:- one of )?'([^']+)'", line)
        if m and _lacks(works[m.group(1)], m.group(2)):
            lacking.append(line)
        else:
            errors.append(line)
    return {"warnings": len(warnings), "export errors": errors, "data lacks": Counter(_what(w) for w in lacking)}


# The CSL fields whose absence makes biber ask for a mandatory biblatex field.
LACKS = {
    "author": ("author",),
    "editor": ("editor",),
    "title": ("title",),
    "date": ("issued",),
    "year": ("issued",),
    "url": ("URL", "DOI"),
    "institution": ("publisher",),
    "journaltitle": ("container_title",),
    "booktitle": ("container_title",),
}


def _lacks(work: Work, fields: str) -> bool:
    names = [f.strip() for f in fields.split(",")]
    return all(not getattr(work, csl) for name in names for csl in LACKS.get(name, ("?",)) if hasattr(work, csl))


def _what(line: str) -> str:
    m = re.search(r"Missing mandatory field (?:- one of )?'([^']+)'", line)
    return m.group(1) if m else line


def pandoc(path: Path, fmt: str) -> dict[str, Any]:
    doc = path.parent / "nocite.md"
    doc.write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    source = {"csl-json": "csljson", "bibtex": "bibtex", "biblatex": "biblatex"}[fmt]
    result = run(["pandoc", str(doc), "--citeproc", f"--bibliography={path}", "-t", "plain", "--columns=10000"])
    parsed = run(["pandoc", str(path), "-f", source, "-t", "csljson"])
    items = json.loads(parsed.stdout) if parsed.returncode == 0 else []
    warnings = len([x for x in result.stderr.splitlines() if x.strip()])
    return {"warnings": warnings, "stderr": result.stderr.strip()[:2000], "entries": len(items)}


def citation_js(path: Path, fmt: str, modules: str) -> dict[str, Any]:
    script = path.parent / "read.js"
    script.write_text(CITATION_JS, encoding="utf-8")
    result = run(["node", str(script), modules, str(path), fmt])
    if result.returncode != 0:
        return {"error": result.stderr.strip()[:500]}
    got = json.loads(result.stdout)
    return {"warnings": len(got["warnings"]), "said": got["warnings"], "entries": len(got["data"]), "data": got["data"]}


def bibtexparser1(path: Path, venv: Path) -> dict[str, Any]:
    python = venv / "bin" / "python"
    if not python.exists():
        made = run([sys.executable, "-m", "venv", str(venv)])
        pip = run([str(python), "-m", "pip", "install", "-q", "bibtexparser<2"]) if made.returncode == 0 else made
        if pip.returncode != 0:
            return {"error": pip.stderr.strip()[:500]}
    script = path.parent / "bp1.py"
    script.write_text(BIBTEXPARSER1, encoding="utf-8")
    result = run([str(python), str(script), str(path)])
    if result.returncode != 0:
        return {"error": result.stderr.strip()[:500]}
    got: dict[str, Any] = json.loads(result.stdout)
    return got


def schema_errors(text: str) -> int:
    import jsonschema

    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return sum(1 for _ in validator.iter_errors(json.loads(text)))


def lost_in_citation_js(works: list[Work], read: list[dict[str, Any]]) -> Counter[str]:
    """CSL fields of the CSL-JSON export that citation.js does not give back from another format."""
    by_id = {item["id"]: item for item in read if "id" in item}
    lost: Counter[str] = Counter()
    for work in works:
        want = export.csl_item(work)
        got = by_id.get(work.id, {})
        for key, value in want.items():
            if key == "event-title" and "event" in got:
                key = "event"  # citation.js gives CSL 1.0.1's name
            if key in ("id", "event") or (key not in got and key == "type"):
                continue
            if key not in got:
                lost[key] += 1
            elif key.endswith("date") or key in ("issued", "accessed"):
                if got[key].get("date-parts") != value.get("date-parts") and "raw" not in got[key]:
                    lost[f"{key} (parts)"] += 1
            elif key == "type" and got[key] != value:
                lost[f"type {value}"] += 1
    return lost


def round_trip(works: list[Work], fmt: str) -> Counter[str]:
    """Fields chron's own import does not give back, per field (the table in docs/citations.md)."""
    from chron.tomlwrite import work_table

    got = {w.id: work_table(w) for w in import_works(export.EXPORTS[fmt].render(works), fmt).works}
    lost: Counter[str] = Counter()
    for work in works:
        want = work_table(work)
        for key in ("container", "editorial"):
            want.pop(key, None)
        for role, names in want.items():
            if isinstance(names, list) and names and isinstance(names[0], dict):
                want[role] = [{k: v for k, v in n.items() if k != "printed"} for n in names]
        for key in set(want) | set(got.get(work.id, {})):
            if want.get(key) != got.get(work.id, {}).get(key):
                lost[key if key != "type" else f"type {want.get('type')}"] += 1
    return lost


def write_datamodel() -> None:
    """tests/readers/biblatex-datamodel.json from biber's biber-tool.conf."""
    found = run(["biber", "--tool-config"])
    conf = Path(found.stdout.strip().splitlines()[-1]) if found.returncode == 0 else None
    if conf is None or not conf.exists():
        conf = next(Path("/usr/share/perl5/Biber").glob("biber-tool.conf"))
    text = conf.read_text(encoding="utf-8")
    dm = text[text.index("<datamodel>") :]
    types = re.findall(r"<entrytype[^>]*>([^<]+)</entrytype>", dm[dm.index("<entrytypes>") : dm.index("</entrytypes>")])
    datatypes = {m[2]: m[1] for m in re.findall(r'<field fieldtype="(\w+)" datatype="(\w+)"[^>]*>([^<]+)</field>', dm)}
    fields: dict[str, list[str]] = {}
    for block in re.findall(r"<entryfields>(.*?)</entryfields>", dm, re.S):
        names = re.findall(r"<field>([^<]+)</field>", block)
        for kind in re.findall(r"<entrytype>([^<]+)</entrytype>", block) or ["ALL"]:
            fields.setdefault(kind, []).extend(names)
    mandatory: dict[str, list[Any]] = {}
    for block in re.findall(r"<constraints>(.*?)</constraints>", dm, re.S):
        kinds = re.findall(r"<entrytype>([^<]+)</entrytype>", block)
        for rule in re.findall(r'<constraint type="mandatory">(.*?)</constraint>', block, re.S):
            items: list[Any] = []
            for m in re.finditer(r"<field(xor|or)>(.*?)</field(?:xor|or)>|<field>([^<]+)</field>", rule, re.S):
                if m.group(1):
                    items.append([m.group(1).upper(), *re.findall(r"<field>([^<]+)</field>", m.group(2))])
                elif m.group(3):
                    items.append(m.group(3))
            for kind in kinds:
                mandatory.setdefault(kind, []).extend(items)
    version = run(["biber", "--version"]).stdout.strip()
    data = {"source": f"{version}, {conf.name}", "entrytypes": types, "fields": fields}
    data |= {"mandatory": mandatory, "datatypes": {k: v for k, v in datatypes.items() if v in ("integer", "datepart")}}
    datamodel.MODEL.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def report(args: argparse.Namespace) -> str:
    rows: list[tuple[Any, ...]] = []
    details: list[str] = []
    for name, works in datasets().items():
        with tempfile.TemporaryDirectory() as tmp:
            files = {}
            for fmt, entry in export.EXPORTS.items():
                files[fmt] = Path(tmp) / f"{name}{SUFFIX[fmt]}"
                files[fmt].write_text(entry.render(works), encoding="utf-8")
            rows += readers(name, works, files, args, details)
    lines = ["# Exports in real readers", ""]
    lines += ["| data | reader | warnings | of them export errors | notes |", "| --- | --- | --- | --- | --- |"]
    lines += [f"| {' | '.join(str(c) for c in row)} |" for row in rows]
    if details:
        lines += ["", "## Details", "", *details]
    return "\n".join(lines) + "\n"


def readers(
    name: str, works: list[Work], files: dict[str, Path], args: argparse.Namespace, details: list[str]
) -> list[tuple[Any, ...]]:
    """One row per reader and format: the reader, its warnings, the export errors among them, notes."""
    rows: list[tuple[Any, ...]] = []
    n = len(works)
    if shutil.which("biber"):
        for fmt in ("biblatex", "bibtex"):
            b = biber(files[fmt], {w.id: w for w in works})
            lacks = ", ".join(f"{v}× {k}" for k, v in b["data lacks"].most_common())
            rows.append((name, f"biber ({fmt})", b["warnings"], len(b["export errors"]), f"data lacks: {lacks}"))
            details += [f"- {name} {fmt}: {e}" for e in b["export errors"]]
    if shutil.which("pandoc"):
        for fmt in ("csl-json", "biblatex", "bibtex"):
            p = pandoc(files[fmt], fmt)
            rows.append((name, f"pandoc ({fmt})", p["warnings"], p["warnings"], f"{p['entries']}/{n} read"))
            details += [f"- {name} pandoc {fmt}: {p['stderr']}"] if p["stderr"] else []
    if shutil.which("node") and Path(args.node_modules, "citation-js").exists():
        for fmt in ("ris", "biblatex", "bibtex", "csl-json"):
            c = citation_js(files[fmt], fmt, args.node_modules)
            if "error" in c:
                rows.append((name, f"citation.js ({fmt})", "error", "", c["error"][:80]))
                continue
            lost = ", ".join(f"{k} {v}" for k, v in lost_in_citation_js(works, c["data"]).most_common()) or "nothing"
            note = f"{c['entries']}/{n} read; lost: {lost}"
            rows.append((name, f"citation.js ({fmt})", c["warnings"], c["warnings"], note))
    for fmt in ("bibtex", "biblatex"):
        b1 = bibtexparser1(files[fmt], Path(args.bp1_venv))
        if "error" in b1:
            rows.append((name, f"bibtexparser 1 ({fmt})", "error", "", b1["error"][:80]))
            continue
        note = f"{len(b1['default'])}/{n} read with defaults, {len(b1['all'])}/{n} with ignore_nonstandard_types=False"
        rows.append((name, f"bibtexparser 1 ({fmt})", 0, 0, note))
    errors = schema_errors(files["csl-json"].read_text(encoding="utf-8"))
    rows.append((name, "csl-data.json schema", errors, errors, ""))
    for fmt in export.EXPORTS:
        lost = ", ".join(f"{k} {v}" for k, v in round_trip(works, fmt).most_common()) or "nothing"
        rows.append((name, f"chron import ({fmt})", 0, 0, f"lost: {lost}"))
    return rows


def digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _items(items: list[dict[str, Any]]) -> str:
    """One item a line, keys sorted: small diffs when an export changes."""
    lines = [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items]
    return "[\n" + ",\n".join(lines) + "\n]\n"


def record(args: argparse.Namespace) -> None:
    """tests/readers/recorded/: each reader's output on each export, as the reader gave it."""
    for tool in ("biber", "pandoc", "node"):
        if not shutil.which(tool):
            raise SystemExit(f"--record needs {tool}")
    modules = Path(args.node_modules)
    if not (modules / "citation-js").exists():
        raise SystemExit(f"--record needs citation-js in {modules}")
    RECORDED.mkdir(exist_ok=True)
    for old in RECORDED.iterdir():
        old.unlink()
    bp1 = Path(args.bp1_venv) / "bin" / "python"
    version = "import importlib.metadata as m; print(m.version('bibtexparser'))"
    package = json.loads((modules / "citation-js" / "package.json").read_text(encoding="utf-8"))
    index: dict[str, Any] = {
        "tools": {
            "biber": run(["biber", "--version"]).stdout.strip(),
            "pandoc": run(["pandoc", "--version"]).stdout.splitlines()[0],
            "citation-js": package["version"],
        },
        "exports": {},
    }
    for name, works in datasets().items():
        with tempfile.TemporaryDirectory() as tmp:
            for fmt, entry in export.EXPORTS.items():
                path = Path(tmp) / f"{name}{SUFFIX[fmt]}"
                text = entry.render(works)
                path.write_text(text, encoding="utf-8")
                index["exports"][f"{name} {fmt}"] = digest(text)
                if fmt in ("biblatex", "bibtex"):
                    out = path.with_suffix(".biber.bib")
                    cmd = ["biber", "--tool", "--validate-datamodel", f"--output-file={out}", path.name]
                    said = run(cmd, cwd=tmp).stdout.splitlines()
                    warn = "".join(f"{line}\n" for line in said if line.startswith("WARN"))
                    (RECORDED / f"{name}.{fmt}.biber.txt").write_text(warn, encoding="utf-8")
                    b1 = bibtexparser1(path, Path(args.bp1_venv))
                    if "error" in b1:
                        raise SystemExit(f"bibtexparser 1 on {name} {fmt}: {b1['error']}")
                    index.setdefault("bibtexparser 1", {})[f"{name} {fmt}"] = b1
                if fmt != "ris":
                    source = {"csl-json": "csljson", "bibtex": "bibtex", "biblatex": "biblatex"}[fmt]
                    parsed = run(["pandoc", str(path), "-f", source, "-t", "csljson"])
                    rendered = pandoc(path, fmt)
                    got = {"stderr": "\n".join(filter(None, (parsed.stderr.strip(), rendered["stderr"])))}
                    (RECORDED / f"{name}.{fmt}.pandoc.json").write_text(
                        _items(json.loads(parsed.stdout)), encoding="utf-8"
                    )
                    index.setdefault("pandoc stderr", {})[f"{name} {fmt}"] = got["stderr"]
                c = citation_js(path, fmt, str(modules))
                if "error" in c:
                    raise SystemExit(f"citation.js on {name} {fmt}: {c['error']}")
                (RECORDED / f"{name}.{fmt}.citation-js.json").write_text(_items(c["data"]), encoding="utf-8")
                index.setdefault("citation-js warnings", {})[f"{name} {fmt}"] = c["said"]
    index["tools"]["bibtexparser 1"] = run([str(bp1), "-c", version]).stdout.strip()
    text = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (RECORDED / "index.json").write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", help="write the Markdown report to this file")
    parser.add_argument("--node-modules", default="/work/node-tools/node_modules")
    parser.add_argument("--bp1-venv", default=str(Path(tempfile.gettempdir()) / "chron-bibtexparser1"))
    parser.add_argument("--datamodel", action="store_true", help="rewrite tests/readers/biblatex-datamodel.json")
    parser.add_argument("--record", action="store_true", help="rewrite tests/readers/recorded/ (the readers' outputs)")
    args = parser.parse_args()
    if args.datamodel:
        write_datamodel()
        return 0
    if args.record:
        record(args)
        return 0
    text = report(args)
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
