import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

export type AlertTone = "info" | "success" | "warning" | "error";

const tones: Record<AlertTone, string> = {
  info: "border-indigo-200 bg-indigo-50 text-indigo-900 dark:border-indigo-500/30 dark:bg-indigo-500/10 dark:text-indigo-100",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-100",
  warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100",
  error: "border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-500/30 dark:bg-rose-500/10 dark:text-rose-100",
};

const icons: Record<AlertTone, ReactNode> = {
  info: <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm-.75 3h1.5V6h-1.5V4.5Zm0 2.75h1.5v4.25h-1.5V7.25Z" />,
  success: (
    <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13Zm3.03 4.72-3.75 4.5a.75.75 0 0 1-1.1.05l-2-2 1.06-1.06 1.42 1.42 3.22-3.87 1.15.96Z" />
  ),
  warning: (
    <path d="M8.87 2.03a1 1 0 0 0-1.74 0L1.4 12.5a1 1 0 0 0 .87 1.5h11.46a1 1 0 0 0 .87-1.5L8.87 2.03ZM7.25 5.5h1.5v4h-1.5v-4Zm0 5.25h1.5v1.5h-1.5v-1.5Z" />
  ),
  error: <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM7.25 4.75h1.5v4.5h-1.5v-4.5Zm0 5.75h1.5V12h-1.5v-1.5Z" />,
};

type AlertProps = Omit<ComponentProps<"div">, "title"> & {
  tone?: AlertTone;
  title?: ReactNode;
  /**
   * "alert" for errors the user must hear now (a live region: render it only when there is
   * something to say), "status" for polite updates, "none" for static callouts.
   */
  live?: "alert" | "status" | "none";
};

/** A callout / alert box. */
export function Alert({ tone = "info", title, live = "none", className, children, ...rest }: AlertProps) {
  return (
    <div
      role={live === "none" ? undefined : live}
      className={cx("flex gap-3 rounded-lg border px-4 py-3 text-sm", tones[tone], className)}
      {...rest}
    >
      <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="mt-0.5 size-4 shrink-0 opacity-80">
        {icons[tone]}
      </svg>
      <div className="min-w-0 space-y-1">
        {title && <p className="font-semibold">{title}</p>}
        {children && <div className="leading-relaxed [&_a]:font-medium [&_a]:underline [&_a]:underline-offset-2">{children}</div>}
      </div>
    </div>
  );
}
