import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);

/**
 * End-to-end tests in Debian's chromium (never a downloaded browser: nothing but npm and Debian
 * is reachable), against a production build served by `scripts/run.mjs e2e-server`, which starts
 * a throwaway embedded PostgreSQL.
 */
export default defineConfig({
  testDir: "./e2e",
  // One test at a time: the server, chromium and the tests share two cores, so a second worker only
  // made each test slower (CI: 637.8 s with two workers against 629.9 s with one), and the lab
  // analytics spec counts exact learner deltas that another file's learner would disturb.
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    // The README's screenshots (e2e/screenshots.ts), only on request: SCREENSHOTS=before|after.
    ...(process.env.SCREENSHOTS
      ? [{ name: "screenshots", testMatch: /screenshots\.ts$/, use: { ...devices["Desktop Chrome"], channel: undefined } }]
      : []),
  ],
  webServer: {
    command: "node scripts/run.mjs e2e-server",
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(port) },
  },
});
