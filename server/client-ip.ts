import type { IncomingMessage } from "node:http";

/**
 * The client's address: the socket peer, or with TRUST_PROXY the last X-Forwarded-For hop (the
 * one our own proxy appended). A client-supplied header never changes the key (security.md A5).
 */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const xff = req.headers["x-forwarded-for"];
    const last = (Array.isArray(xff) ? xff.join(",") : (xff ?? ""))
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .pop();
    if (last) return last;
  }
  return (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
}
