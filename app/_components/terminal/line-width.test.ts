import { describe, expect, it } from "vitest";
import { clearsScreen, columnsFor, MAX_COLS, scanColumns, widestLine } from "./line-width";

describe("widestLine", () => {
  it("measures the longest line of a table, ignoring colours and CRLF", () => {
    const header = "CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED";
    expect(header.length).toBe(110);
    expect(widestLine(`${header}\r\n\x1b[1madmin.conf\x1b[0m   Nov 30\r\n`)).toBe(110);
  });

  it("counts from the cursor's column for the first line, and from 0 after a carriage return", () => {
    expect(widestLine("abc", 40)).toBe(43);
    expect(widestLine("\rcontrolplane:~$ ls\x1b[K", 70)).toBe(70);
    expect(widestLine("\r\nxy", 5)).toBe(5);
  });

  it("follows backspaces and tabs, and skips OSC sequences (titles, links)", () => {
    expect(widestLine("abcd\b\b\bX")).toBe(4);
    expect(widestLine("a\tb")).toBe(9);
    expect(widestLine("\x1b]0;a very long window title that takes no columns\x07ok")).toBe(2);
    expect(widestLine("\x1b]8;;https://example.com\x1b\\link\x1b]8;;\x1b\\")).toBe(4);
  });
});

describe("scanColumns", () => {
  it("carries the cursor's column from chunk to chunk, so a table after an echoed command measures 110, not more", () => {
    const header = "CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED";
    let col = 0;
    const widths: number[] = [];
    for (const chunk of ["controlplane:~$ ", "kubeadm certs check-expiration", "\r\n", `${header}\r\n`, "controlplane:~$ "]) {
      const scan = scanColumns(chunk, col);
      widths.push(scan.widest);
      col = scan.col;
    }
    expect(widths).toEqual([16, 46, 46, 110, 16]);
    expect(col).toBe(16);
  });

  it("follows the line editor's cursor moves (CSI D, C, G) and LF keeps the column", () => {
    expect(scanColumns("abcdef\x1b[3D", 0)).toEqual({ widest: 6, col: 3 });
    expect(scanColumns("\x1b[D\x1b[2C", 10).col).toBe(11);
    expect(scanColumns("\x1b[5Gx", 30)).toEqual({ widest: 30, col: 5 });
    expect(scanColumns("ab\ncd", 0)).toEqual({ widest: 4, col: 4 });
  });
});

describe("columnsFor", () => {
  it("grows past the frame for a wider line in scroll mode, never past MAX_COLS, and never in wrap mode", () => {
    expect(columnsFor(80, 110, false)).toBe(110);
    expect(columnsFor(120, 110, false)).toBe(120);
    expect(columnsFor(80, 1000, false)).toBe(MAX_COLS);
    expect(columnsFor(80, 110, true)).toBe(80);
  });
});

describe("clearsScreen", () => {
  it("spots clear, Ctrl+L and a full reset", () => {
    expect(clearsScreen("\x1b[H\x1b[2J")).toBe(true);
    expect(clearsScreen("\x1b[3J")).toBe(true);
    expect(clearsScreen("\x1bc")).toBe(true);
    expect(clearsScreen("\x1b[K")).toBe(false);
  });
});
