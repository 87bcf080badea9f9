/**
 * Drawing primitives for the lesson diagrams: labelled boxes, arrows and a figure wrapper that
 * gives every diagram role="img", a <title>, a <desc> and a visible caption. Colours come from
 * Tailwind classes (so dark mode works) and only ever repeat what the text says.
 */
import { useId, type ReactNode } from "react";

export type Tone = "ca" | "leaf" | "note" | "ok" | "bad" | "neutral" | "accent";

const BOX: Record<Tone, string> = {
  ca: "fill-indigo-50 stroke-indigo-400 dark:fill-indigo-950 dark:stroke-indigo-400",
  leaf: "fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600",
  note: "fill-amber-50 stroke-amber-400 dark:fill-amber-950/60 dark:stroke-amber-500",
  ok: "fill-emerald-50 stroke-emerald-500 dark:fill-emerald-950/60 dark:stroke-emerald-500",
  bad: "fill-rose-50 stroke-rose-500 dark:fill-rose-950/60 dark:stroke-rose-500",
  neutral: "fill-slate-50 stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-500",
  accent: "fill-sky-50 stroke-sky-500 dark:fill-sky-950/60 dark:stroke-sky-400",
};

export const TEXT = "fill-slate-900 dark:fill-slate-100";
export const MUTED = "fill-slate-600 dark:fill-slate-400";
export const LINE = "stroke-slate-500 dark:stroke-slate-400";

export interface Line {
  text: string;
  mono?: boolean;
  bold?: boolean;
  muted?: boolean;
  size?: number;
}

/** A rounded box with lines of text, left-aligned (or centred). */
export function Box({
  x,
  y,
  w,
  h,
  tone = "leaf",
  lines,
  dashed = false,
  center = false,
  pad = 10,
}: {
  x: number;
  y: number;
  w: number;
  h: number;
  tone?: Tone;
  lines: Line[];
  dashed?: boolean;
  center?: boolean;
  pad?: number;
}) {
  const sizes = lines.map((l) => l.size ?? (l.bold ? 13 : 12));
  const total = sizes.reduce((a, b) => a + b * 1.3, 0);
  // Each line's baseline, from the top of the centred block down.
  const baselines: number[] = [];
  for (let i = 0, cy = y + (h - total) / 2; i < sizes.length; i++) baselines.push((cy += sizes[i] * 1.3));
  return (
    <g>
      <rect x={x} y={y} width={w} height={h} rx={8} className={BOX[tone]} strokeWidth={1.5} strokeDasharray={dashed ? "6 4" : undefined} />
      {lines.map((l, i) => {
        const size = sizes[i];
        const cy = baselines[i];
        return (
          <text
            key={i}
            x={center ? x + w / 2 : x + pad}
            y={cy - size * 0.3}
            textAnchor={center ? "middle" : "start"}
            fontSize={size}
            fontWeight={l.bold ? 600 : 400}
            fontFamily={l.mono ? "var(--font-mono)" : "var(--font-sans)"}
            className={l.muted ? MUTED : TEXT}
          >
            {l.text}
          </text>
        );
      })}
    </g>
  );
}

/** An arrow-head marker; reference it with markerEnd={`url(#${id})`}. */
export function ArrowMarker({ id }: { id: string }) {
  return (
    <marker id={id} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
      <path d="M0 0 10 5 0 10z" className="fill-slate-500 dark:fill-slate-400" />
    </marker>
  );
}

export function Label({
  x,
  y,
  children,
  anchor = "start",
  muted = true,
  size = 11.5,
  italic = false,
}: {
  x: number;
  y: number;
  children: ReactNode;
  anchor?: "start" | "middle" | "end";
  muted?: boolean;
  size?: number;
  italic?: boolean;
}) {
  return (
    <text
      x={x}
      y={y}
      fontSize={size}
      textAnchor={anchor}
      fontStyle={italic ? "italic" : undefined}
      fontFamily="var(--font-sans)"
      className={muted ? MUTED : TEXT}
    >
      {children}
    </text>
  );
}

interface Drawing {
  width: number;
  height: number;
  draw: (ids: { arrow: string }) => ReactNode;
}

/**
 * The figure: an inline SVG with role="img", <title> and <desc> (the same content as the
 * picture, in words), and a visible caption. Wide diagrams scroll sideways on small screens
 * instead of shrinking their text below legibility, unless they bring a `narrow` drawing for
 * phones (only one of the two is displayed, so assistive technology meets one image).
 */
export function DiagramFigure({
  title,
  desc,
  caption,
  width,
  height,
  minWidth,
  narrow,
  children,
}: {
  title: string;
  desc: string;
  caption: ReactNode;
  width: number;
  height: number;
  /** below this rendered width the figure scrolls horizontally */
  minWidth: number;
  /** a layout for a column narrower than 640 px */
  narrow?: Drawing;
  children: (ids: { arrow: string }) => ReactNode;
}) {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const svg = (d: Drawing, key: string, className: string, style?: React.CSSProperties) => (
    <svg
      role="img"
      aria-labelledby={`${id}-${key}-title ${id}-${key}-desc`}
      viewBox={`0 0 ${d.width} ${d.height}`}
      className={className}
      style={style}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-${key}-title`}>{title}</title>
      <desc id={`${id}-${key}-desc`}>{desc}</desc>
      <defs>
        <ArrowMarker id={`${id}-${key}-arrow`} />
      </defs>
      {d.draw({ arrow: `${id}-${key}-arrow` })}
    </svg>
  );
  const wide: Drawing = { width, height, draw: children };
  return (
    // A container query, not the window's width: beside the terminal the lesson's column is narrow.
    <figure className="not-prose @container my-8">
      {/* It scrolls sideways when the column is narrower than minWidth: focusable, so keys can scroll it. */}
      <div
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable
        tabIndex={0}
        role="group"
        aria-label={title}
        className="overflow-x-auto rounded-xl border border-slate-200 bg-slate-50/60 p-3 focus-visible:outline-2 focus-visible:outline-indigo-500 @min-[40rem]:p-4 dark:border-slate-800 dark:bg-slate-900/40"
      >
        {svg(wide, "w", narrow ? "hidden h-auto w-full @min-[40rem]:block" : "h-auto w-full", { minWidth })}
        {narrow && svg(narrow, "n", "h-auto w-full @min-[40rem]:hidden")}
      </div>
      <figcaption className="mt-2 text-sm text-slate-600 dark:text-slate-400">{caption}</figcaption>
    </figure>
  );
}
