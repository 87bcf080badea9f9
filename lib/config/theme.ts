/**
 * Colour theme preference. "system" (no cookie) follows prefers-color-scheme through CSS alone;
 * an explicit choice is kept in a cookie that the root layout reads on the server to put
 * `class="light"` or `class="dark"` on <html>. No inline script is needed (the CSP forbids
 * them without a nonce) and there is no flash of the wrong theme.
 */
export type Theme = "system" | "light" | "dark";

export const THEME_COOKIE = "kubeyard-theme";
export const THEMES: readonly Theme[] = ["system", "light", "dark"];

export function parseTheme(value: string | undefined | null): Theme {
  return value === "light" || value === "dark" ? value : "system";
}

/** The class for <html>: none for "system" (CSS media queries decide). */
export function themeClass(theme: Theme): string | undefined {
  return theme === "system" ? undefined : theme;
}
