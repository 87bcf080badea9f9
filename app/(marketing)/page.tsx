import type { Metadata } from "next";
import { ArrowRightIcon, BookIcon, QuizIcon, ServerIcon, TerminalIcon } from "@/app/_components/icons";
import { Container } from "@/app/_components/page-container";
import { TerminalMock } from "@/app/_components/terminal-mock";
import { Badge } from "@/app/_components/ui/badge";
import { ButtonLink } from "@/app/_components/ui/button";
import { CourseCard } from "@/app/courses/_components/course-card";
import { listCourses } from "@/lib/course/catalog";
import { site } from "@/lib/config/site";
import { getSessionUser } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: { absolute: `${site.name}: ${site.tagline}` } };

const PILLARS = [
  {
    icon: BookIcon,
    title: "Lessons that explain why",
    body: "Short, precise lessons on how kubeadm wires TLS together: which CA signs what, which name goes where, and which file each component reads.",
    tag: "Free",
  },
  {
    icon: QuizIcon,
    title: "Quizzes that check understanding",
    body: "Questions after each idea. Get one wrong, read the explanation, try again. Your answers and progress are kept.",
    tag: "Free",
  },
  {
    icon: TerminalIcon,
    title: "A cluster that is yours",
    body: "A browser terminal on your own simulated kubeadm cluster with real certificates. Run kubectl, kubeadm and openssl; break it, then fix it.",
    tag: "Pro",
  },
] as const;

