"use client";
/**
 * What the account forms (sign-in, sign-up, change password) share: field errors, a form-level
 * message, the pending state, focus on the first field in error, and sending JSON to our API.
 * The API answers errors as `{ error: string, fieldErrors?: { field: string[] } }`; its message
 * is shown as it is (the server knows why it refused), and only a failure that has no message
 * (no connection, a crash) gets words of ours.
 */
import { useRef, useState, type ReactNode } from "react";
import { focusFirstError, pickFieldErrors, readJson, type FieldErrors } from "./form-utils";

export const NETWORK_ERROR = "Could not reach the server. Please try again.";
const SERVER_ERROR = "Something went wrong on our side. Please try again.";

export type SendResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: string; fieldErrors: unknown };

/** POSTs JSON to one of our routes and reads its answer. */
export async function sendJson<T = Record<string, unknown>>(url: string, body: unknown): Promise<SendResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    return { ok: false, status: 0, error: NETWORK_ERROR, fieldErrors: undefined };
  }
  const json = await readJson(res);
  if (res.ok) return { ok: true, status: res.status, data: json as T };
  // A refusal without a message (a proxy's page, say) is named by its status, not blamed on us.
  const error =
    typeof json.error === "string" ? json.error : res.status >= 500 ? SERVER_ERROR : `The request was refused (HTTP ${res.status}).`;
  return { ok: false, status: res.status, error, fieldErrors: json.fieldErrors };
}

/** The state of one form whose fields are named `order`, in the order they appear. */
export function useFormState<K extends string>(order: readonly K[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FieldErrors<K>>({});
  const [formError, setFormError] = useState<ReactNode>(null);
  const [pending, setPending] = useState(false);

  /** Shows the result of the form's own checks; true when it may be sent (then it is pending). */
  function check(found: FieldErrors<K>): boolean {
    setFormError(null);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError(formRef.current, order, found);
      return false;
    }
    setPending(true);
    return true;
  }

  /** Ends the attempt with a message (and field errors), focusing the first field in error. */
  function fail(message: ReactNode, fieldErrors: FieldErrors<K> = {}) {
    setPending(false);
    setErrors(fieldErrors);
    setFormError(message);
    focusFirstError(formRef.current, order, fieldErrors);
  }

  /** Ends the attempt with the server's answer: its message as it is, its field errors on their fields. */
  function failWith(result: { error: string; fieldErrors: unknown }) {
    fail(result.error, pickFieldErrors(result.fieldErrors, order));
  }

  return { formRef, errors, formError, pending, setPending, check, fail, failWith };
}
