import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LIMITS } from "@/lib/sim";
import { needsMoreInput } from "@/lib/sim/shell/parser";
import { Continuation, heredocDelimiters } from "./continuation";

/** The oracle: the shell's own rule, asked after every line (what the server did before). */
const needsMore = async (text: string) => text.length <= LIMITS.maxInputBytes && needsMoreInput(text);

/** Commands as the shell would cut the lines into them, asking the parser after every line. */
async function naive(lines: string[]): Promise<string[]> {
  const out: string[] = [];
  let acc: string[] = [];
  for (const l of lines) {
    acc.push(l);
    if (!(await needsMore(acc.join("\n")))) {
      out.push(acc.join("\n"));
      acc = [];
    }
  }
  return out;
}

async function tracked(lines: string[]): Promise<{ commands: string[]; checks: number }> {
  let checks = 0;
  const c = new Continuation(async (t) => (checks++, needsMore(t)));
  const commands: string[] = [];
  for (const l of lines) {
    const done = await c.push(l);
    if (done !== null) commands.push(done);
  }
  return { commands, checks };
}

const fragment = fc.oneof(
  fc.constantFrom("echo one", "ls -l /etc", "kubectl get pods -A", "x=1; echo $x", "# a comment", ""),
  fc
    .array(fc.constantFrom("apiVersion: v1", "  name: web", "- a b", "plain words here", "\tEOF", "E O F", "$(date)", "'quoted'"), {
      maxLength: 6,
    })
    .chain((body) =>
      fc
        .constantFrom("EOF", "END")
        .chain((d) =>
          fc.constantFrom(`cat <<${d} > f`, `cat <<'${d}' > f`, `cat <<-${d}`, `cat <<"${d}" | wc -l`).map((open) => [open, ...body, d]),
        ),
    ),
  fc.array(fc.constantFrom("a line", "another line", "it's", "x"), { maxLength: 3 }).map((mid) => ['echo "start', ...mid, 'end"']),
  fc.constantFrom(["echo a |", "wc -c"], ["echo a \\", "b"], ["echo $(echo", "inner)"], ["ls &&", "", "echo ok"]),
);

describe("Continuation", () => {
  it("cuts any mix of commands, here-documents, open quotes and continuations exactly as asking the parser after every line", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fragment, { maxLength: 8 }), async (fragments) => {
        const lines = fragments.flatMap((f) => (typeof f === "string" ? [f] : f));
        expect((await tracked(lines)).commands).toEqual(await naive(lines));
      }),
      { numRuns: 300 },
    );
  });

  it("checks a long here-document a few times, not once per line", async () => {
    const body = Array.from({ length: 1500 }, (_, i) => `  key-${i}: "value ${i}"`);
    const { commands, checks } = await tracked(["cat <<EOF > big.yaml", ...body, "EOF", "echo after"]);
    expect(commands).toEqual([["cat <<EOF > big.yaml", ...body, "EOF"].join("\n"), "echo after"]);
    expect(checks).toBeLessThanOrEqual(4);
  });

  it("finds here-document delimiters, quoted or not, with <<- and several on a line", () => {
    expect(heredocDelimiters("cat <<EOF")).toEqual([{ word: "EOF", strip: false }]);
    expect(heredocDelimiters(`cat <<-'END' <<"A B"`)).toEqual([
      { word: "END", strip: true },
      { word: "A B", strip: false },
    ]);
    expect(heredocDelimiters("cat <<<word")).toEqual([]);
  });
});
