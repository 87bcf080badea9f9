/**
 * The learner's own kubectl, k9s or Lens against their simulated cluster (issue 16): HTTP under
 * /k8s/<cluster-id>/ on the app's own port, answered by the same apiserver handler as
 * `npm run sim:api`, in the learner's simulator worker, in turn with their terminal.
 *
 * Every request is refused before any simulator work unless it carries a live bearer token
 * (lib/server/kube-tokens) for exactly this cluster, of a learner whose account is enabled and
 * who has Pro; another cluster's path is 404, as a path that does not exist. Requests are paced
 * per learner (a token bucket and a bound on requests in flight), bodies are bounded, and open
 * streams re-check their token, so a revoked token ends a running `kubectl get -w` too. Tokens
 * and cookies never reach the simulator or the logs. No CORS headers are ever sent.
 *
 * When another instance holds the learner's cluster (issue 15), an admitted request is relayed
 * to it (lib/server/terminal/relay-http.ts) with a relay token instead of the learner's own; the
 * holder checks that token before any work (security.md K10) and streams its answer back.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { KubeTokenGrant } from "../lib/server/kube-tokens/kube-tokens";
import { readBodyBounded } from "../lib/sim-api/read-body";
import { StaleSessionError, type LiveSession } from "../lib/server/terminal/live-session";
import { signRelayToken, verifyRelayToken, RELAY_AUTH_HEADER } from "../lib/server/terminal/relay-auth";
import { forwardKubeRequest, KUBE_RELAY_PREFIX } from "../lib/server/terminal/relay-http";
import { SessionBusyError, type SessionManager } from "../lib/server/terminal/session-manager";
import { systemClock, TokenBucket, type Clock } from "../lib/server/terminal/token-bucket";
import type { ApiCall } from "../lib/server/workers/sim-jobs";
import { statusResponse } from "../lib/sim/api/http/negotiate";
import type { HttpResponse } from "../lib/sim/api/http/types";
import type { StatusReason } from "../lib/sim/api/types";

export const KUBE_PREFIX = "/k8s/";
/** /k8s/<cluster-id>[/<apiserver path>]: a cluster id is a TerminalSession id (a cuid) */
const PATH_RE = /^\/k8s\/([a-z0-9]{16,40})(\/.*)?$/;
/** the same, relayed from another instance: /internal/kube-relay/<cluster-id>[/<apiserver path>] */
const RELAY_PATH_RE = /^\/internal\/kube-relay\/([a-z0-9]{16,40})(\/.*)?$/;

export const KUBE_LIMITS = {
  /** requests per second per learner, up to `burst` at once (kubectl's client-side limit is 5/s, burst 10; k9s polls a few lists every 2 s) */
  requestsPerSecond: 20,
  burst: 60,
  /** requests of one learner being answered at once; streams not counted once open */
  inFlight: 8,
  /** how often an open stream re-checks its token and the learner's Pro */
  recheckMs: 30_000,
} as const;

/** Headers that never reach the simulator: credentials, and hop-by-hop ones. */
const DROPPED_HEADERS = new Set(["authorization", "cookie", "proxy-authorization", "connection", "host"]);

export interface KubeGatewayDeps {
  sessions: SessionManager;
  verifyToken(raw: string): Promise<KubeTokenGrant | null>;
  /** records the token's last use (throttled by the token store); must not throw */
  touchToken(tokenId: string): void;
  /** the most a request body may have */
  bodyLimit: number;
  clock?: Clock;
  recheckMs?: number;
  /** This instance's relay key (from AUTH_SECRET) and its own address (INSTANCE_URL). */
  relay: { key: Buffer; instanceUrl: string };
}

/** A whole answer (the simulated apiserver's own shape), written to an HTTP response or, for a refused upgrade, to the raw socket. */
type Plain = HttpResponse;

const isPlain = (x: object): x is Plain => "status" in x && "body" in x;

