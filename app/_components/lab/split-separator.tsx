"use client";
/**
 * The handle between the lesson and the terminal: drag it, or focus it and use the arrow keys
 * (Home and End for the extremes, Enter to go back to the default). An ARIA window splitter:
 * its value is the lesson's share of the width, in percent.
 */
import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { SPLIT } from "@/app/_components/terminal/preferences";

const clamp = (v: number) => Math.min(SPLIT.max, Math.max(SPLIT.min, Math.round(v * 1000) / 1000));

export function SplitSeparator({
  share,
  onChange,
  onCommit,
  controls,
}: {
  /** the terminal's share of the width */
  share: number;
  /** while dragging: the layout follows, nothing is stored yet */
  onChange(share: number): void;
  /** the learner let go (or pressed a key): remember it */
  onCommit(share: number): void;
  /** id of the lesson pane */
  controls: string;
}) {
  const dragging = useRef<{ left: number; width: number } | null>(null);
  const [active, setActive] = useState(false);

  function shareAt(clientX: number): number {
    const box = dragging.current;
    if (!box) return share;
    // The separator is 1rem wide; the terminal takes what is right of its middle.
    return clamp((box.left + box.width - clientX - 8) / (box.width - 16));
  }

  function onPointerDown(e: PointerEvent<HTMLDivElement>) {
    const grid = e.currentTarget.parentElement;
    if (!grid || e.button !== 0) return;
    const r = grid.getBoundingClientRect();
    const style = getComputedStyle(grid);
    const padLeft = parseFloat(style.paddingLeft);
    const padRight = parseFloat(style.paddingRight);
    dragging.current = { left: r.left + padLeft, width: r.width - padLeft - padRight };
    e.currentTarget.setPointerCapture(e.pointerId);
    setActive(true);
    e.preventDefault();
  }

  function onPointerMove(e: PointerEvent<HTMLDivElement>) {
    if (dragging.current) onChange(shareAt(e.clientX));
  }

  function onPointerUp(e: PointerEvent<HTMLDivElement>) {
    if (!dragging.current) return;
    onCommit(shareAt(e.clientX));
    dragging.current = null;
    setActive(false);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const next =
      e.key === "ArrowLeft"
        ? share + SPLIT.step
        : e.key === "ArrowRight"
          ? share - SPLIT.step
          : e.key === "Home"
            ? SPLIT.max
            : e.key === "End"
              ? SPLIT.min
              : e.key === "Enter"
                ? SPLIT.default
                : null;
    if (next === null) return;
    e.preventDefault();
    onCommit(clamp(next));
  }

  const lesson = Math.round((1 - share) * 100);
  return (
    // A focusable separator is a widget (WAI-ARIA's window splitter), which jsx-a11y does not know.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      role="separator"
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      aria-orientation="vertical"
      aria-label="Resize the lesson and the terminal"
      aria-controls={controls}
      aria-valuenow={lesson}
      aria-valuemin={Math.round((1 - SPLIT.max) * 100)}
      aria-valuemax={Math.round((1 - SPLIT.min) * 100)}
      aria-valuetext={`Lesson ${lesson} %, terminal ${100 - lesson} %`}
      title="Drag, or use the arrow keys, to resize (Enter resets)"
      data-testid="split-separator"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onDoubleClick={() => onCommit(SPLIT.default)}
      className="group sticky top-[4.5rem] hidden h-[calc(100dvh-5.5rem)] cursor-col-resize touch-none items-center justify-center self-start rounded-sm select-none focus-visible:outline-2 focus-visible:outline-indigo-500 lg:flex"
    >
      <span
        aria-hidden="true"
        className={`h-16 w-1 rounded-full transition-colors ${active ? "bg-indigo-500" : "bg-slate-300 group-hover:bg-indigo-400 dark:bg-slate-700"}`}
      />
    </div>
  );
}
