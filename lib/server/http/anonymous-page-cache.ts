/**
 * Lesson pages for visitors, rendered once per lesson per process (issue 15, item 4).
 *
 * A lesson as a signed-out visitor sees it depends on nothing of theirs: not a session, not an
 * answer, not a clock. Only three things of the request reach its HTML: the path, the theme
 * cookie (root layout) and the CSP nonce that Next stamps on its inline scripts. So the first
 * plain request for a lesson is rendered by Next as usual and its response is kept. Later ones get
 * the same bytes with their own fresh nonce put where the first one's was: the nonce is 128
 * random bits, so it occurs in the HTML only where Next put it. The CSP header, set per request
 * in front of Next, names the new nonce, so the page's scripts still run and an injected one
 * still cannot.
 *
 * Only what is surely the same for everyone is cached (`cacheKey`): a GET with no query string,
 * no cookie but the theme's (a session cookie, even an expired one, is rendered by Next), none of
 * the headers of Next's client-side navigation, at an origin the site is served at (others get
 * a notice in the page), of a lesson that is not a scenario (a scenario page carries the server's
 * clock). A response is kept only if it is a complete 200 HTML page that set no cookie.
 *
 * The content is read once per process, so the cache lives as long as the process; its size is
 * bounded by lessons × themes × origins.
 */
import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";

/** Request headers Next's router sends for client-side navigation and prefetches (they get RSC, not HTML). */
const NAVIGATION_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];

/**
 * Response headers never replayed from the kept response: each response computes its own. An
 * ETag names exact bytes, and each served copy differs from the kept one in its nonce.
 */
const PER_RESPONSE_HEADERS = new Set([
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "date",
  "etag",
]);

interface KeptPage {
  headers: [string, string | string[]][];
  /** the HTML split at each occurrence of the nonce it was rendered with */
  parts: Buffer[];
}

export interface AnonymousPageCacheOptions {
  /** Is `path` a lesson whose visitor view is the same for everyone? */
  isStaticLesson(path: string): Promise<boolean>;
  /** Response headers this server sets per request in front of Next (the CSP among them): never replayed. */
  ownHeaders: string[];
  themeCookie: string;
  /** The origin (scheme://host) this request was made to, or null if it is not one the site is served at. */
  acceptedOrigin(req: IncomingMessage): string | null;
}

export class AnonymousPageCache {
  private readonly pages = new Map<string, KeptPage>();
  private readonly ownHeaders: Set<string>;

  constructor(private readonly opts: AnonymousPageCacheOptions) {
    this.ownHeaders = new Set(opts.ownHeaders.map((h) => h.toLowerCase()));
  }

  /** Pages kept so far. */
  get size(): number {
    return this.pages.size;
  }

  /** The key under which this request's page may be kept, or null when it must be rendered for it alone. */
  async cacheKey(req: IncomingMessage): Promise<string | null> {
    if (req.method !== "GET") return null;
    const url = req.url ?? "";
    if (!url.startsWith("/courses/") || url.includes("?")) return null;
    if (NAVIGATION_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
    const theme = this.themeOf(req.headers.cookie);
    if (theme === null) return null;
    const origin = this.opts.acceptedOrigin(req);
    if (origin === null) return null;
    if (!(await this.opts.isStaticLesson(url))) return null;
    return `${origin} ${url} ${theme}`;
  }

  /**
   * Sends the kept page for `key` with `nonce` in place of the one it was rendered with. False
   * when nothing is kept yet.
   */
  serve(key: string, nonce: string, req: IncomingMessage, res: ServerResponse): boolean {
    const page = this.pages.get(key);
    if (!page) return false;
    const html = joinParts(page.parts, Buffer.from(nonce));
    for (const [name, value] of page.headers) res.setHeader(name, value);
    res.statusCode = 200;
    // Next compresses what it serves; so does this, quickly (level 1 is ~1 ms for a long lesson).
    const body = acceptsGzip(req) ? gzipSync(html, { level: 1 }) : html;
    if (body !== html) res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", body.length);
    res.end(body);
    return true;
  }

  /**
   * Lets Next render this request, and keeps the response under `key` if it is a complete 200
   * HTML page that set no cookie. The request is asked for uncompressed HTML (what is kept must
   * be searchable for the nonce), so this one visitor gets it uncompressed.
   */
  renderAndKeep(key: string, nonce: string, req: IncomingMessage, res: ServerResponse, render: () => Promise<void>): Promise<void> {
    delete req.headers["accept-encoding"];
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    const collect = (chunk: unknown, encoding: unknown) => {
      if (typeof chunk === "string") chunks.push(Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((...args: unknown[]) => {
      if (args.length > 0 && typeof args[0] !== "function") collect(args[0], args[1]);
      const html = Buffer.concat(chunks);
      const type = String(res.getHeader("content-type") ?? "");
      const complete = html.subarray(-7).toString() === "</html>";
      if (
        complete &&
        res.statusCode === 200 &&
        type.startsWith("text/html") &&
        !res.hasHeader("set-cookie") &&
        !res.hasHeader("content-encoding")
      ) {
        this.pages.set(key, {
          headers: Object.entries(res.getHeaders())
            .filter(([name]) => !PER_RESPONSE_HEADERS.has(name) && !this.ownHeaders.has(name))
            .map(([name, value]) => [name, Array.isArray(value) ? value : String(value)]),
          parts: splitAt(html, Buffer.from(nonce)),
        });
      }
      return end(...args);
    }) as typeof res.end;
    return render();
  }

  /** The theme cookie's value ("" for none), or null when the request carries any other cookie. */
  private themeOf(cookieHeader: string | undefined): string | null {
    if (!cookieHeader) return "";
    let theme = "";
    for (const pair of cookieHeader.split(";")) {
      const eq = pair.indexOf("=");
      const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
      if (name === "") continue;
      if (name !== this.opts.themeCookie) return null;
      theme = pair.slice(eq + 1).trim();
    }
    return theme;
  }
}

/** Does Accept-Encoding allow gzip (listed, or `*`, with a q above 0)? */
export function acceptsGzip(req: Pick<IncomingMessage, "headers">): boolean {
  const accept = req.headers["accept-encoding"];
  if (typeof accept !== "string") return false;
  return accept.split(",").some((entry) => {
    const [coding, ...params] = entry.split(";").map((s) => s.trim().toLowerCase());
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

export function splitAt(whole: Buffer, separator: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = whole.indexOf(separator, from); at >= 0; at = whole.indexOf(separator, from)) {
    parts.push(whole.subarray(from, at));
    from = at + separator.length;
  }
  parts.push(whole.subarray(from));
  return parts;
}

export function joinParts(parts: Buffer[], separator: Buffer): Buffer {
  const out: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(separator);
    out.push(p);
  });
  return Buffer.concat(out);
}
