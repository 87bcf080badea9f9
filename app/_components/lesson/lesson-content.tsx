/**
 * Renders a compiled lesson (MDX, function-body) on the server with Kubeyard's lesson
 * components. What reaches the browser is decided here: a quiz gets only its question and
 * options (plus the learner's own earlier answer), never the correct option or the explanation
 * of a quiz they have not answered. Unknown component names render a small notice instead of
 * failing the page.
 */
import { run } from "@mdx-js/mdx";
import type { MDXComponents, MDXContent } from "mdx/types";
import { isValidElement, type ComponentProps, type ReactNode } from "react";
import * as runtime from "react/jsx-runtime";
import { headingId, type Lesson } from "@/lib/course/catalog";
import type { QuizState } from "@/lib/server/progress/quiz-attempts";
import { ScenarioGoal } from "@/app/_components/lab/scenario-goal";
import { Callout } from "./callout";
import { CommandBlock } from "./command";
import { Diagram } from "./diagrams";
import { Question } from "./question";
import { QuizClient, type QuizOutcome } from "./quiz-client";
import { TaskClient, type Viewer } from "./task";
import { textOf } from "./text-of";
import { TimeTravelClient } from "./time-travel";

export interface LessonRenderContext {
  lesson: Lesson;
  viewer: Viewer;
  /** where "Sign in" links go (back to this lesson) */
  signInHref: string;
  quizStates: ReadonlyMap<string, QuizState>;
  passedTasks: ReadonlySet<string>;
}

// run() evaluates the compiled code once per lesson version; the catalogue memoises `code`.
const compiled = new Map<string, { code: string; content: Promise<MDXContent> }>();

function contentFor(lesson: Lesson): Promise<MDXContent> {
  const key = `${lesson.courseSlug}/${lesson.slug}`;
  const hit = compiled.get(key);
  if (hit && hit.code === lesson.code) return hit.content;
  const content = run(lesson.code, { ...runtime, baseUrl: import.meta.url }).then((m) => m.default);
  content.catch(() => compiled.delete(key));
  compiled.set(key, { code: lesson.code, content });
  return content;
}

