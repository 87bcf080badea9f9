import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Integration files that measure one learner's effect on another (latency under a key-generation
 * storm, a flood, lease hand-over timing): they run one at a time on an otherwise idle machine,
 * after the others (`npm test` runs this project on its own).
 */
const ALONE = ["test/ws/isolation.int.test.ts", "test/ws/limits.int.test.ts", "test/ws/instances.int.test.ts"];

const UNIT = ["lib/**/*.test.ts", "server/**/*.test.ts", "scripts/**/*.test.ts", "content/**/*.test.ts", "app/**/*.test.ts"];
/**
 * Unit files that replace modules (vi.mock) or the environment (vi.stubEnv): they get a module
 * graph of their own. Every other unit file shares its worker's modules with the files before it
 * (isolate: false), so lib/sim is loaded once per worker instead of once per file (CI: 96 s of
 * 282 s were module imports).
 */
const UNIT_MOCKING = ["lib/sim/simulator.test.ts", "lib/sim/cluster/create.test.ts", "lib/testing/oracles.test.ts"];

export default defineConfig({
  // `server-only` outside Next resolves to its empty module (server/server-only.mjs explains why).
  resolve: { alias: { "@": root, "server-only": `${root}node_modules/server-only/empty.js` } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: UNIT,
          exclude: ["**/*.int.test.ts", "node_modules/**", ...UNIT_MOCKING],
          isolate: false,
          // shared modules keep module-level state between files: the test clock starts anew for each
          setupFiles: ["./lib/sim/kinds/__tests__/setup-clock.ts"],
          environment: "node",
          testTimeout: 30_000,
          // beforeAll hooks build whole clusters (PKI included): seconds each, more on a loaded machine
          hookTimeout: 60_000,
          // Both cores (vitest's default leaves one for itself): the longest files mostly wait for
          // oracle processes (real vim in tmux, real kubectl), which the other core can serve.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "unit-mocking",
          include: UNIT_MOCKING,
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // the same as unit's: vitest runs the two projects in one group, which needs one width
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ...ALONE],
          environment: "node",
          globalSetup: ["./test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // Two files at a time: each has its own database and server, and most of their time is
          // spent waiting on sockets, PostgreSQL and the servers' timers.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "integration-alone",
          include: ALONE,
          environment: "node",
          globalSetup: ["./test/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
