/**
 * Compares coreutils output with the machine's real bash and GNU coreutils, run on the same
 * files (the oracle is used here only, never from simulator code). Skipped without bash, except under CI=true, where that fails.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireOracle } from "../../../testing/oracles";
import { runAll, runOracle } from "../../../testing/__tests__/run-oracle";
import { testEngine } from "../../core/testing";

const FILES: Record<string, string> = {
  "notes.txt": "alpha beta\nGamma delta\n\nbeta again\nlast line without newline",
  "data.csv": "name,role,age\njane,admin,34\nbob,dev,27\nann,dev,41\nbob,dev,27\n",
  "sub/inner.txt": "inside\n",
  "sub/deeper/x.crt": "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
};

const LINES = [
  "cat notes.txt",
  "cat -n notes.txt",
  "cat notes.txt nosuch data.csv",
  "cat sub",
  "head -2 data.csv",
  "head -n 1 notes.txt data.csv",
  "tail -n 2 data.csv",
  "tail -3 notes.txt",
  "head -c 7 notes.txt",
  "tail -c 5 data.csv",
  "head -n -2 data.csv",
  "tail -n +3 data.csv",
  "wc notes.txt",
  "wc -l data.csv",
  "wc -l < data.csv",
  "wc notes.txt data.csv",
  "wc -w notes.txt",
  "wc -c data.csv",
  "grep beta notes.txt",
  "grep -i gamma notes.txt",
  "grep -v beta notes.txt",
  "grep -n dev data.csv",
  "grep -c dev data.csv notes.txt",
  "grep -E 'jane|ann' data.csv",
  "grep -o 'b[a-z]*' notes.txt",
  "grep -w dev data.csv",
  "grep 'a\\(l\\|g\\)' notes.txt",
  "grep -E '^[a-z]+,dev,[0-9]{2}$' data.csv",
  "grep -E '(a+)+$' notes.txt",
  "grep x nosuch notes.txt",
  "grep -q beta notes.txt; echo $?",
  "grep nothing notes.txt; echo $?",
  "grep -r inside sub",
  "sort data.csv",
  "sort -r data.csv",
  "sort -u data.csv",
  "sort -t, -k3 -n data.csv",
  "sort nosuch",
  "uniq data.csv",
  "uniq -c data.csv",
  "cut -d, -f1 data.csv",
  "cut -d, -f2,3 data.csv",
  "cut -c1-3 notes.txt",
  "cut -d, -f2- data.csv",
  "cut notes.txt",
  "tr a-z A-Z < notes.txt",
  "tr -d 'aeiou' < data.csv",
  "echo hello | tr -s l",
  "tr",
  "echo 'a:b' | tr ':' '\\n'",
  "base64 data.csv",
  "base64 -w0 notes.txt",
  "base64 data.csv | base64 -d",
  "echo '!!!' | base64 -d",
  "echo -n aGVsbG8 | base64 -d; echo rc=$?",
  "echo aGVsbA | base64 -d; echo rc=$?",
  "echo aGVsbG8= | base64 -d; echo rc=$?",
  "echo -n a | base64 -d; echo rc=$?",
  "echo hi | base64 -w 4",
  "echo -n abc",
  "echo -e 'a\\tb\\nc'",
  "echo a   b 'c  d'",
  "ls",
  "ls sub",
  "ls -1 sub/deeper",
  "ls nosuch",
  "ls -R sub",
  "ls sub/deeper/x.crt notes.txt",
  "ls sub nosuch",
  "mkdir sub",
  "mkdir -p sub/new/dir && ls sub/new",
  "mkdir a/b/c",
  "mkdir -p notes.txt/x",
  "rm nosuch",
  "rm sub",
  "rm -f nosuch; echo $?",
  "rm -r sub && ls",
  "cp notes.txt copy.txt && cat copy.txt",
  "cp sub elsewhere",
  "cp -r sub sub2 && ls sub2",
  "cp nosuch x",
  "cp notes.txt",
  "mv data.csv moved.csv && ls",
  "mv nosuch x",
  "touch new.txt && ls",
  "touch nodir/x",
  "basename /etc/kubernetes/pki/ca.crt .crt",
  "dirname /etc/kubernetes/pki/ca.crt",
  "dirname file",
  "cat < notes.txt | head -1",
  "echo one > f.txt; echo two >> f.txt; cat f.txt",
  "cat nosuch 2>/dev/null; echo rc=$?",
  "ls nosuch 2>&1 | wc -l",
  'x=$(wc -l < data.csv); echo "lines: $x"',
  "echo `echo nested`",
  'echo "$(echo a; echo b)"',
  "echo $(echo a; echo b)",
  "v='a  b'; echo $v \"$v\"",
  "echo ~ | grep -c /",
  "echo *.txt",
  "echo sub/*",
  "echo nomatch*",
  "echo 'q*'",
  "cat <<EOF\nhi $USER\nEOF",
  "cat <<'EOF'\nhi $USER\nEOF",
  "true && echo yes || echo no",
  "false && echo yes || echo no",
  "! false; echo $?",
  "sleep 0; echo ok",
  "chmod 600 notes.txt && stat -c %a notes.txt 2>/dev/null | head -0; echo done",
];

const BASH = requireOracle("bash");
const haveBash = BASH !== undefined;
const dir = haveBash ? mkdtempSync(join(tmpdir(), "kubeyard-oracle-")) : "";
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

/** What real bash prints for `line`, run in a fresh copy of FILES (stdout and stderr together). */
async function realBash(line: string, n: number): Promise<string> {
  const work = join(dir, String(n));
  for (const [p, c] of Object.entries(FILES)) {
    mkdirSync(join(work, p, ".."), { recursive: true });
    writeFileSync(join(work, p), c);
  }
  // the sim's ls writes to a terminal (columns); -C makes GNU ls lay out columns when piped
  const real = line.replace(/\bls\b(?! -1)/g, "ls -C");
  const r = await runOracle(BASH ?? "bash", ["-c", `cd ${work} && { ${real}\n} 2>&1 | cat`], {
    env: { ...process.env, LANG: "C.UTF-8", HOME: "/root", USER: "root" },
  });
  return r.stdout;
}

describe.skipIf(!haveBash)("coreutils against GNU coreutils", () => {
  let real = new Map<string, string>();
  beforeAll(async () => {
    real = await runAll(LINES, 4, realBash);
  }, 120_000);

  it.each(LINES)("%s", async (line) => {
    const files = Object.fromEntries(Object.entries(FILES).map(([p, c]) => [`/root/work/${p}`, c]));
    const sim = testEngine({ files });
    await sim.exec("cd /root/work");
    const r = await sim.exec(line);
    expect(r.output).toBe(real.get(line));
  });
});
