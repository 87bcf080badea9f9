/**
 * The terminal's WebSocket protocol, shared by the browser and the server. Every message is a
 * small JSON object validated with zod on arrival; anything else gets an `error` reply and
 * changes nothing.
 */
import { z } from "zod";

/** Frames above this are refused by ws itself (close 1009, security.md C4). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** One input message carries at most this much text (a paste is split by the client). */
export const MAX_INPUT_CHARS = 4096;

export const clientMessage = z.discriminatedUnion("t", [
  /** keystrokes or pasted text, exactly as xterm.js emits them */
  z.object({ t: z.literal("input"), d: z.string().min(1).max(MAX_INPUT_CHARS) }),
  z.object({ t: z.literal("resize"), cols: z.number().int().min(10).max(500), rows: z.number().int().min(2).max(200) }),
  z.object({ t: z.literal("ping"), id: z.number().int().nonnegative().optional() }),
  /** "run in terminal" from a lesson: replaces the line being edited and runs it; `id` makes a resend harmless */
  z.object({ t: z.literal("run"), id: z.uuid(), line: z.string().min(1).max(MAX_INPUT_CHARS) }),
  z.object({ t: z.literal("reset") }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export type ConnectionState = "connecting" | "live" | "reconnecting" | "gated" | "signed-out" | "error";

export type ServerMessage =
  /** terminal bytes (ANSI) */
  | { t: "output"; d: string }
  /** attach: the redrawn screen (scrollback tail + prompt + current line) */
  | { t: "replay"; d: string }
  | { t: "status"; state: "live"; sessionId: string; tabs: number }
  | { t: "pong"; id?: number }
  | { t: "ran"; id: string }
  /** who has the keyboard: the shell's line editor, or a full-screen program (an editor) that takes every key raw, Ctrl-V included */
  | { t: "mode"; mode: "raw" | "line" }
  | { t: "error"; code: ErrorCode; message: string };

export type ErrorCode = "bad-message" | "rate-limited" | "too-large" | "busy" | "internal" | "session-moved" | "not-pro" | "signed-out";

export { CLOSE } from "./close-codes";

export function parseClientMessage(raw: string): { ok: true; msg: ClientMessage } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, error: "Message is not JSON." };
  }
  const r = clientMessage.safeParse(json);
  if (!r.success) return { ok: false, error: `Invalid message: ${r.error.issues[0]?.message ?? "unknown shape"}` };
  return { ok: true, msg: r.data };
}
