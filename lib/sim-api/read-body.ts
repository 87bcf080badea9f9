/**
 * A request body read whole, never more than `limit` bytes: past it the request is destroyed and
 * the answer is null (the caller answers 413). Shared by the transports in front of the simulated
 * apiserver: `npm run sim:api` (lib/sim-api/server.ts) and the app's /k8s/ gateway.
 */
import type { IncomingMessage } from "node:http";

export function readBodyBounded(req: IncomingMessage, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
