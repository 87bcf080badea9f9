/**
 * A small server-rendered SVG line chart (no client JS). It is an image with a title and a
 * summary for screen readers (role="img"); the exact numbers are in the table next to it.
 */
export interface Series {
  label: string;
  values: number[];
  /** Tailwind stroke/fill colour classes */
  stroke: string;
  fill: string;
}

const W = 720;
const H = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 40 };

function niceMax(v: number): number {
  if (v <= 4) return 4;
  const p = 10 ** Math.floor(Math.log10(v));
  const m = v / p;
  return (m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

export function LineChart({
  id,
  title,
  summary,
  labels,
  series,
}: {
  id: string;
  title: string;
  summary: string;
  labels: string[];
  series: Series[];
}) {
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length <= 1 ? iw / 2 : (i / (labels.length - 1)) * iw);
  const y = (v: number) => PAD.top + ih - (v / max) * ih;
  const ticks = [0, max / 2, max];
  const every = Math.max(1, Math.ceil(labels.length / 6));
  return (
    <figure className="space-y-3">
      {/* On a phone the chart keeps a legible size and scrolls sideways; the table has the numbers. */}
      <div className="relative -mx-1 overflow-x-auto px-1">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          className="h-auto w-full min-w-[32rem] overflow-visible"
        >
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{summary}</desc>
          {ticks.map((t) => (
            <g key={t}>
              <line
                x1={PAD.left}
                x2={W - PAD.right}
                y1={y(t)}
                y2={y(t)}
                className="stroke-slate-200 dark:stroke-slate-800"
                strokeDasharray={t === 0 ? undefined : "3 4"}
              />
              <text x={PAD.left - 8} y={y(t) + 4} textAnchor="end" className="fill-slate-500 text-[11px] dark:fill-slate-400">
                {Number.isInteger(t) ? t.toLocaleString("en-US") : t.toFixed(1)}
              </text>
            </g>
          ))}
          {labels.map((l, i) =>
            i % every === 0 || i === labels.length - 1 ? (
              // The first and last labels sit at the plot's edges: anchor them inwards so they are not cut off.
              <text
                key={l}
                x={x(i)}
                y={H - 8}
                textAnchor={labels.length > 1 && i === 0 ? "start" : labels.length > 1 && i === labels.length - 1 ? "end" : "middle"}
                className="fill-slate-500 text-[11px] dark:fill-slate-400"
                data-testid="chart-x-label"
              >
                {l.slice(5)}
              </text>
            ) : null,
          )}
          {series.map((s) => {
            const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
            const area = `${x(0).toFixed(1)},${y(0)} ${points} ${x(s.values.length - 1).toFixed(1)},${y(0)}`;
            return (
              <g key={s.label}>
                <polygon points={area} className={s.fill} />
                <polyline points={points} fill="none" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" className={s.stroke} />
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="flex flex-wrap gap-4 text-xs text-slate-600 dark:text-slate-400">
        {series.map((s) => (
          <span key={s.label} className="flex items-center gap-1.5">
            <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3">
              <line x1="0" y1="6" x2="12" y2="6" strokeWidth="3" className={s.stroke} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
