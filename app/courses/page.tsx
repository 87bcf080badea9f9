import type { Metadata } from "next";
import { CourseTeaserCard } from "@/app/_components/course-teaser-card";
import { Container, PageHeader } from "@/app/_components/page-container";
import { Alert } from "@/app/_components/ui/alert";

export const metadata: Metadata = {
  title: "Courses",
  description: "Kubeyard courses: lessons, quizzes and hands-on labs on your own simulated kubeadm cluster.",
};

/** Placeholder catalogue: the course issue replaces it with the courses read from content/. */
export default function CoursesPage() {
  return (
    <Container className="py-12 sm:py-16">
      <PageHeader
        eyebrow="Catalogue"
        title="Courses"
        lead="Hands-on Kubernetes courses. Read, answer the quizzes, then practise on a cluster of your own."
      />
      <ul className="mt-10 grid gap-6 md:grid-cols-2">
        <li className="flex">
          <CourseTeaserCard headingLevel="h2" className="w-full" />
        </li>
      </ul>
      <Alert tone="info" className="mt-10 max-w-2xl" title="More courses are on the way">
        Kubeyard is in early access. The first course covers the cluster PKI end to end; more topics follow.
      </Alert>
    </Container>
  );
}
