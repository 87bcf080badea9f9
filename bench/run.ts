/**
 * `npm run bench`: every benchmark in turn, each in its own process, printing its figures.
 * Benchmarks print numbers; they never pass or fail on them. The server benchmarks need a
 * production build (`npm run build`).
 *
 *   npm run bench [-- --quick]
 */
import { spawnSync } from "node:child_process";

const quick = process.argv.includes("--quick");
const benches: [string, string[]][] = [
  ["simulator", ["bench/sim.ts", ...(quick ? ["--quick"] : [])]],
  ["terminal over WebSocket", ["bench/ws-load.ts", ...(quick ? ["1", "50"] : ["1", "100", "500"])]],
  ["terminal relayed between instances", ["bench/relay.ts", quick ? "60" : "300"]],
  ["lesson page", ["bench/lesson-page.ts", quick ? "50" : "200"]],
  ["admin analytics", ["bench/analytics.ts", ...(quick ? ["--learners", "1000", "--attempts", "50000"] : [])]],
  ["isolation between learners", ["bench/isolation.ts", "--samples", quick ? "30" : "100"]],
];

let failed = 0;
for (const [name, args] of benches) {
  console.log(`\n=== ${name} ===`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--import", "./server/server-only.mjs", ...args], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`(${name} did not finish: exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
