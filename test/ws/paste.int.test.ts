/**
 * Pastes (issue 10, row 6): a paste of up to PASTE_MAX_BYTES (512 KiB), sent as the browser
 * sends it (a bracketed paste cut into 4 KiB input messages), runs completely and in order,
 * here-documents included; past the limit the learner sees one line saying nothing of it ran,
 * and the terminal is ready for the next command (no here-document left open).
 */
import { describe, expect, it } from "vitest";
import { openLiveTerminal, type TestTerminal } from "../terminal-client";
import { signUpLearner, withTestServer } from "../harness";

const h = withTestServer();
const PROMPT = "controlplane:~$ ";

/** What the browser client does with a paste: bracketed-paste markers, then 4096-character input messages. */
function paste(t: TestTerminal, text: string): void {
  const data = `\x1b[200~${text.replace(/\n/g, "\r")}\x1b[201~`;
  for (let i = 0; i < data.length; i += 4096) t.type(data.slice(i, i + 4096));
}

const yamlLine = (doc: number, i: number) =>
  `  key-${doc}-${String(i).padStart(5, "0")}: "value ${i} of document ${doc}, as long as a real line is"`;

describe("row 6: pastes run completely and in order, or are refused in one visible line", () => {
  it("runs a 280 KiB paste with five here-documents and commands between them, in order", async () => {
    const learner = await signUpLearner(h, "paste", { pro: true });
    const t = await openLiveTerminal(h.url, { cookie: learner.cookie() });
    const docs = 5;
    const linesPerDoc = 820; // ≈ 55 KiB per document: each here-document stays under the shell's 64 KiB per command
    const parts: string[] = [];
    const sizes: number[] = [];
    for (let d = 0; d < docs; d++) {
      parts.push(`echo before-${d} >> order.txt`);
      parts.push(`cat <<'EOF' > doc-${d}.yaml`);
      const body = Array.from({ length: linesPerDoc }, (_, i) => yamlLine(d, i));
      parts.push(...body, "EOF");
      sizes.push(body.join("\n").length + 1);
      parts.push(`echo after-${d} >> order.txt`);
    }
    parts.push("echo paste-complete");
    const text = parts.join("\n") + "\n";
    expect(text.length).toBeGreaterThan(256 * 1024);
    paste(t, text);
    await t.waitFor(`paste-complete\r\n${PROMPT}`, 120_000);
    expect(t.messages.filter((m) => m.t === "error")).toEqual([]);

    t.skip();
    t.type(`wc -c ${Array.from({ length: docs }, (_, d) => `doc-${d}.yaml`).join(" ")} && cat order.txt\r`);
    const out = await t.waitFor(`after-${docs - 1}\r\n${PROMPT}`, 30_000);
    for (let d = 0; d < docs; d++) expect(out).toContain(`${sizes[d]} doc-${d}.yaml`);
    const order = out
      .slice(out.indexOf("before-0"))
      .split("\r\n")
      .filter((l) => /^(before|after)-\d$/.test(l));
    expect(order).toEqual(Array.from({ length: docs }, (_, d) => [`before-${d}`, `after-${d}`]).flat());
    t.close();
  });

  it("closes a 300-line here-document and runs the commands typed after it", async () => {
    const learner = await signUpLearner(h, "heredoc", { pro: true });
    const t = await openLiveTerminal(h.url, { cookie: learner.cookie() });
    const body = Array.from({ length: 300 }, (_, i) => `line ${i}`);
    paste(t, ["cat <<EOF > three-hundred.txt", ...body, "EOF", ""].join("\n"));
    t.type("wc -l three-hundred.txt\r");
    expect(await t.waitFor(/\d+ three-hundred\.txt\r\n/, 60_000)).toContain("300 three-hundred.txt");
    t.type("echo still-a-shell\r");
    await t.waitFor(`still-a-shell\r\nstill-a-shell\r\n${PROMPT}`);
    t.close();
  });

  it("refuses a paste over the limit in one clear line, runs none of it, and leaves the shell ready", async () => {
    const learner = await signUpLearner(h, "toolong", { pro: true });
    const t = await openLiveTerminal(h.url, { cookie: learner.cookie() });
    const lines = Array.from({ length: 9000 }, (_, i) => `echo too-long-${i} >> never.txt # ${"x".repeat(40)}`);
    const text = ["cat <<EOF > open.txt", ...lines].join("\n"); // an unclosed here-document, too
    expect(text.length).toBeGreaterThan(512 * 1024);
    paste(t, text);
    const line = await t.waitFor(/not run[^\r\n]*\r\n/, 60_000);
    expect(line).toMatch(/Paste of \d+ KiB not run: a paste may hold at most 512 KiB/);
    t.type("ls never.txt open.txt; echo ready\r");
    const after = await t.waitFor(`ready\r\n${PROMPT}`, 30_000);
    expect(after).toContain("ls: cannot access 'never.txt': No such file or directory");
    expect(after).toContain("ls: cannot access 'open.txt': No such file or directory");
    t.close();
  });
});
