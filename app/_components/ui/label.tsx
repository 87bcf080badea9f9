import type { ComponentProps } from "react";
import { cx } from "./cx";

export function Label({ className, ...rest }: ComponentProps<"label">) {
  return <label className={cx("block text-sm font-medium text-slate-800 dark:text-slate-200", className)} {...rest} />;
}
