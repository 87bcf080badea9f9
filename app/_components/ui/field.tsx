import type { ComponentProps, ReactNode } from "react";
import { Input } from "./input";
import { Label } from "./label";

type FieldProps = Omit<ComponentProps<"input">, "id"> & {
  id: string;
  label: ReactNode;
  /** Help shown under the input, announced with it (aria-describedby). */
  hint?: ReactNode;
  /** Inline error; marks the input invalid and is announced with it. */
  error?: string | null;
  /** Extra content on the label row, e.g. a "Forgot?" link. */
  labelAside?: ReactNode;
};

/**
 * A labelled input with its hint and error wired up for assistive technology: the label is a
 * <label for>, hint and error are referenced by aria-describedby, an error sets aria-invalid.
 * Errors here are not live regions: the form shows one summary alert and moves focus.
 */
export function Field({ id, label, hint, error, labelAside, ...inputProps }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {labelAside}
      </div>
      <Input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...inputProps} />
      {error && (
        <p id={errorId} className="flex items-start gap-1.5 text-sm text-rose-700 dark:text-rose-400">
          <svg aria-hidden="true" viewBox="0 0 16 16" className="mt-0.5 size-4 shrink-0" fill="currentColor">
            <path d="M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13ZM7.25 4.75h1.5v4.5h-1.5v-4.5Zm0 5.75h1.5V12h-1.5v-1.5Z" />
          </svg>
          <span>{error}</span>
        </p>
      )}
      {hint && (
        <p id={hintId} className="text-sm text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
    </div>
  );
}
