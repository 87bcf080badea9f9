/**
 * What the header needs to know about the signed-in user. The root layout maps the server's
 * SessionUser onto this (components under app/_components never import lib/server).
 */
export interface HeaderUser {
  name: string | null;
  email: string;
  role: "LEARNER" | "ADMIN";
  isPro: boolean;
}

export function displayName(user: HeaderUser): string {
  return user.name?.trim() || user.email;
}

export function initials(user: HeaderUser): string {
  const source = user.name?.trim() || user.email;
  const words = source.split(/[\s@._-]+/).filter(Boolean);
  const letters = words.length >= 2 ? words[0][0] + words[1][0] : source.slice(0, 2);
  return letters.toUpperCase();
}
