// Parse a markwhen file with markwhen's own parser and print what it read, as JSON, for check.py.
// Usage: node markwhen.mjs NODE_TOOLS_DIR FILE (the parser is installed under NODE_TOOLS_DIR).
import { createRequire } from "module";
import { readFileSync } from "fs";
import { join } from "path";

const [, , tools, file] = process.argv;
const { parse } = createRequire(join(tools, "package.json"))("@markwhen/parser");
const parsed = parse(readFileSync(file, "utf8"));
const timeline = parsed.timelines ? parsed.timelines[0] : parsed;

function node(n) {
  if (Array.isArray(n.children)) {
    return { group: n.title, children: n.children.map(node) };
  }
  return {
    title: n.firstLine.restTrimmed,
    tags: n.tags,
    properties: n.properties,
    description: (n.supplemental || []).map((s) => s.raw),
    from: n.dateRangeIso.fromDateTimeIso,
    to: n.dateRangeIso.toDateTimeIso,
  };
}

console.log(
  JSON.stringify({
    header: timeline.header,
    messages: timeline.parseMessages,
    root: node(timeline.events),
  }),
);
