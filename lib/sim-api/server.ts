/**
 * The simulated cluster's API over TLS on 127.0.0.1, for real kubectl (`npm run sim:api`, the
 * conformance suite). The transport only: TLS with the cluster's own apiserver certificate and
 * key (from the node's /etc/kubernetes/pki), client certificates requested and handed to the
 * simulator's x509 authentication at the cluster's clock, bodies read, and the pure handler of
 * lib/sim/api/http answering. Requests run one at a time, as commands do on a cluster. Streams
 * (watches as chunked JSON lines, `kubectl logs -f` as chunked text) are pumped after every
 * request and once a second.
 * Nothing here starts a process or evaluates anything a client sends.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { authenticateCertificate, CLIENT_CA_PATH, derToPem } from "../sim/api/http/authn";
import { handle } from "../sim/api/http/handler";
import { clusterHost, type ClusterSource } from "../sim/api/http/host";
import { readBodyBounded } from "./read-body";
import { isWatch, type ApiHost, type HttpRequest, type WatchStream } from "../sim/api/http/types";

const SERVING_CERT = "/etc/kubernetes/pki/apiserver.crt";
const SERVING_KEY = "/etc/kubernetes/pki/apiserver.key";
const ADMIN_CONF = "/etc/kubernetes/admin.conf";
/** the apiserver's default --max-request-bytes is larger; 3 MiB is etcd's object limit */
const MAX_BODY = 3 * 1024 * 1024;

export interface SimApiOptions {
  cluster: ClusterSource;
  /** 0: any free port */
  port: number;
  /** called after a request changed the cluster (save it) */
  saved?: () => void;
}

export interface SimApi {
  port: number;
  host: ApiHost;
  /** a kubeconfig (YAML) from the cluster's admin.conf that points at this server */
  kubeconfig(): string;
  close(): Promise<void>;
}

function readFile(cluster: ClusterSource, path: string): string {
  const r = cluster.vfs.readFile(path);
  if (!r.ok) throw new Error(`${path}: ${r.error}`);
  return r.value;
}

/** admin.conf with its server replaced by this listener; the certificate has no 127.0.0.1 SAN, so the TLS name is "kubernetes". */
export function kubeconfigFor(adminConf: string, port: number): string {
  const doc = parseYaml(adminConf) as { clusters?: { cluster?: Record<string, unknown> }[] };
  for (const c of doc.clusters ?? []) {
    if (!c.cluster) continue;
    c.cluster.server = `https://127.0.0.1:${port}`;
    c.cluster["tls-server-name"] = "kubernetes";
  }
  return stringifyYaml(doc, { lineWidth: 0 });
}

export async function startSimApi(opts: SimApiOptions): Promise<SimApi> {
  const cluster = opts.cluster;
  const host = clusterHost(cluster, opts.saved ? { saved: opts.saved } : {});
  const watches = new Map<WatchStream, ServerResponse>();
  let queue: Promise<unknown> = Promise.resolve();

  const pump = () => {
    for (const [w, res] of watches) {
      for (const line of w.take()) res.write(line);
      if (w.done) {
        watches.delete(w);
        res.end();
      }
    }
  };

  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBodyBounded(req, MAX_BODY);
    if (body === null) {
      res.writeHead(413, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Failure",
          message: "Request entity too large",
          reason: "RequestEntityTooLarge",
          code: 413,
        }),
      );
      return;
    }
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const peer = (req.socket as TLSSocket).getPeerCertificate?.();
    const certPem = peer && peer.raw ? derToPem(peer.raw) : undefined;
    const ca = cluster.vfs.readFile(CLIENT_CA_PATH);
    const request: HttpRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      headers: req.headersDistinct,
      body,
      user: authenticateCertificate(certPem, ca.ok ? ca.value : undefined, cluster.now()),
    };
    const result = await handle(host, request);
    if (isWatch(result)) {
      res.writeHead(result.status, result.headers);
      // the apiserver answers a watch at once and streams events after
      res.flushHeaders();
      watches.set(result.watch, res);
      res.on("close", () => watches.delete(result.watch));
    } else {
      res.writeHead(result.status, {
        ...result.headers,
        "content-length": typeof result.body === "string" ? Buffer.byteLength(result.body) : result.body.length,
      });
      res.end(result.body);
    }
    pump();
  };

  const server: Server = createServer(
    {
      key: readFile(cluster, SERVING_KEY),
      cert: readFile(cluster, SERVING_CERT),
      // ask for a client certificate issued by the cluster CA; verification is the simulator's, at the cluster's clock
      ca: readFile(cluster, CLIENT_CA_PATH),
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const run = queue.then(() => serve(req, res));
      queue = run.catch(() => undefined);
      run.catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end(`internal error: ${e instanceof Error ? e.message : String(e)}\n`);
      });
    },
  );
  const timer = setInterval(() => {
    queue = queue.then(pump).catch(() => undefined);
  }, 1000);
  timer.unref();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    host,
    kubeconfig: () => kubeconfigFor(readFile(cluster, ADMIN_CONF), port),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        for (const res of watches.values()) res.end();
        watches.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
