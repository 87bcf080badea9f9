"use client";
/**
 * The learner's terminal: xterm.js attached over WebSocket to their own simulated cluster
 * (xterm-session.ts), with its toolbar (state, size, font, maximise, options, reset) and the
 * keyboard hint shown while it has the focus. Preferences are remembered per learner
 * (preferences.ts). Lessons send commands with runInTerminal().
 *
 * The way out of the terminal (WCAG 2.1.2): Esc then Tab (or Shift+Tab), or the "Tab moves
 * focus" option; the hint says so on focus and is the input's accessible description.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { useLabLayout } from "@/app/_components/lab/lab-layout";
import type { ConnectionState } from "@/lib/terminal/protocol";
import "@xterm/xterm/css/xterm.css";
import { useTerminalPrefs } from "./preferences";
import { TerminalToolbar } from "./terminal-toolbar";
import { XtermSession } from "./xterm-session";

export function TerminalPanel({ course, owner, className = "" }: { course: string; owner: string; className?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const session = useRef<XtermSession | null>(null);
  const hintId = useId();
  const layout = useLabLayout();
  const [prefs, setPrefs] = useTerminalPrefs(owner);
  // What the session's callbacks read: the latest layout, and the preferences to start with.
  const layoutRef = useRef(layout);
  const prefsRef = useRef(prefs);
  useLayoutEffect(() => {
    layoutRef.current = layout;
    prefsRef.current = prefs;
  });
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<ConnectionState>("connecting");
  const [detail, setDetail] = useState<string | undefined>();
  const [size, setSize] = useState<{ cols: number; rows: number } | null>(null);
  const [focused, setFocused] = useState(false);
  const [armed, setArmed] = useState(false);
  const [maximised, setMaximised] = useState(false);
  const [edges, setEdges] = useState({ left: false, right: false });
  const updateEdges = () => {
    const el = scroller.current;
    if (!el) return;
    const next = { left: el.scrollLeft > 1, right: el.scrollLeft + el.clientWidth < el.scrollWidth - 1 };
    setEdges((e) => (e.left === next.left && e.right === next.right ? e : next));
  };
  // An editor holds the terminal (the server's `mode` message; XtermSession.setRawMode).
  const [rawMode, setRawMode] = useState(false);

  useEffect(() => {
    let disposed = false;
    let created: XtermSession | null = null;
    const p = prefsRef.current;
    void XtermSession.create({
      course,
      host: host.current as HTMLElement,
      scroller: scroller.current as HTMLElement,
      fontSize: p.fontSize,
      screenReader: p.screenReader,
      wrap: p.wrap,
      tabMovesFocus: p.tabMovesFocus,
      onState: (s, d) => {
        setState(s);
        setDetail(d);
      },
      onSize: (cols, rows) => {
        setSize({ cols, rows });
        requestAnimationFrame(updateEdges);
      },
      onEscapeArmed: setArmed,
      onRawMode: setRawMode,
      onFocusChange: setFocused,
      onRun: () => ({ focus: layoutRef.current.mode !== "drawer" }),
    }).then((s) => {
      if (disposed) return s.dispose();
      created = s;
      session.current = s;
      s.term.textarea?.setAttribute("aria-describedby", hintId);
      setReady(true);
    });
    return () => {
      disposed = true;
      created?.dispose();
      session.current = null;
      setReady(false);
    };
  }, [course, hintId]);

  // Preferences apply to the live terminal as they change (and once the stored ones load).
  useEffect(() => session.current?.setFontSize(prefs.fontSize), [prefs.fontSize, ready]);
  useEffect(() => session.current?.setWrap(prefs.wrap), [prefs.wrap, ready]);
  useEffect(() => session.current?.setScreenReader(prefs.screenReader), [prefs.screenReader, ready]);
  useEffect(() => session.current?.setTabMovesFocus(prefs.tabMovesFocus), [prefs.tabMovesFocus, ready]);

  // Maximised, the page behind does not scroll; the terminal refits to its new frame by itself.
  useEffect(() => {
    if (!maximised) return;
    const html = document.documentElement;
    const before = html.style.overflow;
    html.style.overflow = "hidden";
    return () => void (html.style.overflow = before);
  }, [maximised]);

  // The bar keeps its height whether or not the terminal has the focus: the terminal does not
  // change size (and reflow) when it is entered or left.
  const hint = !focused
    ? "Click the terminal or Tab to it to type. Esc, then Tab, leaves it."
    : prefs.tabMovesFocus
      ? "Tab and Shift+Tab move the focus out of the terminal (command completion is off; see Options)."
      : armed
        ? "Now press Tab or Shift+Tab to leave the terminal."
        : rawMode
          ? "An editor has the keyboard: Ctrl+V goes to it, paste with Ctrl+Shift+V. To leave the terminal, press Esc, then Tab."
          : "Tab completes commands. To leave the terminal, press Esc, then Tab.";

  return (
    <section
      aria-label="Practice terminal"
      data-maximised={maximised || undefined}
      className={`@container flex flex-col overflow-hidden border border-slate-800 bg-slate-950 ${maximised ? "fixed inset-0 z-[60] rounded-none" : `min-h-[320px] rounded-xl ${className}`}`}
    >
      <TerminalToolbar
        state={state}
        detail={detail}
        size={size}
        prefs={prefs}
        setPrefs={setPrefs}
        rawMode={rawMode}
        maximised={maximised}
        onMaximise={() => setMaximised((m) => !m)}
        onReconnect={() => session.current?.connection.connect()}
        onReset={() => session.current?.connection.send({ t: "reset" })}
        onClose={layout.mode === "drawer" ? layout.close : undefined}
      />
      {state === "gated" && (
        <p
          role="alert"
          data-testid="terminal-pro-ended"
          className="border-b border-amber-500/30 bg-amber-500/10 px-3 py-2 text-sm text-amber-200"
        >
          {detail ?? "This terminal needs Kubeyard Pro."} Your cluster is kept.{" "}
          <a href="/pricing" className="font-medium text-amber-100 underline underline-offset-2">
            See Pro on the Pricing page
          </a>
        </p>
      )}
      <div className="relative flex min-h-0 flex-1 flex-col">
        <div
          ref={scroller}
          onScroll={updateEdges}
          className="min-h-0 flex-1 overflow-x-auto overflow-y-hidden pt-2 pl-2"
          data-testid="terminal-frame"
        >
          <div ref={host} className="h-full" data-testid="terminal" />
        </div>
        {/* Lines wider than the frame: a shade on the side that has more to see. */}
        {edges.left && (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-y-0 left-0 w-8 bg-gradient-to-r from-slate-950 to-transparent"
          />
        )}
        {edges.right && (
          <div
            aria-hidden="true"
            data-testid="terminal-more-right"
            className="pointer-events-none absolute inset-y-0 right-0 w-10 bg-gradient-to-l from-slate-950 to-transparent"
          />
        )}
      </div>
      <p
        id={hintId}
        data-testid="terminal-hint"
        data-focused={focused || undefined}
        className={`border-t border-slate-800 px-3 py-1 text-xs ${focused ? "bg-slate-900 text-slate-200" : "text-slate-400"}`}
      >
        {hint}
      </p>
      {/* The input's description is read when it gets the focus; the Esc step is announced as it happens. */}
      <span role="status" className="sr-only">
        {armed ? "Now press Tab or Shift+Tab to leave the terminal." : ""}
      </span>
    </section>
  );
}
