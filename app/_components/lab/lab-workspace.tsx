"use client";
/**
 * A lesson with the learner's terminal. From Tailwind's `lg` up they sit side by side, split by a
 * handle the learner drags or moves with the arrow keys, remembered per learner. Below `lg` (a
 * phone, a narrow window) the terminal is a bottom sheet over the lesson: a "Terminal" button or a
 * lesson's "Run in terminal" opens it, and closing it returns the focus to the button that opened
 * it, at the same scroll position.
 *
 * The layout itself is CSS (the server renders it, so nothing jumps while the page loads); this
 * component adds the behaviour.
 */
import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { TerminalIcon } from "@/app/_components/icons";
import { useTerminalPrefs } from "@/app/_components/terminal/preferences";
import { RUN_IN_TERMINAL_EVENT, type RunInTerminalDetail } from "@/app/_components/terminal/run-in-terminal";
import { cx } from "@/app/_components/ui/cx";
import { DRAWER_QUERY, LabLayoutContext, useMediaQuery } from "./lab-layout";
import { SplitSeparator } from "./split-separator";

const LESSON_PANE = "lesson-pane";

export function LabWorkspace({ owner, lesson, terminal }: { owner: string; lesson: ReactNode; terminal: ReactNode }) {
  const [prefs, setPrefs] = useTerminalPrefs(owner);
  const [dragShare, setDragShare] = useState<number | null>(null);
  const drawer = useMediaQuery(DRAWER_QUERY);
  const [open, setOpen] = useState(false);
  const sheet = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const scrollY = useRef(0);

  const openDrawer = useCallback((from?: HTMLElement | null) => {
    opener.current = from ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    scrollY.current = window.scrollY;
    setOpen(true);
  }, []);

  const close = useCallback(() => setOpen(false), []);

  // On a phone, "Run in terminal" opens the sheet first (the panel runs the command itself).
  useEffect(() => {
    if (!drawer) return;
    const onRun = (e: Event) => openDrawer((e as CustomEvent<RunInTerminalDetail>).detail?.from);
    window.addEventListener(RUN_IN_TERMINAL_EVENT, onRun);
    return () => window.removeEventListener(RUN_IN_TERMINAL_EVENT, onRun);
  }, [drawer, openDrawer]);

  // The sheet takes the focus when it opens (a dialog does), without scrolling the page; when it
  // closes (and the lesson is no longer inert) the focus goes back to what opened it.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!drawer) return;
    if (open) sheet.current?.focus({ preventScroll: true });
    else if (wasOpen.current) {
      opener.current?.focus({ preventScroll: true });
      // Nothing should have scrolled the page under the sheet; if something did, put it back.
      if (window.scrollY !== scrollY.current) window.scrollTo({ top: scrollY.current, behavior: "instant" });
    }
    wasOpen.current = open;
  }, [drawer, open]);

  const share = dragShare ?? prefs.split;
  const columns = { "--terminal-share": String(share) } as CSSProperties;
  const sheetOpen = drawer && open;

  return (
    <LabLayoutContext.Provider value={drawer ? { mode: "drawer", close } : { mode: "split" }}>
      <div
        style={columns}
        className="lg:grid lg:grid-cols-[minmax(0,1fr)_1rem_clamp(22rem,calc((100%_-_1rem)_*_var(--terminal-share)),calc(100%_-_21rem))] lg:gap-0"
        data-testid="lab-workspace"
      >
        <div id={LESSON_PANE} className="@container min-w-0" inert={sheetOpen || undefined}>
          {lesson}
        </div>
        <SplitSeparator
          share={share}
          onChange={setDragShare}
          onCommit={(s) => (setDragShare(null), setPrefs({ split: s }))}
          controls={LESSON_PANE}
        />
        {sheetOpen && <div aria-hidden="true" className="fixed inset-0 z-40 bg-slate-950/50 lg:hidden" onClick={close} />}
        <div
          id="terminal"
          ref={sheet}
          role={drawer ? "dialog" : "region"}
          aria-label="Your cluster"
          aria-modal={sheetOpen || undefined}
          tabIndex={-1}
          data-testid="terminal-pane"
          data-open={drawer ? String(open) : undefined}
          className={cx(
            // a maximised terminal covers the header: its sticky pane is its stacking context
            "min-w-0 focus:outline-none has-[[data-maximised]]:z-[60] lg:sticky lg:top-[4.5rem] lg:h-[calc(100dvh-5.5rem)] lg:self-start",
            // the sheet: no transform while open (a fixed, maximised terminal inside must stay fixed to the window)
            "max-lg:fixed max-lg:inset-x-0 max-lg:bottom-0 max-lg:z-50 max-lg:h-[88dvh] max-lg:overscroll-contain max-lg:p-2 max-lg:transition-[translate] motion-reduce:transition-none",
            open ? "" : "max-lg:invisible max-lg:translate-y-full",
          )}
        >
          {terminal}
        </div>
        {/* Kept mounted while the sheet is open (only hidden), so the focus can come back to it. */}
        <button
          type="button"
          onClick={(e) => openDrawer(e.currentTarget)}
          aria-haspopup="dialog"
          className={cx(
            sheetOpen && "invisible",
            "fixed right-4 bottom-4 z-30 inline-flex items-center gap-2 rounded-full bg-slate-900 px-4 py-2.5 text-sm font-medium text-white shadow-lg ring-1 ring-white/10 hover:bg-slate-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 lg:hidden dark:bg-indigo-600 dark:hover:bg-indigo-500",
          )}
        >
          <TerminalIcon className="size-4" />
          Terminal
        </button>
      </div>
    </LabLayoutContext.Provider>
  );
}
