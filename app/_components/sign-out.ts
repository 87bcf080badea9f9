"use client";
import { signOut } from "next-auth/react";

/** Ends the session on the server (next-auth revokes it) and reloads on the landing page. */
export function signOutToHome(): Promise<void> {
  return signOut({ callbackUrl: "/" });
}