function statusOf(code: number, reason: StatusReason, message: string, extra: Record<string, string> = {}): Plain {
  const r = statusResponse({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
  return { ...r, headers: { ...r.headers, ...extra } };
}

/** The apiserver's answer to a path it does not serve (and to another learner's cluster). */
const NOT_FOUND: Plain = { status: 404, headers: { "content-type": "text/plain; charset=utf-8" }, body: "404 page not found\n" };
const UNAUTHORIZED = statusOf(401, "Unauthorized", "Unauthorized");
const PRO_ENDED = statusOf(
  403,
  "Forbidden",
  "Kubeyard Pro has ended for this account: upgrade again on the Pricing page to use your cluster from your own kubectl.",
);
const TOO_MANY = statusOf(429, "TooManyRequests", "Too many requests from your kubectl; slow down and try again.", { "retry-after": "1" });
const TOO_LARGE = statusOf(413, "RequestEntityTooLarge", "Request entity too large");
const RELOADED = statusOf(503, "ServiceUnavailable", "Your cluster was reloaded; try again.", { "retry-after": "1" });

function write(res: ServerResponse, p: Plain): void {
  const size = typeof p.body === "string" ? Buffer.byteLength(p.body) : p.body.length;
  res.writeHead(p.status, { ...p.headers, "content-length": size, "cache-control": "no-store" });
  res.end(p.body);
}

/** An upgrade (kubectl exec, attach, port-forward) answered without switching protocols: the status line, headers and body, then the socket closes. */
function writeRaw(socket: Duplex, p: Plain): void {
  const body = typeof p.body === "string" ? Buffer.from(p.body, "utf8") : Buffer.from(p.body.buffer, p.body.byteOffset, p.body.byteLength);
  const head = Object.entries({ ...p.headers, "content-length": String(body.length), "cache-control": "no-store", connection: "close" })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  socket.end(Buffer.concat([Buffer.from(`HTTP/1.1 ${p.status} ${STATUS_CODES[p.status] ?? ""}\r\n${head}\r\n`), body]));
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1] : undefined;
}

/** A request the gateway admitted: whose, for which cluster, and what it asks of the apiserver. */
interface Admitted {
  grant: KubeTokenGrant;
  /** the learner's token; null on a request relayed from another instance, which re-checks it */
  token: string | null;
  path: string;
  query: string;
}

export function createKubeGateway(deps: KubeGatewayDeps) {
  const clock = deps.clock ?? systemClock;
  const recheckMs = deps.recheckMs ?? KUBE_LIMITS.recheckMs;
  const buckets = new Map<string, { bucket: TokenBucket; lastUsed: number }>();
  const inFlight = new Map<string, number>();
  /** a bucket unused this long is full again, so it is forgotten (a fresh one is the same) */
  const refilledMs = (KUBE_LIMITS.burst / KUBE_LIMITS.requestsPerSecond) * 1000;

  /** The learner's pace: one bucket for all their tokens and clusters. */
  function allowed(userId: string): boolean {
    const now = clock.now();
    if (buckets.size > 1000) for (const [id, b] of buckets) if (now - b.lastUsed > refilledMs) buckets.delete(id);
    let b = buckets.get(userId);
    if (!b) buckets.set(userId, (b = { bucket: new TokenBucket(KUBE_LIMITS.requestsPerSecond, KUBE_LIMITS.burst, clock), lastUsed: now }));
    b.lastUsed = now;
    return b.bucket.take();
  }

  /** Who is asking and for what, or the refusal; nothing here touches a simulator. */
  async function admit(req: IncomingMessage): Promise<Admitted | Plain> {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const m = PATH_RE.exec(q < 0 ? url : url.slice(0, q));
    if (!m) return NOT_FOUND;
    const token = bearer(req);
    const grant = token ? await deps.verifyToken(token) : null;
    if (!token || !grant) return UNAUTHORIZED;
    if (grant.clusterId !== m[1]) return NOT_FOUND;
    if (!grant.isPro) return PRO_ENDED;
    deps.touchToken(grant.tokenId);
    return { grant, token, path: m[2] ?? "/", query: q < 0 ? "" : url.slice(q + 1) };
  }

  /** Runs `fn` within the learner's pace and in-flight bound. */
  async function paced(userId: string, fn: () => Promise<void>): Promise<Plain | undefined> {
    if ((inFlight.get(userId) ?? 0) >= KUBE_LIMITS.inFlight || !allowed(userId)) return TOO_MANY;
    inFlight.set(userId, (inFlight.get(userId) ?? 0) + 1);
    try {
      await fn();
    } finally {
      const n = (inFlight.get(userId) ?? 1) - 1;
      if (n <= 0) inFlight.delete(userId);
      else inFlight.set(userId, n);
    }
  }

  /** The learner's loaded cluster, a refusal, or (another instance holds it) where to relay. */
  async function session(grant: KubeTokenGrant): Promise<LiveSession | Plain | SessionBusyError> {
    try {
      const s = await deps.sessions.open(grant.userId, grant.courseSlug);
      return s.sessionId === grant.clusterId ? s : NOT_FOUND;
    } catch (err) {
      if (err instanceof SessionBusyError) return err;
      throw err;
    }
  }

  const busyAnswer = (err: SessionBusyError) => statusOf(503, "ServiceUnavailable", err.message, { "retry-after": "1" });

  /** Relays an admitted request to the instance holding the cluster; 503 when it cannot be reached. */
  async function relay(busy: SessionBusyError, a: Admitted, call: ApiCall, res: ServerResponse): Promise<void> {
    if (!busy.holderUrl || busy.holderUrl === deps.relay.instanceUrl) return write(res, busyAnswer(busy));
    const { grant } = a;
    const token = signRelayToken(
      deps.relay.key,
      { purpose: "kube", userId: grant.userId, clusterKey: grant.courseSlug, sessionId: grant.clusterId },
      clock.now(),
    );
    let end: () => void;
    try {
      end = await forwardKubeRequest({ holderUrl: busy.holderUrl, token, clusterId: grant.clusterId, ...call }, res);
    } catch {
      return write(res, busyAnswer(busy));
    }
    if (a.token) recheckWhileOpen(a.token, res, end);
  }

  /** An open stream ends when its token is revoked or the learner's Pro ends. */
  function recheckWhileOpen(token: string, res: ServerResponse, end: () => void): void {
    const recheck = setInterval(() => {
      void deps.verifyToken(token).then(
        (g) => (!g || !g.isPro) && end(),
        () => undefined,
      );
    }, recheckMs);
    recheck.unref();
    res.on("close", () => clearInterval(recheck));
  }

  function callOf(req: IncomingMessage, a: Admitted, body: Uint8Array): ApiCall {
    const headers: ApiCall["headers"] = {};
    for (const [k, v] of Object.entries(req.headersDistinct)) if (!DROPPED_HEADERS.has(k)) headers[k] = v && v.length === 1 ? v[0] : v;
    return { method: req.method ?? "GET", path: a.path, query: a.query, headers, body };
  }

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const a = await admit(req);
    if (!("grant" in a)) return write(res, a);
    const refused = await paced(a.grant.userId, async () => {
      const body = await readBodyBounded(req, deps.bodyLimit);
      if (body === null) return write(res, TOO_LARGE);
      const s = await session(a.grant);
      if (s instanceof SessionBusyError) return relay(s, a, callOf(req, a, body), res);
      if (isPlain(s)) return write(res, s);
      await answer(s, a, callOf(req, a, body), res);
    });
    if (refused) write(res, refused);
  }

  /**
   * A request another instance admitted and relays here: its relay token is checked before
   * anything else, and it is answered only from a cluster this instance holds, never relayed on.
   */
  async function serveRelayed(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const header = req.headers[RELAY_AUTH_HEADER];
    const claims = verifyRelayToken(deps.relay.key, typeof header === "string" ? header : undefined, "kube", clock.now());
    if (!claims) return write(res, UNAUTHORIZED);
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const m = RELAY_PATH_RE.exec(q < 0 ? url : url.slice(0, q));
    if (!m || m[1] !== claims.sessionId) return write(res, NOT_FOUND);
    const grant = { tokenId: "", userId: claims.userId, clusterId: claims.sessionId, courseSlug: claims.clusterKey, isPro: true };
    const a: Admitted = { grant, token: null, path: m[2] ?? "/", query: q < 0 ? "" : url.slice(q + 1) };
    const body = await readBodyBounded(req, deps.bodyLimit);
    if (body === null) return write(res, TOO_LARGE);
    const s = await session(grant);
    if (s instanceof SessionBusyError) return write(res, busyAnswer(s));
    if (isPlain(s)) return write(res, s);
    await answer(s, a, callOf(req, a, body), res);
  }

  async function answer(s: LiveSession, a: Admitted, call: ApiCall, res: ServerResponse): Promise<void> {
    let ended = false;
    const sink = {
      write: (chunk: string) => void (!ended && res.write(chunk)),
      end: () => {
        if (ended) return;
        ended = true;
        res.end();
      },
    };
    let reply;
    try {
      reply = await s.api.request(call, sink);
    } catch (err) {
      // the cluster was reloaded under the request (lease lost, worker restarted): nothing was committed
      if (err instanceof StaleSessionError) return write(res, RELOADED);
      throw err;
    }
    if (!("stream" in reply)) return write(res, reply);
    const id = reply.stream;
    res.writeHead(reply.status, { ...reply.headers, "cache-control": "no-store" });
    res.flushHeaders();
    if (a.token) recheckWhileOpen(a.token, res, sink.end);
    res.on("close", () => {
      ended = true;
      s.api.closeStream(id);
    });
  }

  /**
   * kubectl exec, attach and port-forward ask to switch to a streaming protocol. The cluster's
   * apiserver answers them (it serves no such stream: its Status says to use the browser
   * terminal), and that answer goes back as a plain HTTP response, which kubectl prints.
   */
  async function serveUpgrade(req: IncomingMessage, socket: Duplex): Promise<void> {
    const a = await admit(req);
    if (!("grant" in a)) return writeRaw(socket, a);
    const refused = await paced(a.grant.userId, async () => {
      const s = await session(a.grant);
      if (s instanceof SessionBusyError) return writeRaw(socket, busyAnswer(s)); // exec is refused anyway; not worth a relay
      if (isPlain(s)) return writeRaw(socket, s);
      const call = callOf(req, a, new Uint8Array());
      try {
        // a WebSocket upgrade is a GET, SPDY's a POST; both are authorized as "create" on the subresource
        const reply = await s.api.request({ ...call, method: "POST" }, { write: () => undefined, end: () => undefined });
        writeRaw(socket, "stream" in reply ? statusOf(400, "BadRequest", "not a stream") : reply);
      } catch (err) {
        if (err instanceof StaleSessionError) return writeRaw(socket, RELOADED);
        throw err;
      }
    });
    if (refused) writeRaw(socket, refused);
  }

  return {
    /** Whether a request is the gateway's (by path alone). */
    owns(url: string | undefined): boolean {
      return (url ?? "").startsWith(KUBE_PREFIX);
    },
    /** Whether a request is relayed from another instance (by path alone). */
    ownsRelayed(url: string | undefined): boolean {
      return (url ?? "").startsWith(KUBE_RELAY_PREFIX);
    },
    serveRelayed(req: IncomingMessage, res: ServerResponse): void {
      serveRelayed(req, res).catch((err: unknown) => {
        console.error("kube gateway (relayed):", err instanceof Error ? err.message : String(err));
        if (!res.headersSent) write(res, statusOf(500, "InternalError", "Internal error in the practice cluster's apiserver."));
        else res.end();
      });
    },
    serve(req: IncomingMessage, res: ServerResponse): void {
      serveHttp(req, res).catch((err: unknown) => {
        console.error("kube gateway:", err instanceof Error ? err.message : String(err));
        if (!res.headersSent) write(res, statusOf(500, "InternalError", "Internal error in the practice cluster's apiserver."));
        else res.end();
      });
    },
    upgrade(req: IncomingMessage, socket: Duplex): void {
      socket.on("error", () => socket.destroy());
      serveUpgrade(req, socket).catch((err: unknown) => {
        console.error("kube gateway:", err instanceof Error ? err.message : String(err));
        socket.destroy();
      });
    },
  };
}
