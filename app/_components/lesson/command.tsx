"use client";
/**
 * A command from the lesson: shown as typed, with Copy and (when the learner has a terminal on
 * this page) "Run in terminal", which hands the whole text, here-documents included, to the
 * terminal panel through runInTerminal().
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type RefObject } from "react";
import { runInTerminal } from "@/app/_components/terminal/run-in-terminal";
import { Badge } from "@/app/_components/ui/badge";

type Feedback = "copied" | "copy-failed" | "sent" | null;

export function CommandBlock({ text, expectFailure = false, runnable }: { text: string; expectFailure?: boolean; runnable: boolean }) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pre = useRef<HTMLPreElement>(null);
  const scrolls = useOverflows(pre);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  function show(f: Feedback) {
    setFeedback(f);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setFeedback(null), 2500);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      show("copied");
    } catch {
      show("copy-failed");
    }
  }

  function run(button: HTMLButtonElement) {
    // On a narrow screen the terminal's drawer opens over the lesson and gives the focus back here when it closes.
    runInTerminal(text, button);
    show("sent");
  }

  const lines = text.split("\n");
  return (
    <div
      className="not-prose group my-4 overflow-hidden rounded-lg border border-slate-800 bg-slate-950 text-slate-100 shadow-sm"
      data-command
    >
      <div className="flex items-center gap-2 border-b border-slate-800 px-3 py-1.5 text-xs text-slate-400">
        <span className="font-medium">{lines.length > 1 ? "Commands" : "Command"}</span>
        {expectFailure && (
          <Badge tone="amber" className="ml-1" title="This command fails on purpose: the error is the lesson.">
            Fails on purpose
          </Badge>
        )}
        <span className="ml-auto flex items-center gap-1">
          <span role="status" className="mr-1 text-emerald-300">
            {feedback === "copied"
              ? "Copied"
              : feedback === "sent"
                ? "Sent to the terminal"
                : feedback === "copy-failed"
                  ? "Copy failed: select the text"
                  : ""}
          </span>
          <button
            type="button"
            onClick={copy}
            className="rounded-md px-2 py-1 font-medium text-slate-200 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-indigo-400"
          >
            Copy
          </button>
          {runnable && (
            <button
              type="button"
              onClick={(e) => run(e.currentTarget)}
              className="rounded-md bg-indigo-500 px-2 py-1 font-medium text-white hover:bg-indigo-400 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-300"
            >
              Run in terminal
            </button>
          )}
        </span>
      </div>
      {/* Focusable only when it scrolls (a long command on a phone), so the keyboard can scroll it too. */}
      <pre
        ref={pre}
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? "group" : undefined}
        aria-label={scrolls ? "Command" : undefined}
        className="overflow-x-auto px-4 py-3 text-[13px] leading-relaxed focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-indigo-400"
      >
        <code>
          {lines.map((line, i) => (
            <span key={i} className="block whitespace-pre">
              {i === 0 ? (
                <span aria-hidden="true" className="mr-2 text-emerald-400 select-none">
                  $
                </span>
              ) : lines.length > 1 ? (
                <span aria-hidden="true" className="mr-2 text-slate-500 select-none">
                  {">"}
                </span>
              ) : null}
              {line}
            </span>
          ))}
        </code>
      </pre>
    </div>
  );
}

/** Whether the element is wider inside than outside (it scrolls sideways), kept current as it resizes. */
function useOverflows(ref: RefObject<HTMLElement | null>): boolean {
  const subscribe = useCallback(
    (changed: () => void) => {
      const el = ref.current;
      if (!el) return () => {};
      const observer = new ResizeObserver(changed);
      observer.observe(el);
      return () => observer.disconnect();
    },
    [ref],
  );
  return useSyncExternalStore(
    subscribe,
    () => (ref.current ? ref.current.scrollWidth > ref.current.clientWidth : false),
    () => false,
  );
}
