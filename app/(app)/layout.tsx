import type { ReactNode } from "react";

/**
 * Signed-in pages. Each page checks access itself with requireUser()/requireAdmin() (a layout
 * check alone is not enough: layouts do not re-run on client navigation).
 */
export default function AppLayout({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col bg-slate-50/50 dark:bg-transparent">{children}</div>;
}
