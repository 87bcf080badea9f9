import { describe, expect, it } from "vitest";
import { Vfs } from "../fs/vfs";
import type { FsNode } from "../types";
import { feedEditor, openEditor } from "./session";
import { editorFsFromVfs } from "./vfs-fs";

function vfs(maxBytes = 1 << 20) {
  const nodes: Record<string, FsNode> = { "/": { type: "dir", mode: 0o755, mtime: 0 }, "/root": { type: "dir", mode: 0o700, mtime: 0 } };
  return new Vfs(nodes, () => 1_700_000_000_000, { maxBytes });
}

describe("the editors over the simulator's Vfs", () => {
  it("vim writes through the Vfs, which journals the path", () => {
    const v = vfs();
    v.writeFile("/root/a.yaml", "a: 1\n");
    v.drainJournal();
    const env = { fs: editorFsFromVfs(v), now: 0 };
    const { state } = openEditor(
      { program: "vim", file: "a.yaml", cwd: "/root", home: "/root", cols: 80, rows: 24, maxBytes: 1 << 20 },
      env,
    );
    const r = feedEditor(state, "A2\x1b:wq\r", env);
    expect(r.exit?.how).toBe("saved");
    expect(v.readFile("/root/a.yaml")).toEqual({ ok: true, value: "a: 12\n" });
    expect(v.drainJournal()).toEqual(["/root/a.yaml"]);
  });

  it("a write the Vfs refuses for space is vim's E514 and nano's error, and changes nothing", () => {
    const v = vfs(20);
    v.writeFile("/root/a.txt", "0123456789\n");
    const env = { fs: editorFsFromVfs(v), now: 0 };
    const vim = openEditor(
      { program: "vim", file: "a.txt", cwd: "/root", home: "/root", cols: 80, rows: 24, maxBytes: 1 << 20 },
      env,
    ).state;
    feedEditor(vim, "yy5p:w\r", env);
    expect(vim.program === "vim" && vim.message?.text).toBe('"a.txt" E514: Write error (file system full?)');
    const nano = openEditor(
      { program: "nano", file: "a.txt", cwd: "/root", home: "/root", cols: 80, rows: 24, maxBytes: 1 << 20 },
      env,
    ).state;
    feedEditor(nano, "xxxxxxxxxxxxxxxxxxxxx\x0f\r", env);
    expect(nano.program === "nano" && nano.status?.text).toBe("Error writing a.txt: No space left on device");
    expect(v.readFile("/root/a.txt")).toEqual({ ok: true, value: "0123456789\n" });
  });

  it("writing into a missing directory is E212", () => {
    const env = { fs: editorFsFromVfs(vfs()), now: 0 };
    const { state } = openEditor(
      { program: "vim", file: "/nodir/x.yaml", cwd: "/root", home: "/root", cols: 80, rows: 24, maxBytes: 1 << 20 },
      env,
    );
    feedEditor(state, "ix\x1b:w\r", env);
    expect(state.program === "vim" && state.message?.text).toBe('"/nodir/x.yaml" E212: Can\'t open file for writing');
  });
});
