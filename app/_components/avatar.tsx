import { initials, type HeaderUser } from "./header-user";
import { cx } from "./ui/cx";

export function Avatar({ user, className }: { user: HeaderUser; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={cx(
        "inline-flex size-7 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-[0.7rem] font-semibold text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-200",
        className,
      )}
    >
      {initials(user)}
    </span>
  );
}
