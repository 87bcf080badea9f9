"use client";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";

/** Copies a text to the clipboard and says so (politely, to screen readers too). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed"); // no clipboard permission: the text is selectable in its field
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy} aria-label={label} onBlur={() => setState("idle")}>
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}</span>
    </Button>
  );
}
