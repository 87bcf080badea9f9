/**
 * The client's address as route handlers see it: the custom server (server/index.ts) overwrites
 * this header on every request with the socket peer, or the last X-Forwarded-For hop under
 * TRUST_PROXY (server/client-ip.ts), so a client-sent value never reaches a handler.
 */
import "server-only";

export const CLIENT_IP_HEADER = "x-kubeyard-client-ip";

export function clientIpOf(headers: Headers): string | null {
  return headers.get(CLIENT_IP_HEADER);
}
