/**
 * What nginx in front costs and what a second instance buys: two production instances on a
 * throwaway embedded PostgreSQL behind nginx with the shipped config (test/deploy/balancer.ts),
 * then the same requests sent to one instance directly (plain http) and through the balancer
 * (https, round-robin over both). Prints p50/p99 of sequential requests and requests/s with
 * several in flight. Needs a production build (`npm run build`) and nginx (`apt-get install nginx`).
 *
 *   npm run bench:balancer -- [requests=400]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { startEmbeddedPostgres } from "../lib/server/db/embedded";
import { applyMigrations } from "../lib/server/db/migrate";
import { oracle } from "../lib/testing/oracles";
import { startBalancer } from "../test/deploy/balancer";
import { freePort, startTestServer } from "../test/server";

const N = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 400;
const LESSON = "/courses/kubernetes-pki/how-kubernetes-uses-tls";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function get(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return performance.now() - t0;
}

async function sequential(url: string, n: number): Promise<string> {
  for (let i = 0; i < 10; i++) await get(url); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await get(url));
  return `p50 ${pct(xs, 50).toFixed(1)} ms, p99 ${pct(xs, 99).toFixed(1)} ms`;
}

async function concurrent(url: string, n: number, inFlight: number): Promise<string> {
  let left = n;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (left-- > 0) await get(url);
    }),
  );
  return `${((n / (performance.now() - t0)) * 1000).toFixed(0)} req/s`;
}

async function main() {
  const nginx = oracle("nginx");
  if (!nginx) throw new Error("nginx is not installed (apt-get install -y nginx)");
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-bench-balancer-"));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: await freePort(), password: "bench" });
  await applyMigrations(pg.url);
  const [port, redirectPort, ...instancePorts] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const balancer = await startBalancer({ nginx, port, redirectPort, instancePorts });
  const env = { APP_URL: balancer.url, TRUST_PROXY: "true" };
  const instances = await Promise.all(instancePorts.map((p) => startTestServer({ databaseUrl: pg.url, port: p, env })));
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // nginx's self-signed certificate (see the test)
  try {
    const direct = instances[0].url;
    console.log(
      `balancer bench: ${N} requests per row, node ${process.version}, ${availableParallelism()} cores, ` +
        `load average ${loadavg()[0].toFixed(1)} at start`,
    );
    for (const [name, path, inFlight] of [
      ["GET /api/health", "/api/health", 16],
      [`GET ${LESSON} (signed out)`, LESSON, 8],
    ] as const) {
      console.log(`${name}`);
      console.log(
        `  one instance, direct (http)      : ${await sequential(direct + path, N)}; ${await concurrent(direct + path, N, inFlight)} with ${inFlight} in flight`,
      );
      console.log(
        `  nginx over two instances (https) : ${await sequential(balancer.url + path, N)}; ${await concurrent(balancer.url + path, N, inFlight)} with ${inFlight} in flight`,
      );
    }
    console.log(`load average ${loadavg()[0].toFixed(1)} at the end`);
  } finally {
    await Promise.all(instances.map((s) => s.stop()));
    await balancer.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
