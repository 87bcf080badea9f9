/**
 * Route parameters of /api/courses/…: validated before any lookup (kebab-case ids, bounded), so
 * a hostile path never reaches the catalogue or the database.
 */
import { z } from "zod";
import { jsonError } from "@/lib/server/http/route";

const slug = z.string().min(1).max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);

export const courseParams = z.object({ course: slug });
export const lessonParams = z.object({ course: slug, lesson: slug });
export const quizParams = z.object({ course: slug, quizId: slug });
export const taskParams = z.object({ course: slug, taskId: slug });

export type RouteCtx<P> = { params: Promise<P> };

/** Parses the route's params; a 404 Response when they cannot name anything. */
export async function parseParams<S extends z.ZodType>(schema: S, ctx: RouteCtx<unknown>): Promise<z.infer<S> | Response> {
  const parsed = schema.safeParse(await ctx.params);
  return parsed.success ? parsed.data : jsonError(404, "Not found.");
}

export const NO_STORE = { "Cache-Control": "no-store" } as const;