/** The component names the compiled code asks for (it reports missing ones through _missingMdxReference). */
export function referencedComponents(code: string): string[] {
  return [...new Set([...code.matchAll(/_missingMdxReference\("([A-Za-z_$][\w$.]*)"/g)].map((m) => m[1]))];
}

function Unknown({ name }: { name: string }) {
  return (
    <p className="not-prose my-4 rounded-lg border border-dashed border-slate-300 px-4 py-3 text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
      This part of the lesson (<code>{name}</code>) cannot be shown.
    </p>
  );
}

type HeadingProps = ComponentProps<"h2">;

function heading(Tag: "h2" | "h3") {
  return function Heading({ id, children, ...rest }: HeadingProps) {
    const anchor = id ?? headingId(textOf(children));
    return (
      <Tag
        id={anchor}
        {...rest}
        className={
          Tag === "h2"
            ? "group mt-12 mb-4 scroll-mt-20 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white"
            : "group mt-8 mb-3 scroll-mt-20 text-lg font-semibold text-slate-900 dark:text-white"
        }
      >
        {children}
        <a
          href={`#${anchor}`}
          className="ml-2 text-slate-400 no-underline opacity-0 group-hover:opacity-100 focus-visible:opacity-100"
          aria-label={`Link to ${textOf(children)}`}
        >
          #
        </a>
      </Tag>
    );
  };
}

/** What a fenced block is, from its language: ```text is a command's expected output in our lessons. */
function blockLabel(children: ReactNode): string {
  const lang = isValidElement<{ className?: string }>(children) ? /language-(\w+)/.exec(children.props.className ?? "")?.[1] : undefined;
  if (lang === "text" || lang === undefined) return "Example output";
  return `${lang.toUpperCase()} example`;
}

function buildComponents(ctx: LessonRenderContext): MDXComponents {
  const { lesson, viewer, signInHref } = ctx;
  const course = lesson.courseSlug;
  const quizzes = new Map(lesson.quizzes.map((q) => [q.id, q]));
  const tasks = new Map(lesson.tasks.map((t) => [t.id, t]));

  const components: MDXComponents = {
    h2: heading("h2"),
    h3: heading("h3"),
    h4: ({ children, ...p }) => (
      <h4 {...p} className="mt-6 mb-2 font-semibold text-slate-900 dark:text-white">
        {children}
      </h4>
    ),
    p: (p) => <p {...p} className="my-4 leading-7" />,
    a: ({ href = "", children, ...p }) => {
      const external = /^https?:\/\//.test(href);
      return (
        <a
          href={href}
          {...p}
          {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
          className="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500 dark:text-indigo-400"
        >
          {children}
        </a>
      );
    },
    ul: (p) => <ul {...p} className="my-4 list-disc space-y-1.5 pl-6 leading-7 marker:text-slate-400" />,
    ol: (p) => <ol {...p} className="my-4 list-decimal space-y-1.5 pl-6 leading-7 marker:text-slate-500" />,
    li: (p) => <li {...p} className="pl-1" />,
    strong: (p) => <strong {...p} className="font-semibold text-slate-900 dark:text-white" />,
    blockquote: (p) => (
      <blockquote
        {...p}
        className="my-6 border-l-4 border-slate-300 pl-4 text-slate-600 italic dark:border-slate-700 dark:text-slate-400"
      />
    ),
    hr: () => <hr className="my-10 border-slate-200 dark:border-slate-800" />,
    table: (p) => (
      <div className="my-6 overflow-x-auto">
        <table {...p} className="w-full border-collapse text-left text-sm" />
      </div>
    ),
    th: (p) => <th {...p} className="border-b border-slate-300 px-3 py-2 font-semibold dark:border-slate-700" />,
    td: (p) => <td {...p} className="border-b border-slate-200 px-3 py-2 align-top dark:border-slate-800" />,
    code: ({ className, ...p }) => (className ? <code className={className} {...p} /> : <code className="code-inline" {...p} />),
    // A block wider than the column scrolls sideways, so it must take the keyboard focus to be
    // scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable), and be named.
    pre: ({ children, ...p }) => (
      <pre
        {...p}
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrollable region must be focusable
        tabIndex={0}
        role="group"
        aria-label={blockLabel(children)}
        className="my-4 overflow-x-auto rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-[13px] leading-relaxed text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200 [&>code]:border-0 [&>code]:bg-transparent [&>code]:p-0 [&>code]:text-inherit"
      >
        {children}
      </pre>
    ),

    Command: ({ children, expectFailure }: { children?: ReactNode; expectFailure?: boolean }) => (
      <CommandBlock text={textOf(children).replace(/^\n+|\n+$/g, "")} expectFailure={Boolean(expectFailure)} runnable={viewer === "pro"} />
    ),
    Quiz: ({ id }: { id?: string }) => {
      const quiz = id ? quizzes.get(id) : undefined;
      if (!quiz) return <Unknown name={`Quiz ${id ?? ""}`} />;
      const state = ctx.quizStates.get(quiz.id);
      // Only a learner who has answered gets the correct option and the explanation.
      const initial: QuizOutcome | null = state
        ? {
            optionId: state.lastOptionId,
            correct: state.lastCorrect,
            correctOptionId: quiz.correctOptionId,
            explanation: quiz.explanation,
            attemptNumber: state.attempts,
          }
        : null;
      return (
        <QuizClient
          course={course}
          lesson={lesson.slug}
          quiz={{ id: quiz.id, question: quiz.question, options: quiz.options.map((o) => ({ id: o.id, text: o.text })) }}
          initial={initial}
          signInHref={viewer === "anonymous" ? signInHref : null}
        />
      );
    },
    Option: () => null,
    Explanation: () => null,
    Question: ({ prompt, children }: { prompt?: string; children?: ReactNode }) => <Question prompt={prompt ?? ""}>{children}</Question>,
    Task: ({ id, title, children }: { id?: string; title?: string; children?: ReactNode }) => {
      const task = id ? tasks.get(id) : undefined;
      if (!task) return <Unknown name={`Task ${id ?? ""}`} />;
      // a scenario's tasks are checked together by "Check my work" (app/courses/[course]/[lesson]/scenario-controls.tsx)
      if (lesson.kind === "scenario")
        return (
          <ScenarioGoal taskId={task.id} title={title ?? task.title}>
            {children}
          </ScenarioGoal>
        );
      return (
        <TaskClient
          course={course}
          lesson={lesson.slug}
          taskId={task.id}
          title={title ?? task.title}
          initialPassed={ctx.passedTasks.has(task.id)}
          viewer={viewer}
          signInHref={signInHref}
        >
          {children}
        </TaskClient>
      );
    },
    TimeTravel: ({ days }: { days?: number }) =>
      typeof days === "number" && days > 0 ? (
        <TimeTravelClient course={course} lesson={lesson.slug} days={days} viewer={viewer} />
      ) : (
        <Unknown name="TimeTravel" />
      ),
    Diagram: ({ name }: { name?: string }) => <Diagram name={name} />,
    Callout: ({ type, children }: { type?: string; children?: ReactNode }) => <Callout type={type}>{children}</Callout>,
  };

  for (const name of referencedComponents(lesson.code)) {
    if (!(name in components)) components[name] = () => <Unknown name={name} />;
  }
  return components;
}

export async function LessonContent(ctx: LessonRenderContext) {
  const Content = await contentFor(ctx.lesson);
  return (
    <div className="text-[15.5px] text-slate-700 sm:text-base dark:text-slate-300" data-testid="lesson-body">
      <Content components={buildComponents(ctx)} />
    </div>
  );
}
