/**
 * Lesson page benchmark (issue 5): starts the real production server on a throwaway embedded
 * PostgreSQL, signs a learner in, and requests a lesson page N times in a row. Prints response
 * time p50/p99 (signed in and signed out) and the page weight: HTML, JavaScript and CSS bytes a
 * browser downloads for the page (uncompressed and gzip), scripts found in the HTML and the chunks
 * they name. Needs a production build (`npm run build`).
 *
 *   npm run bench:lesson [-- requests=200] [lesson path]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { startEmbeddedPostgres } from "../lib/server/db/embedded";
import { applyMigrations } from "../lib/server/db/migrate";
import { HttpClient } from "../test/http-client";
import { freePort, startTestServer } from "../test/server";

const N = Number(process.argv[2]) > 0 ? Number(process.argv[2]) : 200;
const PATH = process.argv[3] ?? "/courses/kubernetes-pki/how-kubernetes-uses-tls";

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function timeRequests(url: string, headers: Record<string, string>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await (await fetch(url, { headers })).text(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.text();
    xs.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  }
  return xs;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "kubeyard-bench-lesson-"));
  const pg = await startEmbeddedPostgres({ dataDir: join(dir, "pg"), port: await freePort(), password: "bench" });
  await applyMigrations(pg.url);
  const server = await startTestServer({ databaseUrl: pg.url });
  try {
    const learner = new HttpClient(server.url);
    const email = `lesson-bench-${Date.now()}@bench.test`;
    await learner.postJson("/api/auth/sign-up", { email, password: "bench passphrase long" });
    if ((await learner.signIn(email, "bench passphrase long")) !== null) throw new Error("sign-in failed");

    const url = `${server.url}${PATH}`;
    const signedIn = await timeRequests(url, { cookie: learner.cookieHeader() });
    const anonymous = await timeRequests(url, {});
    console.log(`lesson page ${PATH}, ${N} sequential requests each, production build, node ${process.version}`);
    console.log(`  signed in : p50 ${pct(signedIn, 50).toFixed(1)} ms, p99 ${pct(signedIn, 99).toFixed(1)} ms`);
    console.log(`  signed out: p50 ${pct(anonymous, 50).toFixed(1)} ms, p99 ${pct(anonymous, 99).toFixed(1)} ms`);

    const html = await (await fetch(url, { headers: { cookie: learner.cookieHeader() } })).text();
    // `noModule` scripts (legacy polyfills) are never downloaded by a modern browser.
    const tags = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"[^>]*>/g)];
    const legacy = new Set(tags.filter((m) => /noModule/i.test(m[0])).map((m) => m[1]));
    const scripts = [...new Set(tags.map((m) => m[1]))].filter((src) => !legacy.has(src));
    const styles = [
      ...new Set(
        [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<link[^>]+href="([^"]+\.css)"/g)].map((m) => m[1] ?? m[2]),
      ),
    ];
    // Chunks the page loads later are named in the flight data (the I[...] rows): count them too.
    const flightChunks = [...new Set([...html.matchAll(/\/_next\/static\/chunks\/[A-Za-z0-9_.~-]+\.js/g)].map((m) => m[0]))];
    const jsUrls = [...new Set([...scripts, ...flightChunks])].filter((src) => !legacy.has(src));
    let js = 0,
      jsGz = 0,
      css = 0,
      cssGz = 0;
    const files: [string, number][] = [];
    for (const src of jsUrls) {
      const body = Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer());
      js += body.length;
      jsGz += gzipSync(body).length;
      files.push([`${src}${body.includes("xterm") ? " (xterm)" : ""}`, body.length]);
    }
    for (const href of styles) {
      const body = Buffer.from(await (await fetch(new URL(href, server.url))).arrayBuffer());
      css += body.length;
      cssGz += gzipSync(body).length;
    }
    const htmlBytes = Buffer.byteLength(html);
    const htmlGz = gzipSync(html).length;
    console.log(`  page weight (signed-in learner without Pro, so no terminal):`);
    console.log(`    HTML ${kb(htmlBytes)} (${kb(htmlGz)} gzip)`);
    console.log(`    JS   ${kb(js)} (${kb(jsGz)} gzip) in ${jsUrls.length} files`);
    console.log(`    CSS  ${kb(css)} (${kb(cssGz)} gzip) in ${styles.length} files`);
    console.log(`    total ${kb(htmlBytes + js + css)} (${kb(htmlGz + jsGz + cssGz)} gzip)`);
    console.log(`  largest scripts:`);
    for (const [name, size] of files.sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`    ${kb(size).padStart(10)}  ${name}`);
  } finally {
    await server.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
