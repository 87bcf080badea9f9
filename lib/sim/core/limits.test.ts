/** security.md D2-D4: every limit gives a clear error fast and leaves the shell usable. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { migrateAndValidate } from "./state-schema";
import { run, testEngine } from "./testing";

async function stillUsable(e: ReturnType<typeof testEngine>) {
  expect((await e.exec("pwd")).exitCode).toBe(0);
  expect((await e.exec("ls /")).output).toContain("etc");
  expect(() => migrateAndValidate(JSON.parse(JSON.stringify(e.serialize())))).not.toThrow();
}

describe("limits", () => {
  it("refuses oversized input", async () => {
    const e = testEngine();
    expect(await e.exec("echo " + "x".repeat(70_000))).toMatchObject({
      output: "bash: input too long (at most 65536 bytes)\n",
      exitCode: 1,
    });
    await stillUsable(e);
  });

  it("refuses a 10,000-stage pipeline", async () => {
    const e = testEngine();
    const r = await e.exec(Array(10_000).fill("cat").join("|"));
    expect(r.output).toBe("bash: pipeline too long (at most 64 commands)\n");
    await stillUsable(e);
  });

  it("caps terminal output at 256 KiB", async () => {
    const e = testEngine();
    const r = await e.exec("cat /dev/zero");
    expect(r.output.length).toBeLessThan(256 * 1024 + 200);
    expect(r.output.endsWith("\nbash: output limit exceeded (256 KiB): output truncated\n")).toBe(true);
    expect((await e.exec("cat /dev/zero > /dev/null; echo ok")).output).toBe("ok\n");
    expect((await e.exec("head -c 4 /dev/urandom | wc -c")).output).toBe("4\n");
    await stillUsable(e);
  });

  it("bounds nesting and steps", async () => {
    const e = testEngine();
    expect((await e.exec("echo " + "$(".repeat(40) + "x" + ")".repeat(40))).output).toBe(
      "bash: maximum nesting depth exceeded (at most 32)\n",
    );
    expect((await e.exec("cat /dev/zero > /dev/null;".repeat(2000))).output).toMatch(/step limit exceeded/);
    await stillUsable(e);
  });

  it("ends an endless loop at the step budget with a clear message, and the next line runs", async () => {
    const e = testEngine();
    for (const loop of ["while true; do :; done", "until false; do echo y > /dev/null; done", "for ((;;)); do :; done"]) {
      const r = await e.exec(loop);
      expect(r.output).toBe("bash: step limit exceeded (20000 steps per command line)\n");
      expect((await e.exec("echo next")).output).toBe("next\n");
    }
    await stillUsable(e);
  });

  it("fills the filesystem to 1 MiB and no further", async () => {
    const e = testEngine();
    const chunk = "x".repeat(60_000);
    let r = { output: "", exitCode: 0 };
    for (let i = 0; i < 20 && !r.output; i++) r = await e.exec(`echo ${chunk} > /tmp/f${i}`);
    expect(r.output).toMatch(/No space left on device/);
    expect(e.vfs.usedBytes).toBeLessThanOrEqual(1024 * 1024);
    expect((await e.exec("rm /tmp/f0 && echo freed > /tmp/small && cat /tmp/small")).output).toBe("freed\n");
    await stillUsable(e);
  });

  it("matches pathological regexes in linear time", async () => {
    const e = testEngine({ files: { "/root/t": "a".repeat(5000) + "!\n" } });
    for (const p of ["(a+)+$", "(a|aa)*b", "(a*)*(a*)*(a*)*b", "^(a?){30}a{30}$"]) {
      const r = await e.exec(`grep -cE '${p}' t`);
      expect(r.output).toMatch(/^0\n$|pattern too complex/);
    }
    expect((await e.exec("grep -E '((((((((((a))))))))))' t | wc -l")).output).toBe("1\n");
    expect((await e.exec(`grep -E '${"(".repeat(300)}' t`)).output).toMatch(/^grep: /);
  });
});

const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc
    .array(
      fc.constantFrom(
        "'",
        '"',
        ";",
        "$(",
        ")",
        "`",
        "|",
        "&&",
        "||",
        "<<",
        "EOF",
        "\n",
        ">",
        "<",
        "2>&1",
        "*",
        "~",
        "$",
        "{",
        "}",
        "\\",
        "echo",
        "cat",
        "ls",
        "cd",
        "x",
        " ",
        "\x00",
        "\x1b[2J",
        "\r",
        "!",
        "#",
      ),
      { maxLength: 60 },
    )
    .map((a) => a.join("")),
  fc.constantFrom(
    "$(".repeat(5000),
    "`".repeat(5000),
    "'".repeat(70_000),
    "a|".repeat(5000),
    "cat /dev/zero | cat | cat",
    "echo $(cat /dev/zero)",
  ),
);

describe("fuzz", () => {
  it("never throws and the state stays valid", async () => {
    const e = testEngine({ files: { "/root/a": "a\n" } });
    await fc.assert(
      fc.asyncProperty(hostile, async (line) => {
        const r = await e.exec(line);
        expect(typeof r.output).toBe("string");
        expect(Number.isInteger(r.exitCode)).toBe(true);
        if (r.exit) await e.exec("true");
      }),
      { numRuns: 400 },
    );
    await stillUsable(e);
  });

  it("keeps output within the cap", async () => {
    const r = await run(testEngine(), "cat /dev/zero | cat | cat");
    expect(r.output.length).toBeLessThanOrEqual(256 * 1024 + 200);
  });
});
