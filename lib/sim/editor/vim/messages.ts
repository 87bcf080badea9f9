/**
 * How vim's last row treats a message: one scrolled away by the window (win_do_lines() sets
 * clear_cmdline), one too long for the row (the hit-enter prompt for errors and ex output; cut
 * with "..." or "<" as 'shortmess' T and t say for the others).
 */
import { displayWidth } from "../text";
import type { VimState } from "./state";
import { messageColumns } from "./view";

/** Clears a message that vim's screen scrolling would have cleared (win_do_lines sets clear_cmdline). */
export function scrolledAway(s: VimState, before: { top: number; bot: number; lines: number }): boolean {
  if (s.topline !== before.top) {
    const h = s.screen.rows - 1;
    if (s.topline > before.top) return s.topline < before.bot;
    return before.top - s.topline < h - 2;
  }
  return s.buf.lines.length !== before.lines && s.cursor.line < before.bot - 1;
}

export function hitEnterNeeded(s: VimState): boolean {
  const m = s.message;
  if (!m) return false;
  const width = displayWidth(m.text, 8);
  if (m.display === "full" || (m.kind === "error" && m.display !== "trunc-start"))
    return width >= messageColumns(s).scCol || width > s.screen.cols - 1;
  return false;
}

/** Makes a message fit before the showcmd column: "<" cut at the start for file messages, "..." in the middle otherwise. */
export function truncateMessage(s: VimState): void {
  const m = s.message;
  if (!m || m.display === "full" || m.kind === "error") return;
  const room = messageColumns(s).scCol - 1;
  if (m.text.length <= room || room <= 0) return;
  if (m.display === "trunc-start") m.text = "<" + m.text.slice(m.text.length - room + 1);
  else {
    const r = room < 3 ? 0 : room - 3;
    const half = Math.floor(r / 2);
    m.text = m.text.slice(0, half) + "..." + m.text.slice(m.text.length - (r - half));
  }
}
