/**
 * Raw terminal input (what xterm.js sends) turned into editor keys. Unlike the shell's line
 * discipline (lib/terminal/keys.ts) an editor needs every control key, and it must survive a
 * bracketed paste split over many WebSocket messages: the decoder keeps what it has not finished
 * in a plain string (`InputCarry`) that lives in the serialisable editor state.
 *
 * One message is one unit of typing, as xterm.js emits one `onData` per key: an ESC at the very
 * end of a message is the Esc key (vim would decide the same after 'ttimeoutlen', 100 ms, with
 * no further byte), and ESC followed by a byte that starts no known sequence is Esc and then
 * that key (vim does the same for "\x1bx" once no termcode matches).
 */

/** A key: one printable character, or a named key in vim's notation ("<Esc>", "<C-r>", "<Up>"). */
export type Key = string;

/** What the decoder yields: keys, and pasted text delivered whole. */
export type InputEvent = { key: Key } | { paste: string };

/** Decoder state carried between messages. */
export interface InputCarry {
  /** text of a bracketed paste whose end marker has not arrived yet, or null */
  paste: string | null;
  /** the tail of the last message that may be the start of the paste end marker */
  partial: string;
}

export const PASTE_START = "\x1b[200~";
export const PASTE_END = "\x1b[201~";

const SEQUENCES: Record<string, Key> = {
  "\x1b[A": "<Up>",
  "\x1bOA": "<Up>",
  "\x1b[B": "<Down>",
  "\x1bOB": "<Down>",
  "\x1b[C": "<Right>",
  "\x1bOC": "<Right>",
  "\x1b[D": "<Left>",
  "\x1bOD": "<Left>",
  "\x1b[H": "<Home>",
  "\x1bOH": "<Home>",
  "\x1b[1~": "<Home>",
  "\x1b[7~": "<Home>",
  "\x1b[F": "<End>",
  "\x1bOF": "<End>",
  "\x1b[4~": "<End>",
  "\x1b[8~": "<End>",
  "\x1b[2~": "<Insert>",
  "\x1b[3~": "<Del>",
  "\x1b[5~": "<PageUp>",
  "\x1b[6~": "<PageDown>",
  // function keys as xterm.js sends them: nano's F-key alternatives matter in a browser, which
  // keeps some Ctrl keys (^W, ^N, ^T) for itself
  "\x1bOP": "<F1>",
  "\x1bOQ": "<F2>",
  "\x1bOR": "<F3>",
  "\x1bOS": "<F4>",
  "\x1b[15~": "<F5>",
  "\x1b[17~": "<F6>",
  "\x1b[18~": "<F7>",
  "\x1b[19~": "<F8>",
  "\x1b[20~": "<F9>",
  "\x1b[21~": "<F10>",
  "\x1b[23~": "<F11>",
  "\x1b[24~": "<F12>",
};
const SEQUENCE_LIST = Object.keys(SEQUENCES).sort((a, b) => b.length - a.length);

/** Control bytes with names of their own; every other one is <C-x>. */
const CONTROL_NAMES: Record<string, Key> = {
  "\r": "<CR>",
  "\n": "<NL>",
  "\t": "<Tab>",
  "\x7f": "<BS>",
  "\x08": "<C-h>",
  "\x1b": "<Esc>",
  "\x00": "<C-@>",
  "\x1c": "<C-\\>",
  "\x1d": "<C-]>",
  "\x1e": "<C-^>",
  "\x1f": "<C-_>",
};

export function emptyCarry(): InputCarry {
  return { paste: null, partial: "" };
}

/**
 * Decodes one message. `maxPaste` bounds the text a paste may accumulate (the editor's buffer
 * limit); the rest of an oversized paste is dropped and reported as `pasteTruncated`.
 */
export function decodeInput(carry: InputCarry, data: string, maxPaste: number): { events: InputEvent[]; pasteTruncated: boolean } {
  const events: InputEvent[] = [];
  let truncated = false;
  const text = carry.partial + data;
  carry.partial = "";
  let i = 0;
  while (i < text.length) {
    if (carry.paste !== null) {
      const end = text.indexOf(PASTE_END, i);
      const stop = end === -1 ? text.length - heldBack(text, i) : end;
      const room = maxPaste - carry.paste.length;
      if (stop - i > room) truncated = true;
      carry.paste += text.slice(i, i + Math.max(0, Math.min(room, stop - i)));
      if (end === -1) {
        carry.partial = text.slice(stop);
        return { events, pasteTruncated: truncated };
      }
      events.push({ paste: carry.paste });
      carry.paste = null;
      i = end + PASTE_END.length;
      continue;
    }
    if (text.startsWith(PASTE_START, i)) {
      carry.paste = "";
      i += PASTE_START.length;
      continue;
    }
    const ch = text[i];
    if (ch === "\x1b") {
      const seq = SEQUENCE_LIST.find((s) => text.startsWith(s, i));
      if (seq) {
        events.push({ key: SEQUENCES[seq] });
        i += seq.length;
        continue;
      }
      // Other CSI / SS3 sequences (function keys, modified arrows) are dropped whole.
      const csi = /^\x1b(\[[0-9;:<=>?]*[ -/]*[@-~]|O[@-~])/.exec(text.slice(i, i + 32));
      if (csi) {
        i += csi[0].length;
        continue;
      }
      events.push({ key: "<Esc>" });
      i++;
      continue;
    }
    if (ch === "\r" && text[i + 1] === "\n") {
      // a terminal never sends CRLF for one key; a pasted CRLF without brackets is one Enter
      events.push({ key: "<CR>" });
      i += 2;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) {
      events.push({ key: CONTROL_NAMES[ch] ?? `<C-${String.fromCharCode(code + 0x60)}>` });
      i++;
      continue;
    }
    // one key per code point, so surrogate pairs stay together
    const cp = text.codePointAt(i) ?? code;
    const k = String.fromCodePoint(cp);
    events.push({ key: k });
    i += k.length;
  }
  return { events, pasteTruncated: truncated };
}

/** How many characters at the end of text[from..] could be the beginning of PASTE_END. */
function heldBack(text: string, from: number): number {
  for (let n = Math.min(PASTE_END.length - 1, text.length - from); n > 0; n--) {
    if (PASTE_END.startsWith(text.slice(text.length - n))) return n;
  }
  return 0;
}

/** True for a key that is one printable character (inserted as text in insert mode). */
export function isPrintable(key: Key): boolean {
  const cp = key.codePointAt(0) ?? 0;
  return key.length === String.fromCodePoint(cp).length && cp >= 0x20 && cp !== 0x7f;
}
