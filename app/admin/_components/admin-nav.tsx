"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/app/_components/ui/cx";

const ITEMS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/quizzes", label: "Quiz analytics" },
  { href: "/admin/lab", label: "Lab analytics" },
  { href: "/admin/funnel", label: "Lesson funnel" },
  { href: "/admin/users", label: "Users" },
];

export function AdminNav() {
  const path = usePathname();
  return (
    <nav aria-label="Admin">
      <ul className="-mx-1 flex flex-wrap gap-1">
        {ITEMS.map((item) => {
          const current = item.href === "/admin" ? path === "/admin" : path.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "block rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors",
                  current
                    ? "bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300"
                    : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white",
                )}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
