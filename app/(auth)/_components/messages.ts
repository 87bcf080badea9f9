/** Learner-facing sign-in messages (shared by the page, on the server, and the form). */
export const INCORRECT = "Incorrect email or password.";
export const RATE_LIMITED = "Too many attempts. Try again later.";

/** Messages for next-auth's `?error=` codes when it sends the visitor back here. */
export function messageForErrorCode(code: string | undefined): string | null {
  if (!code) return null;
  if (code === "CredentialsSignin") return INCORRECT;
  if (code === "RateLimited") return RATE_LIMITED;
  if (code === "SessionRequired") return "Please sign in to continue.";
  if (code === "AccessDenied") return "Sign-in was refused. GitHub accounts need a verified public email.";
  if (code.startsWith("OAuth") || code === "Callback") return "Sign-in with GitHub did not complete. Please try again.";
  return "Sign-in did not complete. Please try again.";
}
