/** lib/course is a pure server-side library: no Next.js, React, Prisma or ws, and no evaluators. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FORBIDDEN: [string, RegExp][] = [
  ["import of next", /from\s+["']next(\/[^"']*)?["']|import\(\s*["']next/],
  ["import of react", /from\s+["']react(-dom)?(\/[^"']*)?["']/],
  ["import of @prisma", /["']@prisma\//],
  ["import of ws", /from\s+["']ws["']/],
  ["import of app/ or server code", /from\s+["'](@\/)?(app|lib\/server|server)\//],
  ["eval(", /(^|[^\w.])eval\s*\(/],
  ["new Function", /new\s+Function\s*\(/],
  ["vm", /["'](node:)?vm["']/],
];

const stripComments = (src: string) => src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

describe("lib/course purity", () => {
  it("has no forbidden imports or evaluators", () => {
    const dir = __dirname;
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(files).toContain(join("checks", "registry.ts"));
    const offenders = files.flatMap((f) => {
      const src = stripComments(readFileSync(join(dir, f), "utf8"));
      return FORBIDDEN.filter(([, re]) => re.test(src)).map(([what]) => `${f}: ${what}`);
    });
    expect(offenders).toEqual([]);
  });
});
