import type { Metadata } from "next";
import { Container, PageHeader } from "@/app/_components/page-container";
import { Alert } from "@/app/_components/ui/alert";
import { listCourses } from "@/lib/course/catalog";
import { getSessionUser } from "@/lib/server/auth/session";
import { allLessonProgress, courseCompletion } from "@/lib/server/progress/lesson-progress";
import { CourseCard } from "./_components/course-card";
import { prerequisitesOf } from "./_components/prerequisites";

export const metadata: Metadata = {
  title: "Courses",
  description: "Kubeyard courses: lessons, quizzes and hands-on labs on your own simulated kubeadm cluster.",
};

/** The catalogue: every course in content/, with the signed-in learner's progress. Visitors may browse. */
export default async function CoursesPage() {
  const [courses, user] = await Promise.all([listCourses(), getSessionUser()]);
  const progress = user ? await allLessonProgress(user.id) : null;
  const completionOf = progress ? (c: (typeof courses)[number]) => courseCompletion(c.lessons, progress.get(c.slug)) : undefined;
  return (
    <Container className="py-12 sm:py-16">
      <PageHeader
        eyebrow="Catalogue"
        title="Courses"
        lead="Hands-on Kubernetes courses. Read, answer the quizzes, then practise on a cluster of your own."
      />
      <ul className="mt-10 grid gap-6 md:grid-cols-2">
        {courses.map((c) => (
          <li key={c.slug} className="flex">
            <CourseCard
              course={c}
              completion={completionOf?.(c)}
              prerequisites={prerequisitesOf(c, courses, completionOf)}
              className="w-full"
            />
          </li>
        ))}
      </ul>
      <Alert tone="info" className="mt-10 max-w-2xl" title="More courses are on the way">
        Kubeyard is in early access. The first course covers the cluster PKI end to end; more topics follow.
      </Alert>
    </Container>
  );
}
