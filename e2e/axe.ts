/**
 * axe-core on the page as it is (issue 13, item 7), the one way every spec checks accessibility:
 * fails with a readable list of what it found, the first three places of each violation.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export async function expectNoViolations(page: Page, what: string, opts: { include?: string } = {}): Promise<void> {
  // Every rule still runs; what is left out is cost, not checks (measured on the lesson page, same
  // browser, alternating: 9.2-16.7 s by default, 3.6-4.2 s like this, on a loaded machine):
  // - legacy mode runs axe once in the page; the default opens a second page to merge results
  //   from cross-origin frames, and our pages have no frames;
  // - only violations are collected, not the elements that passed or did not apply.
  let axe = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ["violations"] });
  if (opts.include) axe = axe.include(opts.include);
  const { violations } = await axe.analyze();
  const found = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(" | ")}`,
  );
  expect(found, `axe on ${what}`).toEqual([]);
}
