"use client";
/**
 * The bar above the terminal: connection state, size in columns × rows, text size, maximise,
 * the options (long lines, screen-reader mode, Tab moves focus), reset, and Close in a drawer.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { CloseIcon, MaximiseIcon, RestoreIcon } from "@/app/_components/icons";
import type { ConnectionState } from "@/lib/terminal/protocol";
import { FONT_SIZES, type TerminalPrefs } from "./preferences";

const STATE_LABEL: Record<ConnectionState, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  gated: "Pro needed",
  "signed-out": "Signed out",
  error: "Disconnected",
};

const STATE_DOT: Record<ConnectionState, string> = {
  connecting: "bg-amber-400",
  live: "bg-emerald-500",
  reconnecting: "bg-amber-400 animate-pulse",
  gated: "bg-slate-400",
  "signed-out": "bg-slate-400",
  error: "bg-rose-500",
};

const BTN = "rounded-md px-2 py-1 hover:bg-slate-800 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-indigo-400";

export interface ToolbarProps {
  state: ConnectionState;
  detail?: string;
  size: { cols: number; rows: number } | null;
  prefs: TerminalPrefs;
  setPrefs(patch: Partial<TerminalPrefs>): void;
  rawMode: boolean;
  maximised: boolean;
  onMaximise(): void;
  onReconnect(): void;
  onReset(): void;
  /** set in a drawer */
  onClose?: () => void;
}

export function TerminalToolbar(p: ToolbarProps) {
  const [confirmReset, setConfirmReset] = useState(false);
  const font = p.prefs.fontSize;
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-slate-800 px-3 py-1.5 text-sm text-slate-300">
      <span className="flex items-center gap-2" role="status" aria-live="polite" data-testid="terminal-state" data-state={p.state}>
        <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${STATE_DOT[p.state]}`} />
        {STATE_LABEL[p.state]}
      </span>
      {p.detail && <span className="text-slate-400">— {p.detail}</span>}
      {p.size && (
        <span
          className="font-mono text-xs text-slate-400"
          title={`${p.size.cols} columns, ${p.size.rows} rows`}
          data-testid="terminal-size"
          data-cols={p.size.cols}
        >
          <span className="sr-only">Terminal size: </span>
          {p.size.cols}×{p.size.rows}
        </span>
      )}
      {p.rawMode && (
        <span
          className="rounded bg-amber-500/15 px-1.5 py-0.5 text-xs text-amber-200"
          title="A full-screen program owns the keyboard: Ctrl+V goes to it; paste with Ctrl+Shift+V."
        >
          Program keys
        </span>
      )}
      <span className="ml-auto flex flex-wrap items-center gap-1">
        {(p.state === "error" || p.state === "reconnecting") && (
          <button type="button" onClick={p.onReconnect} className={BTN}>
            Reconnect
          </button>
        )}
        <span role="group" aria-label="Text size" className="flex items-center">
          <button
            type="button"
            className={BTN}
            title="Smaller text"
            disabled={font <= FONT_SIZES.min}
            onClick={() => p.setPrefs({ fontSize: font - 1 })}
          >
            A−<span className="sr-only"> Smaller text</span>
          </button>
          <span className="hidden w-11 text-center font-mono text-xs text-slate-400 @lg:inline" data-testid="terminal-font-size">
            {font} px
          </span>
          <button
            type="button"
            className={BTN}
            title="Larger text"
            disabled={font >= FONT_SIZES.max}
            onClick={() => p.setPrefs({ fontSize: font + 1 })}
          >
            A+<span className="sr-only"> Larger text</span>
          </button>
        </span>
        <button
          type="button"
          className={BTN}
          aria-pressed={p.maximised}
          title={p.maximised ? "Restore" : "Maximise"}
          onClick={p.onMaximise}
        >
          {p.maximised ? <RestoreIcon /> : <MaximiseIcon />}
          <span className="sr-only">Maximise</span>
        </button>
        <Options prefs={p.prefs} setPrefs={p.setPrefs} />
        {confirmReset ? (
          <span className="flex items-center gap-1" role="group" aria-label="Confirm reset">
            <span className="text-amber-300">Erase this cluster?</span>
            <button
              type="button"
              onClick={() => {
                p.onReset();
                setConfirmReset(false);
              }}
              className="rounded-md bg-rose-600 px-2 py-1 font-medium text-white hover:bg-rose-500 focus-visible:outline-2 focus-visible:outline-rose-300"
            >
              Reset
            </button>
            <button type="button" onClick={() => setConfirmReset(false)} className={BTN}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" disabled={p.state !== "live"} onClick={() => setConfirmReset(true)} className={BTN}>
            Reset<span className="sr-only @lg:not-sr-only"> cluster</span>
          </button>
        )}
        {p.onClose && (
          <button type="button" className={BTN} onClick={p.onClose} title="Close the terminal">
            <CloseIcon />
            <span className="sr-only">Close the terminal</span>
          </button>
        )}
      </span>
    </div>
  );
}

/** A disclosure with the terminal's options; Esc or a click elsewhere closes it. */
function Options({ prefs, setPrefs }: { prefs: TerminalPrefs; setPrefs(patch: Partial<TerminalPrefs>): void }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !root.current?.contains(document.activeElement)) return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button ref={button} type="button" className={BTN} aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        Options
      </button>
      <div
        id={id}
        hidden={!open}
        className="absolute right-0 z-10 mt-1 w-72 space-y-3 rounded-lg border border-slate-700 bg-slate-900 p-3 text-sm text-slate-200 shadow-xl"
      >
        <Toggle checked={!prefs.wrap} onChange={(v) => setPrefs({ wrap: !v })} label="Keep long lines whole">
          A table wider than the terminal scrolls sideways instead of wrapping, as kubectl prints it.
        </Toggle>
        <Toggle checked={prefs.tabMovesFocus} onChange={(v) => setPrefs({ tabMovesFocus: v })} label="Tab moves focus">
          Tab leaves the terminal instead of completing. Without it: Esc, then Tab.
        </Toggle>
        <Toggle checked={prefs.screenReader} onChange={(v) => setPrefs({ screenReader: v })} label="Screen reader mode">
          Reads new output aloud and lets you review it line by line.
        </Toggle>
      </div>
    </div>
  );
}

function Toggle({
  checked,
  onChange,
  label,
  children,
}: {
  checked: boolean;
  onChange(v: boolean): void;
  label: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="flex gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={`${id}-d`}
        className="mt-1 size-4 accent-indigo-500"
      />
      <div>
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        <p id={`${id}-d`} className="text-xs text-slate-400">
          {children}
        </p>
      </div>
    </div>
  );
}
