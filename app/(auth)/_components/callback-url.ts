/**
 * Where to go after signing in: only a same-origin relative path ("/x", never "//host" or
 * "/\host", which browsers treat as another origin), never back to the auth pages themselves.
 */
export const DEFAULT_CALLBACK = "/dashboard";

export function safeCallbackUrl(raw: string | string[] | undefined | null, fallback = DEFAULT_CALLBACK): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // No control characters or whitespace (a tab or newline inside "/\t/evil.com" is stripped by URL parsers).
  if (/[\u0000-\u001f\u007f\s\\]/.test(value)) return fallback;
  const path = value.split(/[?#]/, 1)[0];
  if (path === "/sign-in" || path === "/sign-up" || path.startsWith("/api/")) return fallback;
  return value;
}
