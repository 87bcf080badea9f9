/**
 * The learner's terminal preferences, remembered in this browser per learner (localStorage):
 * the lesson/terminal split, the font size, long lines (wrap or scroll sideways), screen-reader
 * mode and "Tab moves focus". Read through useTerminalPrefs(); the server render and the first
 * client render use the defaults, then the stored values apply (no hydration mismatch).
 * Anything stored that does not parse is ignored, field by field.
 */
import { useCallback, useSyncExternalStore } from "react";
// zod/mini: the same validation as the server's zod, at a fraction of the bundle a lesson page ships.
import * as z from "zod/mini";

export const FONT_SIZES = { min: 10, max: 22, default: 13 } as const;
/**
 * The terminal's share of the lesson page's width. The default gives 111 columns at 1440 px with
 * the default font, enough for `kubeadm certs check-expiration` (110) unwrapped and unscrolled.
 */
export const SPLIT = { min: 0.3, max: 0.8, default: 0.65, step: 0.02 } as const;

const prefsSchema = z.object({
  split: z.number().check(z.minimum(SPLIT.min), z.maximum(SPLIT.max)),
  fontSize: z.int().check(z.minimum(FONT_SIZES.min), z.maximum(FONT_SIZES.max)),
  wrap: z.boolean(),
  screenReader: z.boolean(),
  tabMovesFocus: z.boolean(),
});
export type TerminalPrefs = z.infer<typeof prefsSchema>;

export const DEFAULT_PREFS: TerminalPrefs = {
  split: SPLIT.default,
  fontSize: FONT_SIZES.default,
  wrap: false,
  screenReader: false,
  tabMovesFocus: false,
};

const storageKey = (owner: string) => `kubeyard:terminal:v1:${owner}`;

/** Parses what was stored, keeping each valid field and the default for the rest. */
export function parsePrefs(raw: string | null): TerminalPrefs {
  let json: unknown;
  try {
    json = raw ? JSON.parse(raw) : {};
  } catch {
    return DEFAULT_PREFS;
  }
  const out: TerminalPrefs = { ...DEFAULT_PREFS };
  if (!json || typeof json !== "object") return out;
  const shape = prefsSchema.shape;
  for (const key of Object.keys(shape) as (keyof TerminalPrefs)[]) {
    const r = shape[key].safeParse((json as Record<string, unknown>)[key]);
    if (r.success) (out as Record<keyof TerminalPrefs, unknown>)[key] = r.data;
  }
  return out;
}

const cache = new Map<string, TerminalPrefs>();
const listeners = new Set<() => void>();

function read(owner: string): TerminalPrefs {
  let hit = cache.get(owner);
  if (!hit) {
    let raw: string | null = null;
    try {
      raw = window.localStorage.getItem(storageKey(owner));
    } catch {
      // storage blocked (private mode, policy): the defaults hold for this page
    }
    hit = parsePrefs(raw);
    cache.set(owner, hit);
  }
  return hit;
}

function write(owner: string, patch: Partial<TerminalPrefs>): void {
  const next = parsePrefs(JSON.stringify({ ...read(owner), ...patch }));
  cache.set(owner, next);
  try {
    window.localStorage.setItem(storageKey(owner), JSON.stringify(next));
  } catch {
    // not remembered, but still applied on this page
  }
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key?.startsWith("kubeyard:terminal:")) {
      cache.clear();
      listener();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** `owner` is the learner's id: two learners sharing a browser keep their own layout. */
export function useTerminalPrefs(owner: string): [TerminalPrefs, (patch: Partial<TerminalPrefs>) => void] {
  const prefs = useSyncExternalStore(
    subscribe,
    () => read(owner),
    () => DEFAULT_PREFS,
  );
  const update = useCallback((patch: Partial<TerminalPrefs>) => write(owner, patch), [owner]);
  return [prefs, update];
}
