/**
 * "u", CTRL-R, :undo and :redo with vim's message (src/undo.c u_undo_end()):
 * "1 line less; before #3  5 seconds ago", "Already at oldest change".
 */
import { isEmptyBuffer, undoRedo } from "../buffer";
import { clampCursor, setMessage, updateCurswant } from "./edit";
import type { VimState } from "./state";

/** "N seconds ago" below 100 seconds, else the time of day (UTC: the node's clock), as add_time() prints it. */
export function timeAgo(then: number, now: number): string {
  const seconds = Math.max(0, Math.floor(now / 1000) - Math.floor(then / 1000));
  if (seconds < 100) return `${seconds} ${seconds === 1 ? "second" : "seconds"} ago`;
  const d = new Date(then);
  const hms = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((v) => String(v).padStart(2, "0")).join(":");
  if (seconds < 12 * 3600) return hms;
  return `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(d.getUTCDate()).padStart(2, "0")} ${hms}`;
}

/** Undoes (or redoes) one change; false when there was nothing to do. */
export function undoCommand(s: VimState, undo: boolean, now: number): boolean {
  const r = undoRedo(s.buf, undo);
  if (!r) {
    setMessage(s, undo ? "Already at oldest change" : "Already at newest change");
    return false;
  }
  s.cursor = r.cursor;
  clampCursor(s, false);
  updateCurswant(s);
  let newCount = r.newCount;
  if (isEmptyBuffer(s.buf)) newCount--;
  const diff = r.oldCount - newCount;
  let what: string;
  let n: number;
  if (diff === -1) [what, n] = ["more line", 1];
  else if (diff < 0) [what, n] = ["more lines", -diff];
  else if (diff === 1) [what, n] = ["line less", 1];
  else if (diff > 1) [what, n] = ["fewer lines", diff];
  else [what, n] = [newCount === 1 ? "change" : "changes", newCount];
  setMessage(s, `${n} ${what}; ${undo ? "before" : "after"} #${r.entry.seq}  ${timeAgo(r.entry.time, now)}`);
  return true;
}
