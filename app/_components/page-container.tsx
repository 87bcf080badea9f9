import type { ComponentProps } from "react";
import { cx } from "./ui/cx";

/** The page column every section shares (same width as the header). */
export function Container({ className, ...rest }: ComponentProps<"div">) {
  return <div className={cx("mx-auto w-full max-w-6xl px-4 sm:px-6", className)} {...rest} />;
}

/** A page title block: eyebrow, h1 and lead paragraph. */
export function PageHeader({
  eyebrow,
  title,
  lead,
  className,
}: {
  eyebrow?: string;
  title: string;
  lead?: React.ReactNode;
  className?: string;
}) {
  return (
    <div className={cx("max-w-2xl space-y-3", className)}>
      {eyebrow && <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">{eyebrow}</p>}
      <h1 className="text-3xl font-semibold tracking-tight text-balance text-slate-900 sm:text-4xl dark:text-white">{title}</h1>
      {lead && <p className="text-base text-pretty text-slate-600 sm:text-lg dark:text-slate-400">{lead}</p>}
    </div>
  );
}
