/**
 * Splits what xterm.js sends into keys. Printable runs stay together; escape sequences become
 * named keys; a bracketed paste (ESC[200~ … ESC[201~) arrives as one `paste` token.
 *
 * The browser cuts a large paste into 4 KiB messages, so a paste, or an escape sequence, may
 * span messages: KeyDecoder keeps what an unfinished one has so far and continues it with the
 * next message. A paste longer than its limit is not kept: its text is dropped as it arrives and
 * it ends as one `paste-refused` token with its size, so the learner can be told (issue 10).
 */
export type KeyToken =
  | { kind: "text"; text: string }
  | { kind: "paste"; text: string }
  | { kind: "paste-refused"; bytes: number }
  | {
      kind: "key";
      name:
        | "enter"
        | "backspace"
        | "delete"
        | "left"
        | "right"
        | "up"
        | "down"
        | "home"
        | "end"
        | "tab"
        | "ctrl-c"
        | "ctrl-d"
        | "ctrl-l"
        | "ctrl-a"
        | "ctrl-e"
        | "ctrl-u"
        | "ctrl-k"
        | "ctrl-w";
    };

type KeyName = Extract<KeyToken, { kind: "key" }>["name"];

const SEQUENCES: Record<string, KeyName> = {
  "\x1b[A": "up",
  "\x1bOA": "up",
  "\x1b[B": "down",
  "\x1bOB": "down",
  "\x1b[C": "right",
  "\x1bOC": "right",
  "\x1b[D": "left",
  "\x1bOD": "left",
  "\x1b[H": "home",
  "\x1bOH": "home",
  "\x1b[1~": "home",
  "\x1b[7~": "home",
  "\x1b[F": "end",
  "\x1bOF": "end",
  "\x1b[4~": "end",
  "\x1b[8~": "end",
  "\x1b[3~": "delete",
};

const CONTROL: Record<string, KeyName> = {
  "\r": "enter",
  "\n": "enter",
  "\x7f": "backspace",
  "\b": "backspace",
  "\t": "tab",
  "\x03": "ctrl-c",
  "\x04": "ctrl-d",
  "\x0c": "ctrl-l",
  "\x01": "ctrl-a",
  "\x05": "ctrl-e",
  "\x15": "ctrl-u",
  "\x0b": "ctrl-k",
  "\x17": "ctrl-w",
};

export const PASTE_START = "\x1b[200~";
export const PASTE_END = "\x1b[201~";
const CSI = /^\x1b\[[0-9;?]*[ -/]*[@-~]/;
/** An escape sequence cut off at the end of a message. */
const CSI_PREFIX = /^\x1b(\[[0-9;?]*[ -/]*|O)?$/;

/** Bytes of `s` in UTF-8 (this module runs in the browser too: no Buffer). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n +=
      c < 0x80
        ? 1
        : c < 0x800
          ? 2
          : c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00
            ? (i++, 4)
            : 3;
  }
  return n;
}

/** The longest suffix of `s` that starts `marker` (a marker cut in two by a message boundary). */
function markerPrefixAtEnd(s: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, s.length); n > 0; n--) if (marker.startsWith(s.slice(-n))) return n;
  return 0;
}

export class KeyDecoder {
  /** the start of an escape sequence or paste marker cut off at the end of the last message */
  private carry = "";
  /** inside a bracketed paste: the text so far (null when not in a paste) */
  private paste: string[] | null = null;
  private pasteBytes = 0;
  private pasteTooLong = false;
  /** the last message ended with CR: a LF starting the next one is the same Enter (CRLF) */
  private endedWithCR = false;

  /** @param maxPasteBytes pastes longer than this (UTF-8 bytes) are refused whole */
  constructor(private readonly maxPasteBytes = Infinity) {}

  /** True while a paste has started and not ended. */
  get inPaste(): boolean {
    return this.paste !== null;
  }

  feed(chunk: string): KeyToken[] {
    const data = this.carry + (this.endedWithCR && !this.carry && chunk.startsWith("\n") ? chunk.slice(1) : chunk);
    this.carry = "";
    this.endedWithCR = false;
    const out: KeyToken[] = [];
    let text = "";
    const flush = () => {
      if (text) out.push({ kind: "text", text });
      text = "";
    };
    let i = 0;
    while (i < data.length) {
      if (this.paste) {
        const end = data.indexOf(PASTE_END, i);
        if (end === -1) {
          const keep = markerPrefixAtEnd(data, PASTE_END);
          this.addPaste(data.slice(i, data.length - keep));
          this.carry = data.slice(data.length - keep);
          return out;
        }
        this.addPaste(data.slice(i, end));
        out.push(this.pasteTooLong ? { kind: "paste-refused", bytes: this.pasteBytes } : { kind: "paste", text: this.paste.join("") });
        this.paste = null;
        i = end + PASTE_END.length;
        continue;
      }
      if (data.startsWith(PASTE_START, i)) {
        flush();
        this.paste = [];
        this.pasteBytes = 0;
        this.pasteTooLong = false;
        i += PASTE_START.length;
        continue;
      }
      const ch = data[i];
      if (ch === "\x1b") {
        flush();
        const rest = data.slice(i);
        if (PASTE_START.startsWith(rest) || CSI_PREFIX.test(rest)) {
          this.carry = rest; // cut off: the next message completes it
          return out;
        }
        const seq = Object.keys(SEQUENCES).find((s) => data.startsWith(s, i));
        if (seq) {
          out.push({ kind: "key", name: SEQUENCES[seq] });
          i += seq.length;
        } else {
          // Unknown escape sequence: skip ESC and a CSI body if there is one, never echo it.
          const m = CSI.exec(rest);
          i += m ? m[0].length : 1;
        }
        continue;
      }
      if (ch === "\r" && data[i + 1] === "\n")
        i++; // CRLF is one Enter
      else if (ch === "\r" && i === data.length - 1) this.endedWithCR = true;
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

  private addPaste(piece: string): void {
    if (!piece || !this.paste) return;
    this.pasteBytes += utf8Length(piece);
    if (this.pasteBytes > this.maxPasteBytes) {
      this.pasteTooLong = true;
      this.paste.length = 0; // drop what was kept: none of it will run
    }
    if (!this.pasteTooLong) this.paste.push(piece);
  }
}

/** One message on its own: an unfinished paste counts as pasted, an unfinished escape sequence is dropped. */
export function tokenize(data: string): KeyToken[] {
  const d = new KeyDecoder();
  const out = d.feed(data);
  const end = d.inPaste ? d.feed(PASTE_END) : [];
  return [...out, ...end];
}
