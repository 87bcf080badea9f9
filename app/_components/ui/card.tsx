import type { ComponentProps } from "react";
import { cx } from "./cx";

export function Card({ className, ...rest }: ComponentProps<"div">) {
  return (
    <div
      className={cx("rounded-xl border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900/60", className)}
      {...rest}
    />
  );
}

export function CardHeader({ className, ...rest }: ComponentProps<"div">) {
  return <div className={cx("space-y-1 p-5 pb-0 sm:p-6 sm:pb-0", className)} {...rest} />;
}

export function CardTitle({ className, as: Tag = "h2", ...rest }: ComponentProps<"h2"> & { as?: "h2" | "h3" }) {
  return <Tag className={cx("text-base font-semibold tracking-tight text-slate-900 dark:text-slate-50", className)} {...rest} />;
}

export function CardDescription({ className, ...rest }: ComponentProps<"p">) {
  return <p className={cx("text-sm text-slate-600 dark:text-slate-400", className)} {...rest} />;
}

export function CardBody({ className, ...rest }: ComponentProps<"div">) {
  return <div className={cx("p-5 sm:p-6", className)} {...rest} />;
}

export function CardFooter({ className, ...rest }: ComponentProps<"div">) {
  return (
    <div
      className={cx("flex flex-wrap items-center gap-3 border-t border-slate-200 px-5 py-4 sm:px-6 dark:border-slate-800", className)}
      {...rest}
    />
  );
}
