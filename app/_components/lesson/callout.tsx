import type { ReactNode } from "react";
import { Alert, type AlertTone } from "@/app/_components/ui/alert";

const TONES: Record<string, { tone: AlertTone; title: string }> = {
  note: { tone: "info", title: "Note" },
  tip: { tone: "success", title: "Tip" },
  warning: { tone: "warning", title: "Warning" },
};

/** A note (background), tip (a better way) or warning (breaks clusters or security). Unknown types read as a note. */
export function Callout({ type = "note", children }: { type?: string; children?: ReactNode }) {
  const { tone, title } = TONES[type] ?? TONES.note;
  return (
    <Alert tone={tone} title={title} className="not-prose my-6 [&_p+p]:mt-2 [&_code]:code-inline">
      {children}
    </Alert>
  );
}
