// Renders the corpus with citeproc-js (the npm package `citeproc`, pinned in node/package.json).
// Reads one job as JSON on stdin and writes the rendered strings as JSON on stdout; driven by
// generate.py, which says what a job holds. The tests never run this script.
//
// job: {style: CSL XML, lang: "en-US", locales: {tag: XML}, items: [CSL-JSON],
//       noteStyle: bool, bibliography: bool, documents: [{id, citations: [CSL citation]}],
//       freshEngines: bool}
// out: {version, bibliography: {order: [id], entries: {id: html}}, documents: {id: [html]}}
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(new URL("./node/", import.meta.url));
const CSL = require("citeproc");

const job = JSON.parse(readFileSync(0, "utf8"));
const byId = new Map(job.items.map((item) => [String(item.id), item]));

function engine() {
  const sys = {
    // A fresh copy each time: the processor may normalise the objects it is given.
    retrieveItem: (id) => structuredClone(byId.get(String(id))),
    retrieveLocale: (tag) => job.locales[tag] ?? job.locales["en-US"],
  };
  const eng = new CSL.Engine(sys, job.style, job.lang, true);
  eng.setOutputFormat("html");
  return eng;
}

const out = { version: CSL.PROCESSOR_VERSION, bibliography: null, documents: {} };

if (job.bibliography) {
  const eng = engine();
  eng.updateItems(job.items.map((item) => String(item.id)));
  const result = eng.makeBibliography();
  const order = [];
  const entries = {};
  if (result) {
    const [meta, html] = result;
    // Items with no printed form are listed in entry_ids but have no string; the errors say which.
    const unprinted = new Set(meta.bibliography_errors.map((e) => e.index));
    const printed = meta.entry_ids.filter((_, i) => !unprinted.has(i));
    if (printed.length !== html.length) throw new Error(`${printed.length} ids for ${html.length} entries`);
    printed.forEach((ids, i) => {
      const id = String(ids[0]);
      order.push(id);
      entries[id] = html[i].trim().replace(/^<div class="csl-entry">/, "").replace(/<\/div>$/, "").trim();
    });
  }
  out.bibliography = { order, entries };
}

// One engine for all documents: building one takes seconds, and rebuildProcessorState() starts each
// document afresh (the registry is cut to the items that document cites, positions restart).
// job.freshEngines builds one per document instead, to check that the two agree.
let shared = null;
for (const doc of job.documents) {
  const eng = job.freshEngines ? engine() : (shared ??= engine());
  const citations = doc.citations.map((c) => ({
    ...c,
    properties: { noteIndex: job.noteStyle ? c.properties.noteIndex : 0 },
  }));
  const rendered = eng.rebuildProcessorState(citations, "html");
  out.documents[doc.id] = rendered.map((triple) => triple[2]);
}

process.stdout.write(JSON.stringify(out));
