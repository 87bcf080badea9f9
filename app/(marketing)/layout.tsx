import type { ReactNode } from "react";

/** Public pages: full-width sections, each with its own container. */
export default function MarketingLayout({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col">{children}</div>;
}
