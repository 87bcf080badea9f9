// @ts-check

/**
 * Next.js configuration. Kubeyard runs a custom server (server/index.ts calls `next({ dev })`),
 * so the build uses the default output (no "standalone").
 *
 * Security headers (CSP with a per-request nonce, HSTS, frame options…) are NOT set here: the
 * custom server sets them on every response, see lib/server/http/security-headers.ts.
 *
 * @type {import("next").NextConfig}
 */
const nextConfig = {
  // NEXT_DIST_DIR lets two builds coexist in one checkout (e.g. a test run beside a dev build);
  // `npm start` and `npm test` use the default.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  // Type checking is its own step (`npm run typecheck`, first in `npm test`); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
