/** The bounded tail of a terminal's screen kept for attaching tabs and reloads. */
import "server-only";

/** Scrollback kept in memory for attaching tabs (the store keeps the same bounded tail). */
export const SCROLLBACK_LINES = 1000;
/** ...and at most this many characters of it: one command may print a 256 KiB line (sim LIMITS.maxOutputBytes). */
export const SCROLLBACK_MAX_CHARS = 256 * 1024;

/** Keeps the last `max` lines of `text`, and at most its last `maxChars` characters (from a line start when there is one). */
export function trimToLines(text: string, max: number, maxChars = SCROLLBACK_MAX_CHARS): string {
  if (text.length > maxChars) {
    text = text.slice(-maxChars);
    const nl = text.indexOf("\n");
    if (nl >= 0 && nl < text.length - 1) text = text.slice(nl + 1);
  }
  let count = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text.charCodeAt(i) === 10 && ++count > max) return text.slice(i + 1);
  }
  return text;
}

/** A line from Kubeyard itself (a refusal, a notice), set apart from the shell's output. */
export function notice(text: string): string {
  return `\r\n\x1b[33m${text}\x1b[0m\r\n`;
}
