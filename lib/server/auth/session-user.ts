import "server-only";
export type Role = "LEARNER" | "ADMIN";

/** Who is asking, as every authorization check sees it. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  isPro: boolean;
}
