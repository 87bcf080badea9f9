import { describe, expect, it } from "vitest";
import type { Command, SimpleCommand } from "./ast";
import { needsMoreInput, parse, ParseError } from "./parser";

const simple = (c: Command | undefined): SimpleCommand => {
  if (c?.k !== "simple") throw new Error(`not a simple command: ${c?.k}`);
  return c;
};

const err = (src: string) => {
  try {
    parse(src);
  } catch (e) {
    if (e instanceof ParseError) return e.message;
    throw e;
  }
  return "no error";
};

describe("parser", () => {
  it("parses lists, pipelines and redirections", () => {
    const { script } = parse("a | b && c || d; e 2>&1 >out");
    expect(script).toHaveLength(2);
    expect(script[0].first.commands).toHaveLength(2);
    expect(script[0].rest.map((r) => r.op)).toEqual(["&&", "||"]);
    expect(simple(script[1].first.commands[0]).redirects.map((r) => [r.fd, r.op])).toEqual([
      [2, ">&"],
      [1, ">"],
    ]);
  });

  it("reports bash's syntax errors", () => {
    expect(err("| echo")).toBe("syntax error near unexpected token `|'");
    expect(err("echo ;;")).toBe("syntax error near unexpected token `;;'");
    expect(err(")")).toBe("syntax error near unexpected token `)'");
    expect(err("echo a && && b")).toBe("syntax error near unexpected token `&&'");
    expect(err("echo >")).toBe("syntax error near unexpected token `newline'");
    expect(err("echo hi |")).toBe("syntax error: unexpected end of file");
    expect(err("echo 'abc")).toBe("unexpected EOF while looking for matching `''");
    expect(err('echo "abc')).toBe("unexpected EOF while looking for matching `\"'");
    expect(err("echo $(ls")).toBe("unexpected EOF while looking for matching `)'");
    expect(err("echo `ls")).toBe("unexpected EOF while looking for matching ``'");
    expect(err("echo ${a&b}")).toBe("${a&b}: bad substitution");
    expect(err("if true; then fi")).toBe("syntax error near unexpected token `fi'");
    expect(err("fi")).toBe("syntax error near unexpected token `fi'");
    expect(err("for i in 1 2; do echo")).toBe("syntax error: unexpected end of file");
    expect(err("case x in a) echo;; esac x")).toBe("syntax error near unexpected token `x'");
    expect(err("{ echo }")).toBe("syntax error: unexpected end of file");
  });

  it("reads here-document bodies after the line", () => {
    const { script } = parse("cat <<EOF | wc -l\none\ntwo\nEOF\necho after");
    expect(script).toHaveLength(2);
    expect(simple(script[0].first.commands[0]).redirects[0].heredoc).toEqual([{ t: "lit", v: "one\ntwo\n", q: true }]);
    const strip = simple(parse("cat <<-END\n\t\tx\n\tEND").script[0].first.commands[0]).redirects[0].heredoc;
    expect(strip).toEqual([{ t: "lit", v: "x\n", q: true }]);
  });

  it("knows when more input is needed", () => {
    expect(needsMoreInput("cat <<EOF")).toBe(true);
    expect(needsMoreInput("cat <<EOF\nabc")).toBe(true);
    expect(needsMoreInput("cat <<EOF\nabc\nEOF")).toBe(false);
    expect(needsMoreInput("echo 'abc")).toBe(true);
    expect(needsMoreInput('echo "a\nb"')).toBe(false);
    expect(needsMoreInput("echo $(ls")).toBe(true);
    expect(needsMoreInput("ls |")).toBe(true);
    expect(needsMoreInput("ls &&")).toBe(true);
    expect(needsMoreInput("ls \\")).toBe(true);
    expect(needsMoreInput("ls")).toBe(false);
    expect(needsMoreInput("| ls")).toBe(false);
    expect(needsMoreInput("for i in 1 2; do")).toBe(true);
    expect(needsMoreInput("if true; then\necho a\nelse")).toBe(true);
    expect(needsMoreInput("f() {")).toBe(true);
    expect(needsMoreInput("case $x in")).toBe(true);
    expect(needsMoreInput("while true; do :; done")).toBe(false);
  });

  it("bounds pipeline length and nesting", () => {
    expect(err(Array(10_000).fill("true").join(" | "))).toBe("pipeline too long (at most 64 commands)");
    expect(err("echo " + "$(".repeat(100_000))).toBe("maximum nesting depth exceeded (at most 32)");
    expect(err("echo " + "`".repeat(100_001))).toMatch(/unexpected EOF|nesting/);
    expect(err("echo " + "(".repeat(100_000))).toBe("syntax error near unexpected token `(('");
    expect(err("( ".repeat(100_000))).toBe("maximum nesting depth exceeded (at most 32)");
    expect(err("(".repeat(100_000))).toMatch(/unexpected EOF|nesting/);
    expect(() => parse(Array(64).fill("true").join(" | "))).not.toThrow();
  });
});
