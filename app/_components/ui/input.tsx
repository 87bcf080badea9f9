import type { ComponentProps } from "react";
import { cx } from "./cx";

export const inputClasses =
  "block h-10 w-full rounded-lg border bg-white px-3 text-sm text-slate-900 shadow-xs transition-colors placeholder:text-slate-400 " +
  "focus-visible:border-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-indigo-500/40 " +
  "disabled:cursor-not-allowed disabled:opacity-60 " +
  "dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500 " +
  "border-slate-300 dark:border-slate-700 " +
  "aria-invalid:border-rose-500 aria-invalid:focus-visible:outline-rose-500/40 dark:aria-invalid:border-rose-400";

export function Input({ className, ...rest }: ComponentProps<"input">) {
  return <input className={cx(inputClasses, className)} {...rest} />;
}
