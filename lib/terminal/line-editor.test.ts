import { describe, expect, it } from "vitest";
import { tokenize } from "./keys";
import { commonPrefix, LineEditor, MAX_LINE_CHARS } from "./line-editor";
import { parseClientMessage } from "./protocol";

const editor = () => new LineEditor(() => "controlplane:~$ ");

describe("tokenize", () => {
  it("splits printable text, control keys and escape sequences", () => {
    expect(tokenize("ls\x1b[D\x7f\r")).toEqual([
      { kind: "text", text: "ls" },
      { kind: "key", name: "left" },
      { kind: "key", name: "backspace" },
      { kind: "key", name: "enter" },
    ]);
  });
  it("keeps a bracketed paste together, newlines included", () => {
    expect(tokenize("\x1b[200~echo a\necho b\x1b[201~")).toEqual([{ kind: "paste", text: "echo a\necho b" }]);
  });
  it("treats CRLF as one Enter and drops unknown escape sequences", () => {
    expect(tokenize("a\r\n\x1b[99;5~b")).toEqual([
      { kind: "text", text: "a" },
      { kind: "key", name: "enter" },
      { kind: "text", text: "b" },
    ]);
  });
});

describe("LineEditor", () => {
  it("inserts in the middle and redraws the line", () => {
    const e = editor();
    e.insert("kubectl get nodes");
    e.home();
    e.right();
    const r = e.insert("X");
    expect(e.buffer).toBe("kXubectl get nodes");
    expect(r.echo).toContain("\rcontrolplane:~$ kXubectl get nodes\x1b[K");
    expect(r.echo.endsWith("\x1b[16D")).toBe(true);
  });

  it("backspace at the end erases one cell, at the start rings the bell", () => {
    const e = editor();
    e.insert("ab");
    expect(e.backspace().echo).toBe("\b \b");
    expect(e.buffer).toBe("a");
    e.backspace();
    expect(e.backspace().echo).toBe("\x07");
  });

  it("browses history up and down and restores the draft", () => {
    const e = editor();
    const history = ["first", "second"];
    e.insert("dra");
    e.browse(history, "up");
    expect(e.buffer).toBe("second");
    e.browse(history, "up");
    expect(e.buffer).toBe("first");
    expect(e.browse(history, "up").echo).toBe("\x07");
    e.browse(history, "down");
    e.browse(history, "down");
    expect(e.buffer).toBe("dra");
  });

  it("enter submits the line and starts afresh; ctrl-c abandons it", () => {
    const e = editor();
    e.insert("kubectl get pods");
    expect(e.enter()).toEqual({ echo: "\r\n", submit: "kubectl get pods" });
    expect(e.buffer).toBe("");
    e.insert("half typed");
    expect(e.interrupt().echo).toBe("^C\r\ncontrolplane:~$ ");
    expect(e.buffer).toBe("");
  });

  it("ctrl-w deletes the word before the cursor, ctrl-u the start of the line", () => {
    const e = editor();
    e.insert("kubectl get nodes");
    e.deleteWordBack();
    expect(e.buffer).toBe("kubectl get ");
    e.killToStart();
    expect(e.buffer).toBe("");
  });

  it("strips control characters from inserted text", () => {
    const e = editor();
    e.insert("a\x00b\x1bc");
    expect(e.buffer).toBe("abc");
  });

  it("holds at most MAX_LINE_CHARS and rings the bell for what does not fit", () => {
    const e = editor();
    e.insert("x".repeat(MAX_LINE_CHARS - 2));
    e.insert("abcd");
    expect(e.buffer.length).toBe(MAX_LINE_CHARS);
    expect(e.buffer.endsWith("xxab")).toBe(true);
    expect(e.insert("z").echo).toBe("\x07");
    expect(e.buffer.length).toBe(MAX_LINE_CHARS);
  });

  it("commonPrefix finds what bash would complete", () => {
    expect(commonPrefix(["certificatesigningrequests", "certificate"])).toBe("certificate");
    expect(commonPrefix([])).toBe("");
  });
});

describe("protocol", () => {
  it("accepts valid messages and rejects unknown types, extra sizes and garbage", () => {
    expect(parseClientMessage('{"t":"input","d":"ls\\r"}').ok).toBe(true);
    expect(parseClientMessage('{"t":"resize","cols":80,"rows":24}').ok).toBe(true);
    expect(parseClientMessage('{"t":"exec","cmd":"rm -rf /"}').ok).toBe(false);
    expect(parseClientMessage(JSON.stringify({ t: "input", d: "x".repeat(5000) })).ok).toBe(false);
    expect(parseClientMessage("not json").ok).toBe(false);
    expect(parseClientMessage('{"t":"run","id":"not-a-uuid","line":"ls"}').ok).toBe(false);
  });
});
