/**
 * security.md D1 and style (b)1: nothing under lib/sim may reach a shell, an evaluator or the
 * web stack. Scans every non-test source file and lists offenders. Test support (`__tests__/`
 * folders, which drive the real oracles) is exempt, so no other file may import from one.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL(".", import.meta.url));

const FORBIDDEN: [string, RegExp][] = [
  ["import of next", /from\s+["']next(\/[^"']*)?["']|import\(\s*["']next/],
  ["import of react", /from\s+["']react(-dom)?(\/[^"']*)?["']/],
  ["import of @prisma", /["']@prisma\//],
  ["import of ws", /from\s+["']ws["']|require\(\s*["']ws["']\)/],
  ["child_process", /["'](node:)?child_process["']/],
  ["vm", /["'](node:)?vm["']/],
  ["worker_threads", /["'](node:)?worker_threads["']/],
  ["eval(", /(^|[^\w.])eval\s*\(/],
  ["new Function", /new\s+Function\s*\(/],
  ["DOM globals", /\b(window|document|localStorage)\./],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" || name === "fixtures" || name === "__tests__" ? [] : files(p);
    return /\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

/** Comments may mention forbidden names (this file's own rationale does); strip them first. */
const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

describe("lib/sim purity", () => {
  it("has no forbidden imports or evaluators", () => {
    const offenders: string[] = [];
    for (const f of files(ROOT)) {
      const src = stripComments(readFileSync(f, "utf8"));
      for (const [what, re] of FORBIDDEN) if (re.test(src)) offenders.push(`${relative(ROOT, f)}: ${what}`);
    }
    expect(offenders).toEqual([]);
  });

  it("keeps test support out of the simulator: no source file imports from a __tests__ folder or the conformance suite", () => {
    const importers = files(ROOT).filter((f) => /from\s+["'][^"']*\/(__tests__|conformance)\//.test(readFileSync(f, "utf8")));
    expect(importers.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it("finds what it looks for", () => {
    const probe = stripComments('import { x } from "node:child_process";\nconst f = new Function("a");\neval("1");');
    expect(FORBIDDEN.filter(([, re]) => re.test(probe)).map(([w]) => w)).toEqual(["child_process", "eval(", "new Function"]);
  });
});
