/**
 * The lab analytics pages' URL parts, validated (zod). A bad part is a 404, never a query.
 * Kinds appear in URLs in lower case ("task", "scenario").
 */
import "server-only";
import { z } from "zod";
import type { LabUnitKind } from "./lab-record";
import type { LabUnitRef } from "./lab-timeline";

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
const unitId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/);
const userId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const KINDS = { task: "TASK", scenario: "SCENARIO" } as const satisfies Record<string, LabUnitKind>;

export const kindInUrl = (kind: LabUnitKind): string => kind.toLowerCase();
/** own keys only: `constructor` or `toString` in a URL is not a kind */
const kindFromUrl = (v: string | undefined): LabUnitKind | undefined =>
  v !== undefined && Object.hasOwn(KINDS, v) ? (KINDS as Record<string, LabUnitKind>)[v] : undefined;

export function parseUnitRef(p: { course: string; kind: string; unit: string }): LabUnitRef | null {
  const course = slug.safeParse(p.course);
  const unit = unitId.safeParse(decodeURIComponent(p.unit));
  const kind = kindFromUrl(p.kind);
  if (!course.success || !unit.success || !kind) return null;
  return { courseSlug: course.data, kind, unitId: unit.data };
}

export function parseUserId(id: string): string | null {
  const r = userId.safeParse(id);
  return r.success ? r.data : null;
}

export function parseCourseFilter(params: Record<string, string | string[] | undefined>): string | undefined {
  const v = Array.isArray(params.course) ? params.course[0] : params.course;
  const r = slug.safeParse(v);
  return r.success ? r.data : undefined;
}

/** `?kind=task` or `?kind=scenario`; anything else is no filter. */
export function parseKindFilter(params: Record<string, string | string[] | undefined>): LabUnitKind | undefined {
  const v = Array.isArray(params.kind) ? params.kind[0] : params.kind;
  return kindFromUrl(v);
}

export function parsePage(params: Record<string, string | string[] | undefined>): number {
  const v = Number(Array.isArray(params.page) ? params.page[0] : params.page);
  return Number.isInteger(v) && v >= 0 && v <= 10_000 ? v : 0;
}

export const unitPath = (u: LabUnitRef) => `/admin/lab/${u.courseSlug}/${kindInUrl(u.kind)}/${encodeURIComponent(u.unitId)}`;
