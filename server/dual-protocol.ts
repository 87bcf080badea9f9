/**
 * One port, two protocols, for a site served over plain http (lib/server/http/local-tls.ts says
 * why): a connection whose first byte is a TLS handshake record (0x16) is wrapped in TLS with the
 * local certificate, anything else is plain HTTP; both are handed to the same HTTP server, so
 * pages, the terminal's WebSocket and the learner's own kubectl keep one origin host and port.
 * An HTTP request never starts with 0x16 (a method is ASCII letters).
 */
import type { Server as HttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";
import { createSecureContext, TLSSocket } from "node:tls";
import type { LocalTls } from "../lib/server/http/local-tls";

const TLS_HANDSHAKE = 0x16;
/** a client that connects and says nothing is dropped after this long (HTTP's own timeouts start after) */
const FIRST_BYTE_TIMEOUT_MS = 30_000;

export function dualProtocolListener(http: HttpServer, tls: LocalTls): Server {
  const context = createSecureContext({ cert: tls.certPem, key: tls.keyPem, minVersion: "TLSv1.2" });
  return createServer({ pauseOnConnect: true, noDelay: true }, (socket: Socket) => {
    socket.on("error", () => socket.destroy());
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.once("readable", () => {
      const first: Buffer | null = socket.read(1) as Buffer | null;
      socket.setTimeout(0);
      if (first === null) return void socket.destroy();
      socket.unshift(first);
      if (first[0] !== TLS_HANDSHAKE) return void http.emit("connection", socket);
      const secure = new TLSSocket(socket, { isServer: true, secureContext: context, ALPNProtocols: ["http/1.1"] });
      secure.on("error", () => secure.destroy());
      http.emit("connection", secure);
    });
    socket.resume();
  });
}
