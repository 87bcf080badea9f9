/** Resolve hook registered by server-only.mjs: `server-only` → its empty module (see there why). */
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  const resolved = await nextResolve(specifier, context);
  return { ...resolved, url: new URL("./empty.js", resolved.url).href, shortCircuit: true };
}
