import type { CommandCount } from "@/lib/server/analytics/lab";
import { int } from "../../_components/format";

/** Normalised commands with their counts, as code (never a learner's raw line). */
export function CommandList({ items, label, empty = "—" }: { items: CommandCount[]; label: string; empty?: string }) {
  if (items.length === 0) return <p className="text-xs text-slate-500 dark:text-slate-400">{empty}</p>;
  return (
    <ol className="space-y-1" aria-label={label}>
      {items.map((c) => (
        <li key={c.normalized} className="flex items-baseline justify-between gap-3 text-xs">
          <code className="font-mono break-all text-slate-800 dark:text-slate-200">{c.normalized}</code>
          <span className="shrink-0 text-slate-500 tabular-nums dark:text-slate-400">{int(c.count)}×</span>
        </li>
      ))}
    </ol>
  );
}
