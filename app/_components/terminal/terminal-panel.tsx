"use client";
/**
 * The learner's terminal: xterm.js attached over WebSocket to their own simulated cluster.
 * Resizes with its panel (fit addon), makes URLs clickable, copies a selection on Ctrl/Cmd+C,
 * shows the connection state, reconnects by itself, resets the cluster after a confirmation and
 * can switch xterm's screen-reader mode on. Lessons send commands with runInTerminal().
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ConnectionState } from "@/lib/terminal/protocol";
import "@xterm/xterm/css/xterm.css";
import { RUN_IN_TERMINAL_EVENT } from "./run-in-terminal";
import { TerminalConnection } from "./terminal-client";

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

export function TerminalPanel({ course, className = "" }: { course: string; className?: string }) {
  const host = useRef<HTMLDivElement>(null);
  const conn = useRef<TerminalConnection | null>(null);
  const [state, setState] = useState<ConnectionState>("connecting");
  const [detail, setDetail] = useState<string | undefined>();
  const [confirmReset, setConfirmReset] = useState(false);
  const [screenReader, setScreenReader] = useState(false);
  const termRef = useRef<import("@xterm/xterm").Terminal | null>(null);

  useEffect(() => {
    let disposed = false;
    let cleanup = () => {};
    void (async () => {
      const [{ Terminal }, { FitAddon }, { WebLinksAddon }] = await Promise.all([
        import("@xterm/xterm"),
        import("@xterm/addon-fit"),
        import("@xterm/addon-web-links"),
      ]);
      if (disposed || !host.current) return;
      const dark = document.documentElement.classList.contains("dark") || matchMedia("(prefers-color-scheme: dark)").matches;
      const term = new Terminal({
        cursorBlink: true,
        fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
        fontSize: 14,
        scrollback: 5000,
        convertEol: false,
        theme: dark ? { background: "#0b1020", foreground: "#e2e8f0" } : { background: "#0f172a", foreground: "#e2e8f0" },
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.loadAddon(new WebLinksAddon((_e, uri) => window.open(uri, "_blank", "noopener,noreferrer")));
      term.open(host.current);
      fit.fit();
      termRef.current = term;

      // Ctrl/Cmd+C copies when text is selected (otherwise it is ^C for the shell).
      term.attachCustomKeyEventHandler((e) => {
        if (e.type === "keydown" && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "c" && term.hasSelection()) {
          void navigator.clipboard?.writeText(term.getSelection());
          return false;
        }
        return true;
      });

      const connection = new TerminalConnection(course, {
        onData: (data, replay) => {
          if (replay) term.reset();
          term.write(data);
        },
        onState: (s, d) => {
          setState(s);
          setDetail(d);
        },
      });
      conn.current = connection;
      term.onData((d) => connection.input(d));
      connection.connect();

      const resize = new ResizeObserver(() => {
        fit.fit();
        connection.send({ t: "resize", cols: term.cols, rows: term.rows });
      });
      resize.observe(host.current);
      const onRun = (e: Event) => {
        const line = (e as CustomEvent<{ line: string }>).detail?.line;
        if (line) {
          // A multi-line command (a here-document) is typed line by line, so the shell shows its
          // own "> " continuation prompts as it would for a learner typing it; one line runs as is.
          if (line.includes("\n") && connection.state === "live") connection.input(line.replace(/\r?\n/g, "\r") + "\r");
          else connection.run(line);
          term.focus();
        }
      };
      window.addEventListener(RUN_IN_TERMINAL_EVENT, onRun);
      cleanup = () => {
        window.removeEventListener(RUN_IN_TERMINAL_EVENT, onRun);
        resize.disconnect();
        connection.dispose();
        term.dispose();
      };
    })();
    return () => {
      disposed = true;
      cleanup();
    };
  }, [course]);

  const toggleScreenReader = useCallback(() => {
    setScreenReader((on) => {
      if (termRef.current) termRef.current.options.screenReaderMode = !on;
      return !on;
    });
  }, []);

  return (
    <section aria-label="Practice terminal" className={`flex min-h-[420px] flex-col overflow-hidden rounded-xl border border-slate-800 bg-slate-950 ${className}`}>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-3 py-2 text-sm text-slate-300">
        <span className="flex items-center gap-2" role="status" aria-live="polite" data-testid="terminal-state" data-state={state}>
          <span aria-hidden className={`inline-block h-2.5 w-2.5 rounded-full ${STATE_DOT[state]}`} />
          {STATE_LABEL[state]}
        </span>
        {detail && <span className="text-slate-400">— {detail}</span>}
        <span className="ml-auto flex items-center gap-2">
          {(state === "error" || state === "reconnecting") && (
            <button type="button" onClick={() => conn.current?.connect()} className="rounded-md px-2 py-1 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-400">
              Reconnect
            </button>
          )}
          <button type="button" aria-pressed={screenReader} onClick={toggleScreenReader} className="rounded-md px-2 py-1 hover:bg-slate-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-400">
            Screen reader mode
          </button>
          {confirmReset ? (
            <span className="flex items-center gap-1" role="group" aria-label="Confirm reset">
              <span className="text-amber-300">Erase this cluster?</span>
              <button type="button" onClick={() => { conn.current?.send({ t: "reset" }); setConfirmReset(false); }} className="rounded-md bg-rose-600 px-2 py-1 font-medium text-white hover:bg-rose-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-rose-300">
                Reset
              </button>
              <button type="button" onClick={() => setConfirmReset(false)} className="rounded-md px-2 py-1 hover:bg-slate-800">
                Cancel
              </button>
            </span>
          ) : (
            <button type="button" disabled={state !== "live"} onClick={() => setConfirmReset(true)} className="rounded-md px-2 py-1 hover:bg-slate-800 disabled:opacity-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-400">
              Reset cluster
            </button>
          )}
        </span>
      </div>
      {state === "gated" && (
        <p role="alert" data-testid="terminal-pro-ended" className="border-b border-amber-500/30 bg-amber-500/10 px-3 py-2 text-sm text-amber-200">
          {detail ?? "This terminal needs Kubeyard Pro."} Your cluster is kept.{" "}
          <a href="/pricing" className="font-medium text-amber-100 underline underline-offset-2">
            See Pro on the Pricing page
          </a>
        </p>
      )}
      <div ref={host} className="min-h-0 flex-1 p-2" data-testid="terminal" />
    </section>
  );
}
