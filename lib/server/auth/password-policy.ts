/**
 * Password rules from OWASP ASVS 5.0 (security.md A3): at least 8 characters, long passphrases
 * allowed (up to 256, never truncated), no composition rules, and none of the 3,000 most common
 * passwords (the ranked list shipped in @zxcvbn-ts/language-common, loaded on first use).
 */
import "server-only";
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
const COMMON_COUNT = 3000;

let common: Promise<Set<string>> | undefined;

function commonPasswords(): Promise<Set<string>> {
  common ??= import("@zxcvbn-ts/language-common").then((m) => new Set(m.dictionary["passwords-common"].slice(0, COMMON_COUNT)));
  return common;
}

/** Returns a learner-facing reason the password is not acceptable, or null. */
export async function checkNewPassword(password: string, email?: string): Promise<string | null> {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  if ((await commonPasswords()).has(lower)) return "This password is too common. Choose another one.";
  if (email && lower === email.toLowerCase()) return "Your password must not be your email address.";
  return null;
}
