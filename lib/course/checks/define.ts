/**
 * What every task check is made of: its props (a zod schema, validated when the content is
 * parsed and again before it runs) and a function from a read-only view of the cluster to a
 * verdict with a sentence a learner can act on.
 */
import { z } from "zod";
import { ClusterQuery } from "../../sim/query";
import type { ClusterState } from "../../sim/types";
import type { CheckResult } from "../types";

/** What a check needs from a cluster: a SimEngine or Simulator satisfies it. */
export interface CheckTarget {
  readonly state: ClusterState;
  /** cluster clock, epoch ms */
  now(): number;
}

/** A settled copy of the learner's cluster: nothing a check does can reach the cluster itself. */
export interface View {
  q: ClusterQuery;
  now: number;
  read(path: string): { ok: true; text: string } | { ok: false; why: string };
}

export async function viewOf(sim: CheckTarget): Promise<View> {
  const q = await ClusterQuery.settled(sim.state, sim.now());
  return { q, now: q.now, read: (path) => q.readFile(path) };
}

export interface CheckDef<S extends z.ZodType> {
  props: S;
  run(v: View, p: z.infer<S>): CheckResult;
}

/** Keeps a check's props and its function typed together. */
export function defineCheck<S extends z.ZodType>(def: CheckDef<S>): CheckDef<S> {
  return def;
}

export const pass = (detail: string): CheckResult => ({ passed: true, detail });
export const fail = (detail: string): CheckResult => ({ passed: false, detail });

export const absPath = z
  .string({ error: "must be a string" })
  .min(1, "must not be empty")
  .refine((p) => p.startsWith("/"), "must be an absolute path");
export const name = z.string({ error: "must be a string" }).min(1, "must not be empty");
/** A namespace prop: defaults to `default`, as kubectl's does. */
export const namespace = name.optional().transform((n) => n ?? "default");
/** A count prop, written as a string in MDX (`count="3"`). */
export const count = z
  .string({ error: "must be a string" })
  .regex(/^[1-9]\d{0,3}$/, "must be a whole number from 1 to 9999")
  .transform(Number);

/** "1 pod", "3 pods" */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
