// GET /api/admin/analytics/quiz.csv?course=&lesson=&from=&to=&flag=&sort=&dir= – the quiz
// analytics table exactly as the page shows it for the same search params. Admins only (404 otherwise).
import { loadContentIndex } from "@/lib/server/admin/content-index";
import { quizAnalyticsCsv } from "@/lib/server/analytics/csv";
import { parseQuizFilter } from "@/lib/server/analytics/params";
import { quizAnalytics } from "@/lib/server/analytics/quiz";
import { guardedGet } from "@/lib/server/http/route";

export const dynamic = "force-dynamic";

export const GET = guardedGet({ access: "admin" }, async ({ req }) => {
  const filter = parseQuizFilter(new URL(req.url).searchParams);
  const { rows } = await quizAnalytics(filter, await loadContentIndex());
  const stamp = new Date().toISOString().slice(0, 10);
  const name = `kubeyard-quiz-analytics${filter.course ? `-${filter.course}` : ""}${filter.lesson ? `-${filter.lesson}` : ""}-${stamp}.csv`;
  return new Response("\uFEFF" + quizAnalyticsCsv(rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
