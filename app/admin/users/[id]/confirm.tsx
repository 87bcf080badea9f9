"use client";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";

/**
 * An action that asks first: the button opens a short question with "Yes" and "Cancel" (focus
 * moves to it), so one stray click never revokes, disables or deletes. With `typeToConfirm`,
 * the admin must type that text (the account's email) before "Yes" is enabled.
 */
export function ConfirmAction(props: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  disabled?: boolean;
  variant?: "danger" | "secondary";
  typeToConfirm?: string;
}) {
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState("");
  const id = useId();
  const group = useRef<HTMLDivElement>(null);
  // The question takes focus when it opens, so a keyboard or screen-reader user is at it.
  useEffect(() => {
    if (asking) group.current?.querySelector<HTMLElement>("input, button")?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <Button variant={props.variant ?? "danger"} disabled={props.disabled} pending={props.pending} onClick={() => setAsking(true)}>
        {props.label}
      </Button>
    );
  }
  const ready = props.typeToConfirm === undefined || typed.trim().toLowerCase() === props.typeToConfirm.toLowerCase();
  return (
    <div
      ref={group}
      role="group"
      aria-labelledby={`${id}-q`}
      className="space-y-2 rounded-lg border border-rose-200 bg-rose-50/60 p-3 dark:border-rose-500/30 dark:bg-rose-500/5"
    >
      <p id={`${id}-q`} className="text-sm text-slate-800 dark:text-slate-200">
        {props.question}
      </p>
      {props.typeToConfirm !== undefined && (
        <Field
          id={`${id}-type`}
          label={`Type ${props.typeToConfirm} to confirm`}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          variant="danger"
          disabled={!ready}
          pending={props.pending}
          onClick={() => {
            props.onConfirm();
            setAsking(false);
            setTyped("");
          }}
        >
          {props.confirmLabel}
        </Button>
        <Button variant="secondary" onClick={() => setAsking(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
