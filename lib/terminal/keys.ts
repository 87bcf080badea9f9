/**
 * Splits what xterm.js sends into keys. Printable runs stay together; escape sequences become
 * named keys; a bracketed paste (ESC[200~ … ESC[201~) arrives as one `paste` token.
 */
export type KeyToken =
  | { kind: "text"; text: string }
  | { kind: "paste"; text: string }
  | {
      kind: "key";
      name: "enter" | "backspace" | "delete" | "left" | "right" | "up" | "down" | "home" | "end" | "tab" | "ctrl-c" | "ctrl-d" | "ctrl-l" | "ctrl-a" | "ctrl-e" | "ctrl-u" | "ctrl-k" | "ctrl-w";
    };

const SEQUENCES: Record<string, Extract<KeyToken, { kind: "key" }>["name"]> = {
  "\x1b[A": "up", "\x1bOA": "up",
  "\x1b[B": "down", "\x1bOB": "down",
  "\x1b[C": "right", "\x1bOC": "right",
  "\x1b[D": "left", "\x1bOD": "left",
  "\x1b[H": "home", "\x1bOH": "home", "\x1b[1~": "home", "\x1b[7~": "home",
  "\x1b[F": "end", "\x1bOF": "end", "\x1b[4~": "end", "\x1b[8~": "end",
  "\x1b[3~": "delete",
};

const CONTROL: Record<string, Extract<KeyToken, { kind: "key" }>["name"]> = {
  "\r": "enter", "\n": "enter", "\x7f": "backspace", "\b": "backspace", "\t": "tab",
  "\x03": "ctrl-c", "\x04": "ctrl-d", "\x0c": "ctrl-l", "\x01": "ctrl-a", "\x05": "ctrl-e",
  "\x15": "ctrl-u", "\x0b": "ctrl-k", "\x17": "ctrl-w",
};

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";

export function tokenize(data: string): KeyToken[] {
  const out: KeyToken[] = [];
  let text = "";
  const flush = () => {
    if (text) out.push({ kind: "text", text });
    text = "";
  };
  let i = 0;
  while (i < data.length) {
    if (data.startsWith(PASTE_START, i)) {
      flush();
      const end = data.indexOf(PASTE_END, i + PASTE_START.length);
      const stop = end === -1 ? data.length : end;
      out.push({ kind: "paste", text: data.slice(i + PASTE_START.length, stop) });
      i = end === -1 ? data.length : end + PASTE_END.length;
      continue;
    }
    const ch = data[i];
    if (ch === "\x1b") {
      flush();
      const seq = Object.keys(SEQUENCES).find((s) => data.startsWith(s, i));
      if (seq) {
        out.push({ kind: "key", name: SEQUENCES[seq] });
        i += seq.length;
      } else {
        // Unknown escape sequence: skip ESC and a CSI body if there is one, never echo it.
        const m = /^\x1b\[[0-9;?]*[ -/]*[@-~]/.exec(data.slice(i));
        i += m ? m[0].length : 1;
      }
      continue;
    }
    if (ch === "\r" && data[i + 1] === "\n") i++; // CRLF is one Enter
    const ctl = CONTROL[ch];
    if (ctl) {
      flush();
      out.push({ kind: "key", name: ctl });
    } else if (ch >= " " || ch > "\x7f") {
      text += ch;
    }
    i++;
  }
  flush();
  return out;
}
