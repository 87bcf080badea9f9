import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { Badge } from "@/app/_components/ui/badge";
import { buttonClasses } from "@/app/_components/ui/button";
import { Card, CardBody, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { inputClasses } from "@/app/_components/ui/input";
import { requireAdmin } from "@/lib/server/auth/session";
import { USERS_PAGE_SIZE, searchUsers } from "@/lib/server/admin/users";
import { listAudit } from "@/lib/server/audit/audit";
import { date, int } from "../_components/format";
import { AuditList } from "../_components/audit-list";
import { AdminTitle } from "../_components/page-title";

// Metadata is resolved apart from the layout: check admin here too, or the title would reach a learner's RSC payload.
export async function generateMetadata(): Promise<Metadata> {
  await requireAdmin();
  return { title: "Users" };
}

const params = z.object({
  q: z.string().max(100).optional().catch(undefined),
  role: z.enum(["LEARNER", "ADMIN"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const p = params.parse({ q: first(raw.q), role: first(raw.role), page: first(raw.page) });
  const [{ rows, total }, audit] = await Promise.all([searchUsers(p), listAudit({ limit: 15 })]);
  const pages = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
  const pageHref = (n: number) => {
    const qs = new URLSearchParams();
    if (p.q) qs.set("q", p.q);
    if (p.role) qs.set("role", p.role);
    if (n > 1) qs.set("page", String(n));
    const s = qs.toString();
    return `/admin/users${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <AdminTitle
        title="Users"
        lead="Find a learner, see their progress, grant or revoke Pro and the admin role. Every change is recorded below."
      />
      <form method="get" action="/admin/users" role="search" className="mb-4 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="user-q" className="sr-only">
          Search by email or name
        </label>
        <input
          id="user-q"
          name="q"
          type="search"
          defaultValue={p.q ?? ""}
          placeholder="Search by email or name"
          className={`${inputClasses} sm:max-w-sm`}
        />
        <label htmlFor="user-role" className="sr-only">
          Role
        </label>
        <select id="user-role" name="role" defaultValue={p.role ?? ""} className={`${inputClasses} sm:w-40`}>
          <option value="">Everyone</option>
          <option value="LEARNER">Learners</option>
          <option value="ADMIN">Admins</option>
        </select>
        <button type="submit" className={buttonClasses()}>
          Search
        </button>
      </form>

      <Card className="overflow-hidden">
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm" data-testid="users-table">
            <caption className="sr-only">Users{p.q ? ` matching “${p.q}”` : ""}, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-left text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-2.5 font-medium">
                  User
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium sm:table-cell">
                  Plan and role
                </th>
                <th scope="col" className="hidden px-4 py-2.5 text-right font-medium whitespace-nowrap sm:table-cell">
                  Lessons done
                </th>
                <th scope="col" className="px-4 py-2.5 font-medium whitespace-nowrap">
                  Last active
                </th>
                <th scope="col" className="hidden px-4 py-2.5 font-medium md:table-cell">
                  Joined
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.length === 0 && (
                <tr>
                  <td colSpan={5} className="px-4 py-8 text-center text-slate-600 dark:text-slate-400">
                    Nobody matches.
                  </td>
                </tr>
              )}
              {rows.map((u) => (
                <tr key={u.id}>
                  <th scope="row" className="px-4 py-2.5 text-left font-normal">
                    <Link
                      href={`/admin/users/${u.id}`}
                      className="font-medium [overflow-wrap:anywhere] text-indigo-700 hover:underline dark:text-indigo-400"
                    >
                      {u.email}
                    </Link>
                    {u.name && <span className="block text-xs text-slate-500 dark:text-slate-400">{u.name}</span>}
                    <span className="mt-1 flex flex-wrap gap-1 sm:hidden">
                      <Badge tone={u.isPro ? "indigo" : "neutral"}>{u.isPro ? "Pro" : "Free"}</Badge>
                      {u.role === "ADMIN" && <Badge tone="amber">Admin</Badge>}
                      <span className="text-xs text-slate-500 dark:text-slate-400">{int(u.lessonsCompleted)} lessons done</span>
                    </span>
                  </th>
                  <td className="hidden px-4 py-2.5 sm:table-cell">
                    <span className="flex flex-wrap gap-1">
                      <Badge tone={u.isPro ? "indigo" : "neutral"}>{u.isPro ? "Pro" : "Free"}</Badge>
                      {u.role === "ADMIN" && <Badge tone="amber">Admin</Badge>}
                      {u.disabled && <Badge tone="neutral">Disabled</Badge>}
                    </span>
                  </td>
                  <td className="hidden px-4 py-2.5 text-right tabular-nums sm:table-cell">{int(u.lessonsCompleted)}</td>
                  <td className="px-4 py-2.5 text-slate-600 tabular-nums sm:whitespace-nowrap dark:text-slate-400">
                    {u.lastActiveDay ?? "—"}
                  </td>
                  <td className="hidden px-4 py-2.5 whitespace-nowrap text-slate-600 tabular-nums md:table-cell dark:text-slate-400">
                    {date(u.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav
          aria-label="Pages"
          className="flex items-center justify-between gap-3 border-t border-slate-200 px-4 py-3 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400"
        >
          <span>
            {int(total)} {total === 1 ? "user" : "users"} · page {Math.min(p.page, pages)} of {pages}
          </span>
          <span className="flex gap-2">
            {p.page > 1 && (
              <Link href={pageHref(p.page - 1)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                Previous
              </Link>
            )}
            {p.page < pages && (
              <Link href={pageHref(p.page + 1)} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                Next
              </Link>
            )}
          </span>
        </nav>
      </Card>

      <Card className="mt-6">
        <CardHeader>
          <CardTitle>Recent changes</CardTitle>
        </CardHeader>
        <CardBody className="pt-2 sm:pt-2">
          <AuditList entries={audit} />
        </CardBody>
      </Card>
    </>
  );
}
