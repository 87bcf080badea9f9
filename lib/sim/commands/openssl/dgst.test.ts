/**
 * `openssl dgst` and the digest commands against real OpenSSL 3.0 on the same files: the same
 * output and exit status (stdout and stderr together; the thread-id prefix of error lines, which
 * differs per process, is normalised).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coreutils } from "../coreutils";
import { run, testEngine } from "../../core/testing";
import { openssl } from ".";
import { requireOracle } from "../../../testing/oracles";

const OPENSSL = requireOracle("openssl") ?? "openssl";
const FILES = { "f.txt": "hello\n", "g.txt": "grüße, kubeadm\nline two\n" };
const LINES = [
  "openssl dgst -sha256 f.txt",
  "openssl dgst f.txt",
  "openssl dgst -md5 f.txt",
  "openssl dgst -sha1 g.txt",
  "openssl dgst -sha256 -hex f.txt",
  "openssl dgst -sha256 -r f.txt g.txt",
  "openssl dgst -sha512 g.txt",
  "openssl md5 f.txt",
  "openssl sha1 f.txt",
  "openssl sha224 g.txt",
  "openssl sha256 f.txt g.txt",
  "openssl sha384 f.txt",
  "openssl sha512 -r g.txt",
  "openssl md5 -sha1 f.txt",
  "cat g.txt | openssl dgst -sha256",
  "cat f.txt | openssl md5",
  "openssl dgst -sha256 -- f.txt",
  "openssl dgst -sha256 nosuch",
  "openssl dgst -nosuch f.txt",
];

const normalise = (s: string) => s.replace(/^[0-9A-F]{16}:error:/gm, "PFX:error:");

function real(line: string): { output: string; exitCode: number } {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-dgst-"));
  try {
    for (const [n, c] of Object.entries(FILES)) writeFileSync(join(dir, n), c);
    const r = spawnSync("bash", ["-c", `${line.replaceAll("openssl", OPENSSL)} 2>&1`], { cwd: dir, encoding: "utf8" });
    return { output: r.stdout, exitCode: r.status ?? -1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("openssl dgst against OpenSSL 3.0", () => {
  it.each(LINES)("%s", async (line) => {
    const e = testEngine({ commands: [openssl, ...coreutils] });
    for (const [n, c] of Object.entries(FILES)) await run(e, `printf '%s' '${c}' > ${n}`);
    const ours = await run(e, line);
    const theirs = real(line);
    expect(normalise(ours.output)).toBe(normalise(theirs.output));
    expect(ours.exitCode).toBe(theirs.exitCode);
  });
});
