import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardBody, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { requireAdmin } from "@/lib/server/auth/session";
import { loadContentIndex } from "@/lib/server/admin/content-index";
import { userDetail } from "@/lib/server/admin/users";
import { listAudit } from "@/lib/server/audit/audit";
import { date, dateTime, int } from "../../_components/format";
import { AuditList } from "../../_components/audit-list";
import { UserActions } from "./user-actions";

// Metadata is resolved apart from the layout: check admin here too, or the title would reach a learner's RSC payload.
export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "User" };
}

const SOURCE: Record<string, string> = { EARLY_ACCESS: "Early access", ADMIN_GRANT: "Admin grant", PAYMENT: "Payment" };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireAdmin();
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const [detail, content, audit] = await Promise.all([userDetail(id), loadContentIndex(), listAudit({ targetUserId: id, limit: 50 })]);
  if (!detail) notFound();
  const { user, progress, quiz, tasks, terminals, grants, isPro } = detail;
  const now = new Date();
  const quizBy = new Map(quiz.map((q) => [`${q.courseSlug}/${q.lessonSlug}`, q]));
  const tasksBy = new Map<string, number>();
  for (const t of tasks) tasksBy.set(`${t.courseSlug}/${t.lessonSlug}`, (tasksBy.get(`${t.courseSlug}/${t.lessonSlug}`) ?? 0) + 1);
  const grantState = (g: (typeof grants)[number]) =>
    g.revokedAt
      ? `revoked ${date(g.revokedAt)}`
      : g.endsAt && g.endsAt <= now
        ? `ended ${date(g.endsAt)}`
        : g.startsAt > now
          ? "not started"
          : g.endsAt
            ? `active until ${date(g.endsAt)}`
            : "active";

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/users" className="text-indigo-700 hover:underline dark:text-indigo-400">
          ← All users
        </Link>
      </p>
      <div className="mb-6 flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{user.name || user.email}</h1>
          <p className="truncate text-sm text-slate-600 dark:text-slate-400">
            {user.email} · joined {date(user.createdAt)}
          </p>
        </div>
        <span className="flex gap-1.5" data-testid="user-badges">
          <Badge tone={isPro ? "indigo" : "neutral"}>{isPro ? "Pro" : "Free"}</Badge>
          {user.role === "ADMIN" && <Badge tone="amber">Admin</Badge>}
          {user.disabledAt && <Badge>Disabled</Badge>}
        </span>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Card className="overflow-hidden">
            <CardHeader>
              <CardTitle>Progress</CardTitle>
            </CardHeader>
            <div className="relative mt-4 overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">Lesson progress of {user.email}</caption>
                <thead className="border-y border-slate-200 bg-slate-50 text-left text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Lesson
                    </th>
                    <th scope="col" className="px-4 py-2 font-medium">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium whitespace-nowrap">
                      Quizzes
                    </th>
                    <th scope="col" className="px-4 py-2 text-right font-medium">
                      Tasks
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 tabular-nums dark:divide-slate-800">
                  {content.courses.flatMap((c) =>
                    c.lessons.map((l) => {
                      const p = progress.find((x) => x.courseSlug === c.slug && x.lessonSlug === l.slug);
                      const q = quizBy.get(`${c.slug}/${l.slug}`);
                      return (
                        <tr key={`${c.slug}/${l.slug}`}>
                          <th scope="row" className="px-4 py-2 text-left font-normal text-slate-800 dark:text-slate-200">
                            {l.order}. {l.title}
                          </th>
                          <td className="px-4 py-2">
                            {p?.status === "COMPLETED" ? (
                              <Badge tone="emerald">Completed {p.completedAt ? date(p.completedAt) : ""}</Badge>
                            ) : p ? (
                              <Badge tone="indigo">In progress</Badge>
                            ) : (
                              <span className="text-slate-500 dark:text-slate-400">Not opened</span>
                            )}
                          </td>
                          <td className="px-4 py-2 text-right">
                            {q
                              ? `${q.answered} of ${l.quizIds.length} answered, ${q.firstCorrect} right first time`
                              : `0 of ${l.quizIds.length} answered`}
                          </td>
                          <td className="px-4 py-2 text-right">
                            {tasksBy.get(`${c.slug}/${l.slug}`) ?? 0} / {l.taskIds.length}
                          </td>
                        </tr>
                      );
                    }),
                  )}
                </tbody>
              </table>
            </div>
            <CardBody className="text-sm text-slate-600 dark:text-slate-400">
              {terminals.length === 0
                ? "No practice cluster yet."
                : terminals.map((t) => (
                    <p key={t.courseSlug}>
                      Practice cluster for {content.courseTitle(t.courseSlug)}: {int(t.lastSeq)} commands, last used{" "}
                      {dateTime(t.lastActiveAt)}.
                    </p>
                  ))}
            </CardBody>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle>History of changes</CardTitle>
            </CardHeader>
            <CardBody className="pt-2 sm:pt-2">
              <AuditList entries={audit} showTarget={false} />
            </CardBody>
          </Card>
        </div>

        {/* On a phone the actions come first (the progress table is long). */}
        <div className="order-first space-y-6 lg:order-none">
          <Card>
            <CardHeader>
              <CardTitle>Access</CardTitle>
            </CardHeader>
            <CardBody>
              <UserActions
                userId={user.id}
                email={user.email}
                isPro={isPro}
                isAdmin={user.role === "ADMIN"}
                isSelf={user.id === admin.id}
                isDisabled={user.disabledAt !== null}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Pro grants</CardTitle>
            </CardHeader>
            <CardBody className="pt-3 sm:pt-3">
              {grants.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">Never had Pro.</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
                  {grants.map((g) => (
                    <li key={g.id} className="py-2">
                      <span className="font-medium text-slate-900 dark:text-slate-100">{SOURCE[g.source] ?? g.source}</span>
                      <span className="text-slate-600 dark:text-slate-400">
                        {" "}
                        · from {date(g.startsAt)} · {grantState(g)}
                      </span>
                      {g.grantedBy && <span className="block text-xs text-slate-500 dark:text-slate-400">by {g.grantedBy.email}</span>}
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