export default async function LandingPage() {
  const [user, courses] = await Promise.all([getSessionUser(), listCourses()]);
  return (
    <>
      {/* Hero */}
      <section className="relative overflow-hidden border-b border-slate-200 dark:border-slate-800">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 -z-10 bg-[radial-gradient(60rem_30rem_at_70%_-10%,var(--color-indigo-100),transparent_70%)] dark:bg-[radial-gradient(60rem_30rem_at_70%_-10%,color-mix(in_oklab,var(--color-indigo-500)_18%,transparent),transparent_70%)]"
        />
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-0 -z-10 bg-[linear-gradient(to_right,var(--color-slate-200)_1px,transparent_1px),linear-gradient(to_bottom,var(--color-slate-200)_1px,transparent_1px)] [mask-image:radial-gradient(ellipse_at_top,black_20%,transparent_70%)] bg-[size:44px_44px] opacity-50 dark:bg-[linear-gradient(to_right,var(--color-slate-800)_1px,transparent_1px),linear-gradient(to_bottom,var(--color-slate-800)_1px,transparent_1px)]"
        />
        <Container className="grid items-center gap-12 py-16 sm:py-20 lg:grid-cols-[1fr_1.1fr] lg:gap-10 lg:py-24">
          <div className="space-y-6">
            <Badge tone="indigo" className="px-2.5 py-1">
              Early access · Pro is free for now
            </Badge>
            <h1 className="text-4xl font-semibold tracking-tight text-balance text-slate-900 sm:text-5xl dark:text-white">
              Learn Kubernetes PKI by breaking a cluster of your own
            </h1>
            <p className="max-w-xl text-lg text-pretty text-slate-600 dark:text-slate-400">
              Read a lesson, answer a quiz, then run the commands against your own kubeadm cluster in the browser. Let a certificate expire,
              drop a SAN, sign a user in with a client certificate, and see exactly what a real cluster would tell you.
            </p>
            <div className="flex flex-wrap gap-3">
              {user ? (
                <ButtonLink href="/dashboard" size="lg">
                  Go to your dashboard
                  <ArrowRightIcon />
                </ButtonLink>
              ) : (
                <ButtonLink href="/sign-up" size="lg">
                  Start learning, free
                  <ArrowRightIcon />
                </ButtonLink>
              )}
              <ButtonLink href="/courses" size="lg" variant="secondary">
                Browse the course
              </ButtonLink>
            </div>
            <p className="text-sm text-slate-500 dark:text-slate-400">No card. Open source and self-hostable.</p>
          </div>
          <TerminalMock className="min-w-0" />
        </Container>
      </section>

      {/* Pillars */}
      <section aria-labelledby="pillars-title" className="py-16 sm:py-20">
        <Container>
          <div className="max-w-2xl space-y-3">
            <h2 id="pillars-title" className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl dark:text-white">
              Read it, check it, run it
            </h2>
            <p className="text-slate-600 dark:text-slate-400">
              Every idea comes in three steps, side by side, so you never learn a command you have not seen work.
            </p>
          </div>
          <ul className="mt-10 grid gap-4 md:grid-cols-3">
            {PILLARS.map(({ icon: Icon, title, body, tag }) => (
              <li
                key={title}
                className="rounded-xl border border-slate-200 bg-white p-6 shadow-xs dark:border-slate-800 dark:bg-slate-900/60"
              >
                <div className="flex items-center justify-between">
                  <span className="inline-flex size-10 items-center justify-center rounded-lg bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                    <Icon className="size-5" />
                  </span>
                  <Badge tone={tag === "Pro" ? "indigo" : "emerald"}>{tag}</Badge>
                </div>
                <h3 className="mt-4 font-semibold text-slate-900 dark:text-white">{title}</h3>
                <p className="mt-2 text-sm leading-relaxed text-slate-600 dark:text-slate-400">{body}</p>
              </li>
            ))}
          </ul>
        </Container>
      </section>

      {/* Course teaser */}
      <section
        aria-labelledby="course-title"
        className="border-y border-slate-200 bg-slate-50 py-16 sm:py-20 dark:border-slate-800 dark:bg-slate-900/30"
      >
        <Container className="grid items-center gap-10 lg:grid-cols-2">
          <div className="space-y-4">
            <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">The first course</p>
            <h2 id="course-title" className="text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl dark:text-white">
              The certificates that hold a cluster together
            </h2>
            <p className="text-slate-600 dark:text-slate-400">
              A kubeadm cluster runs on a dozen certificates and three certificate authorities. Learn what each one proves, who trusts it,
              and how to inspect, issue and renew them, on a cluster whose PEM files any openssl can verify.
            </p>
            <ul className="space-y-2 text-sm text-slate-700 dark:text-slate-300">
              {[
                "Real PEM certificates under /etc/kubernetes/pki",
                "Real error messages, caused by the cluster's state",
                "A clock you can move forward to day 366",
              ].map((item) => (
                <li key={item} className="flex gap-2">
                  <span aria-hidden="true" className="mt-1.5 size-1.5 shrink-0 rounded-full bg-indigo-500" />
                  {item}
                </li>
              ))}
            </ul>
          </div>
          <div className="grid gap-4">
            {courses.map((course) => (
              <CourseCard key={course.slug} course={course} headingLevel="h3" />
            ))}
          </div>
        </Container>
      </section>

      {/* Self-hosting + CTA */}
      <section aria-labelledby="cta-title" className="py-16 sm:py-20">
        <Container>
          <div className="relative overflow-hidden rounded-2xl bg-slate-900 px-6 py-12 text-center sm:px-12 dark:bg-slate-900 dark:ring-1 dark:ring-slate-800">
            <div
              aria-hidden="true"
              className="pointer-events-none absolute inset-0 bg-[radial-gradient(40rem_20rem_at_50%_120%,color-mix(in_oklab,var(--color-indigo-500)_35%,transparent),transparent_70%)]"
            />
            <div className="relative mx-auto max-w-2xl space-y-5">
              <span className="inline-flex size-11 items-center justify-center rounded-xl bg-white/10 text-indigo-200">
                <ServerIcon className="size-5" />
              </span>
              <h2 id="cta-title" className="text-2xl font-semibold tracking-tight text-balance text-white sm:text-3xl">
                Your cluster is waiting. Go and break it.
              </h2>
              <p className="text-slate-300">
                Create an account to start the course. Kubeyard is open source: run it for your team with one command on a laptop, or behind
                a load balancer with PostgreSQL.
              </p>
              <div className="flex flex-wrap justify-center gap-3">
                <ButtonLink href={user ? "/dashboard" : "/sign-up"} size="lg" variant="inverted">
                  {user ? "Continue learning" : "Create a free account"}
                </ButtonLink>
                <ButtonLink href="/pricing" size="lg" variant="onDark">
                  See pricing
                </ButtonLink>
              </div>
            </div>
          </div>
        </Container>
      </section>
    </>
  );
}
