import type { ComponentProps } from "react";
import { cx } from "./cx";

/** A form label; `htmlFor` is required, so every label names its control. */
export function Label({ className, htmlFor, ...rest }: ComponentProps<"label"> & { htmlFor: string }) {
  return <label htmlFor={htmlFor} className={cx("block text-sm font-medium text-slate-800 dark:text-slate-200", className)} {...rest} />;
}
