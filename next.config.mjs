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
  reactStrictMode: true,
  // Type checking is its own step (`npm run typecheck`, first in `npm test`); the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
