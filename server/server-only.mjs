/**
 * `server-only` outside Next.js. lib/server modules start with `import "server-only"`: in Next's
 * bundles that import resolves through the package's `react-server` export condition (route
 * handlers, server components: an empty module) or, from a client component, to a module that
 * throws, so the build fails if a browser bundle ever pulls in server code. Outside Next — this
 * custom server, scripts and benchmarks run by tsx — there is no browser bundle to protect and
 * no `react-server` condition (setting it process-wide would also switch React to its server
 * build, which Next's renderer cannot use), so this resolve hook maps the one package to its
 * empty module. Load it with `node --import ./server/server-only.mjs` (vitest uses an alias).
 */
import { register } from "node:module";

register("./server-only-resolve.mjs", import.meta.url);
