/**
 * Which keys the terminal keeps and which it leaves to the browser. Pure, so it is unit-tested
 * without a browser; the panel feeds it every keyboard event xterm.js sees and returns `false` to
 * xterm for the keys that are the browser's (xterm then neither handles nor cancels them, so the
 * browser's own action runs: a paste, or moving the focus).
 *
 * - Paste: Ctrl+V (Cmd+V on a Mac, Ctrl+Shift+V, Shift+Insert) pastes, as web terminals do.
 *   When the application owns the keyboard (`rawMode`, e.g. a full-screen editor that wants ^V for
 *   a visual block), plain Ctrl+V goes to it instead; the other paste keys still paste.
 * - Copy: Ctrl/Cmd+C copies when text is selected; without a selection it is ^C.
 * - A way out (WCAG 2.1.2, no keyboard trap): Esc then Tab (or Shift+Tab) moves the focus out of
 *   the terminal; with "Tab moves focus" on, Tab always does. The Esc still reaches the
 *   application (the shell ignores a lone Esc; an editor leaves insert mode).
 */

export interface KeyContext {
  /** the application owns the keyboard: Ctrl+V is ^V (set from the protocol; see terminal-panel.tsx) */
  rawMode: boolean;
  /** the learner's "Tab moves focus" toggle */
  tabMovesFocus: boolean;
  /** the previous key was Esc */
  escapeArmed: boolean;
  /** text is selected in the terminal */
  hasSelection: boolean;
  isMac: boolean;
}

/** `terminal`: xterm turns the key into input. `browser`: xterm leaves it alone. `copy`: copy the selection. */
export type KeyAction = "terminal" | "browser" | "copy";

/** The fields of a KeyboardEvent the policy reads. */
export type KeyEventLike = Pick<KeyboardEvent, "type" | "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">;

export interface KeyDecision {
  action: KeyAction;
  /** the new value of `escapeArmed` */
  escapeArmed: boolean;
  /** the key moved the focus out of the terminal */
  leaves: boolean;
}

const MODIFIERS = new Set(["Shift", "Control", "Alt", "Meta", "AltGraph", "CapsLock"]);

export function isPasteKey(e: KeyEventLike, isMac: boolean): boolean {
  const key = e.key.toLowerCase();
  if (key === "insert") return e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey;
  if (key !== "v" || e.altKey) return false;
  return isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

export function decideKey(e: KeyEventLike, ctx: KeyContext): KeyDecision {
  const stay = (action: KeyAction, escapeArmed = ctx.escapeArmed): KeyDecision => ({ action, escapeArmed, leaves: false });
  // keypress/keyup follow the keydown's decision for the keys below; only keydown changes state.
  if (e.type !== "keydown") return stay("terminal");
  if (MODIFIERS.has(e.key)) return stay("terminal");

  if (e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey) {
    if (ctx.tabMovesFocus || ctx.escapeArmed) return { action: "browser", escapeArmed: false, leaves: true };
    return stay("terminal", false);
  }
  if (e.key === "Escape") return stay("terminal", true);

  if (isPasteKey(e, ctx.isMac)) {
    // Plain Ctrl+V belongs to an application that owns the keyboard; the other paste keys never do.
    const plainCtrlV = !ctx.isMac && e.key.toLowerCase() === "v" && !e.shiftKey;
    return stay(ctx.rawMode && plainCtrlV ? "terminal" : "browser", false);
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === "c" && ctx.hasSelection) return stay("copy", false);
  return stay("terminal", false);
}
