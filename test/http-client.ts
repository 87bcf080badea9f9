/**
 * A minimal cookie-keeping HTTP client for integration tests: what a browser would send, no
 * more. Signs in through next-auth's real credentials endpoint.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  lastSetCookies: string[] = [];

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size && !headers.has("cookie")) headers.set("cookie", this.cookieHeader());
    let body = init.body;
    if (init.json !== undefined) {
      headers.set("content-type", "application/json");
      if (!headers.has("origin")) headers.set("origin", new URL(this.baseUrl).origin);
      body = JSON.stringify(init.json);
    }
    const res = await fetch(this.baseUrl + path, { ...init, headers, body, redirect: "manual" });
    this.lastSetCookies = res.headers.getSetCookie();
    for (const c of this.lastSetCookies) {
      const [pair, ...attrs] = c.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  postJson(path: string, json: unknown, headers: Record<string, string> = {}) {
    return this.request(path, { method: "POST", json, headers });
  }

  /** next-auth credentials sign-in; returns the error code ("CredentialsSignin", "RateLimited") or null on success. */
  async signIn(email: string, password: string, headers: Record<string, string> = {}): Promise<string | null> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(this.baseUrl).origin, ...headers },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/dashboard", json: "true" }).toString(),
    });
    const location = res.headers.get("location") ?? ((await res.json().catch(() => ({}))) as { url?: string }).url ?? "";
    const error = new URL(location, this.baseUrl).searchParams.get("error");
    return error ?? (this.sessionCookie() ? null : "NoSession");
  }

  async signOut(): Promise<void> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    await this.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(this.baseUrl).origin },
      body: new URLSearchParams({ csrfToken, json: "true" }).toString(),
    });
  }

  sessionCookie(): string | undefined {
    for (const [k, v] of this.cookies) if (k.endsWith("kubeyard.session")) return v;
    return undefined;
  }
}
