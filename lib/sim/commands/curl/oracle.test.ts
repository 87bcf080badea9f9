/**
 * The simulated curl against real curl 7.88: the same bytes served (what the simulated nginx pod
 * answers, written by a local TCP server), the same closed port, the same unknown name; stdout,
 * stderr and the exit code must match once the address, the Date header and the progress meter's
 * figures (timings) are normalised.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireOracle } from "../../../testing/oracles";
import { baseCluster, DEPLOYMENT, manifest } from "../../controllers/__tests__/harness";
import { SimEngine } from "../../core/sim-engine";
import { DeterministicKeySource } from "../../keys/deterministic-key-source";
import { commands } from "../registry";

const CURL = requireOracle("curl");
const NC = requireOracle("nc");

let engine: SimEngine;
const clock = { t: 0 };
let podIp = "";
let server: Server;
let port = 0;
let closedPort = 0;
let raw = "";

async function sim(line: string) {
  const r = await engine.exec(line);
  return r;
}

beforeAll(async () => {
  const state = structuredClone(await baseCluster());
  clock.t = state.createdAt + 60_000;
  engine = new SimEngine(state, { clock: { now: () => clock.t }, keys: new DeterministicKeySource(3) }, commands);
  await engine.exec(manifest("web", DEPLOYMENT("web", "nginx", 1)));
  await engine.exec("kubectl apply -f web.yaml");
  clock.t += 30_000;
  podIp = (await engine.exec("kubectl get pods -l app=web -o jsonpath='{.items[0].status.podIP}'")).output.trim();
  // the simulated server's answer, byte for byte, is what the real one sends
  const head = (await engine.exec(`curl -sI http://${podIp}/ > /tmp/h; cat /tmp/h`)).output;
  const body = (await engine.exec(`curl -s http://${podIp}/`)).output;
  raw = head + body;
  server = createServer((sock) => {
    let req = "";
    sock.on("data", (d) => {
      req += d.toString("latin1");
      if (!req.includes("\r\n\r\n")) return;
      sock.end(req.startsWith("HEAD ") ? head : req.startsWith("GET /nosuch") ? NOT_FOUND : raw);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as { port: number }).port;
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  closedPort = (closed.address() as { port: number }).port;
  await new Promise((r) => closed.close(r));
}, 120_000);

afterAll(() => server?.close());

const NOT_FOUND =
  "HTTP/1.1 404 Not Found\r\nServer: nginx/1.27.3\r\nDate: Mon, 30 Nov 2026 12:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 153\r\nConnection: keep-alive\r\n\r\n<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n";

function run(line: string): Promise<{ stdout: string; stderr: string; status: number | null }> {
  return new Promise((resolve) => {
    const p = spawn("bash", ["-c", line], { cwd: "/tmp" });
    let stdout = "";
    let stderr = "";
    p.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    p.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    p.on("close", (status) => resolve({ stdout, stderr, status }));
  });
}

function normalise(text: string, ip: string, p: number): string {
  return text
    .replaceAll(`${ip} port ${p}`, "H port P")
    .replaceAll(`${ip}:${p}`, "H:P")
    .replaceAll(`Host: ${ip}\r`, `Host: H:P\r`)
    .replaceAll(`${ip} (${ip}) port ${p}`, "H (H) port P")
    .replaceAll(ip, "H")
    .replace(/Date: [^\r\n]+/g, "Date: D")
    .replace(/after \d+ ms/g, "after N ms")
    .replace(/(Dload {2}Upload[^\n]*\n)[^\n]*\n/g, "$1<meter>\n");
}

// lines as learners type them; {u} is the served URL, {c} a closed port, {p} the path prefix
const LINES = [
  "curl -s {u}/",
  "curl {u}/ | head -3",
  "curl -sI {u}/",
  "curl -si {u}/ | head -4",
  "curl -s -o /dev/null -w '%{http_code}\\n' {u}/",
  "curl -s -o page.html {u}/ && wc -c page.html",
  "curl -o page.html {u}/",
  "curl -sv {u}/ > /dev/null",
  "curl -sf {u}/nosuch",
  "curl -sSf {u}/nosuch",
  "curl -s {u}/nosuch",
  "curl -s -w '%{http_code}' {u}/nosuch -o /dev/null",
  "curl -sS {c}",
  "curl -s {c}",
  "curl {c}",
  "curl -sSv {c}",
  "curl -s -w '%{http_code}\\n' {c}",
  "curl -sS http://web.nosuch.invalid/",
  "curl",
  "curl -X",
  "curl --nosuch {u}/",
  "curl --max-time=3 {u}/",
  "curl -sS ftp2://x",
  "curl -sS http://127.0.0.1:99999/",
];

describe.skipIf(!CURL)("curl against real curl 7.88", () => {
  for (const line of LINES)
    it(line, async () => {
      // asynchronously: the served bytes come from this process's event loop
      const real = await run(line.replaceAll("{u}", `http://127.0.0.1:${port}`).replaceAll("{c}", `http://127.0.0.1:${closedPort}/`));
      const simLine = line.replaceAll("{u}", `http://${podIp}`).replaceAll("{c}", `http://${podIp}:8080/`);
      // stdout is a file on both sides, as it is a pipe for the real one (the progress meter shows)
      const ours = await sim(`cd /tmp; { ${simLine} ; } >/tmp/out 2>/tmp/err; r=$?; cat /tmp/out; echo "rc=$r"; cat /tmp/err`);
      const want = `${normalise(real.stdout, "127.0.0.1", line.includes("{c}") ? closedPort : port)}rc=${real.status}\n${normalise(real.stderr, "127.0.0.1", line.includes("{c}") ? closedPort : port)}`;
      expect(normalise(ours.output, podIp, line.includes("{c}") ? 8080 : 80)).toBe(want);
    });
});

// netcat-openbsd's port checks against the same open and closed ports
const NC_LINES = ["nc -zv {h} {p}", "nc -z {h} {p}; echo $?", "nc -zv {h} {c}", "nc -z {h} {c}", "nc -zv nosuch.invalid 80"];

describe.skipIf(!NC)("nc against real netcat-openbsd", () => {
  for (const line of NC_LINES)
    it(line, async () => {
      const real = await run(line.replaceAll("{h}", "127.0.0.1").replaceAll("{p}", String(port)).replaceAll("{c}", String(closedPort)));
      const ours = await sim(
        `{ ${line.replaceAll("{h}", podIp).replaceAll("{p}", "80").replaceAll("{c}", "8080")} ; } >/tmp/out 2>/tmp/err; r=$?; cat /tmp/out; echo "rc=$r"; cat /tmp/err`,
      );
      const norm = (t: string, ip: string, p: number, c: number) =>
        t
          .replaceAll(`${ip} ${p} port [tcp/${p === 80 ? "http" : "*"}]`, "H P port [tcp/S]")
          .replaceAll(`port ${c}`, "port C")
          .replaceAll(ip, "H");
      expect(norm(ours.output, podIp, 80, 8080)).toBe(
        norm(`${real.stdout}rc=${real.status}\n${real.stderr}`, "127.0.0.1", port, closedPort),
      );
    });
});
