/**
 * limit/continue for lists (kubectl get asks with limit=500). The continue token is opaque to
 * clients; like the apiserver's (staging/src/k8s.io/apiserver/pkg/storage/continue.go) it is
 * base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"<key after the last item>"}, with the key
 * namespace/name in the store's order.
 */
import { badRequest } from "../status";
import type { KList, KObject, Status } from "../types";

const keyOf = (o: KObject) => `${o.metadata.namespace ?? ""}/${o.metadata.name}`;

export function decodeContinue(token: string): { after: string } | Status {
  try {
    const c = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { v?: unknown; start?: unknown };
    if (c.v !== "meta.k8s.io/v1" || typeof c.start !== "string") throw new Error("bad");
    return { after: c.start };
  } catch {
    return badRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
  }
}

function encodeContinue(rv: string, after: string): string {
  return Buffer.from(JSON.stringify({ v: "meta.k8s.io/v1", rv: Number(rv), start: after })).toString("base64");
}

/** The items after `after` (a key; "" for the start), at most `limit`, with the list metadata for what remains. */
export function page(
  items: KObject[],
  after: string,
  limit: number | undefined,
  rv: string,
): { items: KObject[]; meta: Partial<KList["metadata"]> } {
  const rest = after ? items.filter((o) => keyOf(o) > after) : items;
  if (limit === undefined || rest.length <= limit) return { items: rest, meta: {} };
  const taken = rest.slice(0, limit);
  return { items: taken, meta: { continue: encodeContinue(rv, keyOf(taken[taken.length - 1])), remainingItemCount: rest.length - limit } };
}
