/**
 * Runtime configuration of the server side, read from process.env after server/index.ts has
 * validated it (lib/env.ts) and filled in what the embedded default generated (DATABASE_URL,
 * AUTH_SECRET). Route handlers, pages and the WebSocket upgrade all read it from here.
 */
export interface RuntimeConfig {
  appUrl: string;
  appOrigin: string;
  authSecret: string;
  /** https, or http on localhost (browsers treat it as a secure context): cookies get Secure and the __Host- prefix */
  secureCookies: boolean;
  trustProxy: boolean;
  githubEnabled: boolean;
}

let cached: RuntimeConfig | undefined;

export function getRuntimeConfig(): RuntimeConfig {
  if (cached) return cached;
  const appUrl = (process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
  const url = new URL(appUrl);
  const authSecret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET;
  if (!authSecret) throw new Error("AUTH_SECRET is not set (server/index.ts sets it; scripts must too)");
  cached = {
    appUrl,
    appOrigin: url.origin,
    authSecret,
    secureCookies: url.protocol === "https:" || url.hostname === "localhost" || url.hostname === "127.0.0.1",
    trustProxy: process.env.TRUST_PROXY === "true" || process.env.TRUST_PROXY === "1",
    githubEnabled: Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET),
  };
  return cached;
}

/** For tests that change the environment between cases. */
export function resetRuntimeConfig(): void {
  cached = undefined;
}
