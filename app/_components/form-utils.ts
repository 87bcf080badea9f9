export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** The new-password hint. The server also refuses the most common passwords (lib/server/auth/password-policy.ts): say so up front. */
export const PASSWORD_HINT = "At least 8 characters, and not a common password. Long passphrases welcome.";

/** A loose email check for instant feedback; the server validates for real. */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Moves focus to the first field (in form order) that has an error. */
export function focusFirstError<K extends string>(form: HTMLFormElement | null, order: readonly K[], errors: FieldErrors<K>) {
  const first = order.find((k) => errors[k]);
  if (first) form?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
}

/** Turns an API's `fieldErrors` (arrays of messages) into one message per known field. */
export function pickFieldErrors<K extends string>(raw: unknown, keys: readonly K[]): FieldErrors<K> {
  const out: FieldErrors<K> = {};
  if (!raw || typeof raw !== "object") return out;
  for (const k of keys) {
    const v = (raw as Record<string, unknown>)[k];
    if (Array.isArray(v) && typeof v[0] === "string") out[k] = v[0];
  }
  return out;
}

export async function readJson(res: Response): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await res.json();
    return body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
