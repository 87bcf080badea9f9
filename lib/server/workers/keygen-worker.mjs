// Bootstrap of a keygen worker thread: TypeScript (tsx) and the server-only mapping
// (server/server-only.mjs) are registered per thread, then the worker's entry is imported.
import { register } from "tsx/esm/api";
import "../../../server/server-only.mjs";

register();
await import("./keygen-main.ts");
