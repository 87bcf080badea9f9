/**
 * One lesson file: YAML frontmatter, then MDX. Compiles the MDX once with @mdx-js/mdx and, from
 * the mdast the compiler builds, extracts quizzes, tasks, the replayable steps (<Command> and
 * <TimeTravel> in document order) and the table of contents, validating every component against
 * content/README.md. JavaScript in the lesson is never run: <Command> expressions are evaluated
 * statically from their estree (string literals, template literals without `${}`, and
 * `[...strings].join(sep)`).
 */
import { compile } from "@mdx-js/mdx";
import { parse as parseYaml } from "yaml";
import { validateCheckProps } from "./checks";
import { lessonFrontmatterSchema, parseWith, scenarioFrontmatterSchema, type ScenarioFrontmatter } from "./schema";
import type {
  CheckName,
  Lesson,
  LessonKind,
  LessonStep,
  QuizDefinition,
  QuizOption,
  ScenarioSpec,
  TaskDefinition,
  TocEntry,
} from "./types";

/** What every file's frontmatter yields, lesson or scenario. */
interface CommonFrontmatter {
  title: string;
  slug: string;
  order: number;
  duration: number;
  summary: string;
  objectives?: string[];
  scenario?: ScenarioFrontmatter["scenario"];
}

// ---------------------------------------------------------------------------------------------
// minimal structural types for the unist/mdast/estree nodes we read

interface Point {
  line: number;
  column: number;
  offset?: number;
}
interface UNode {
  type: string;
  value?: unknown;
  depth?: number;
  name?: string | null;
  attributes?: UAttr[];
  children?: UNode[];
  position?: { start: Point; end: Point };
  data?: { estree?: EsNode | null; hProperties?: Record<string, unknown>; [k: string]: unknown };
}
interface UAttr {
  type: "mdxJsxAttribute" | "mdxJsxExpressionAttribute";
  name?: string;
  value?: string | null | { type: "mdxJsxAttributeValueExpression"; value: string; data?: { estree?: EsNode | null } };
}
interface EsNode {
  type: string;
  [k: string]: unknown;
}

// ---------------------------------------------------------------------------------------------

/** The slug for a heading: the id the compiled lesson gives it and the TOC links to. */
export function headingId(text: string): string {
  const id = text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\s-]/gu, "")
    .trim()
    .replace(/\s+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  return id || "section";
}

export const COMPONENTS = ["Command", "Quiz", "Option", "Explanation", "Question", "Task", "Diagram", "Callout", "TimeTravel"] as const;
type ComponentName = (typeof COMPONENTS)[number];

/** Props each component accepts; Task additionally takes its check's props. */
const PROPS: Record<ComponentName, Record<string, "string" | "boolean" | "number">> = {
  Command: { expectFailure: "boolean" },
  Quiz: { id: "string", question: "string" },
  Option: { id: "string", correct: "boolean" },
  Explanation: {},
  Question: { prompt: "string" },
  Task: { id: "string", check: "string", title: "string" },
  Diagram: { name: "string" },
  Callout: { type: "string" },
  TimeTravel: { days: "number" },
};

const OPTION_IDS = ["a", "b", "c", "d"];

export interface ParsedLesson {
  /** undefined when the lesson has problems */
  lesson?: Lesson;
  frontmatter?: CommonFrontmatter;
  problems: string[];
}

export interface ParseLessonOptions {
  /** for messages, e.g. "content/courses/kubernetes-pki/02-client-certificates.mdx" */
  file: string;
  courseSlug: string;
  /** the NN of the file name: names the lesson in ids when the frontmatter's order is unusable */
  fileOrder?: number;
}

const FRONTMATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Splits the frontmatter off and blanks it in the body, so MDX line numbers match the file. */
export function splitFrontmatter(source: string): { yaml?: string; body: string } {
  const m = FRONTMATTER.exec(source);
  if (!m) return { body: source };
  const blank = m[0].replace(/[^\n]/g, "");
  return { yaml: m[1], body: blank + source.slice(m[0].length) };
}

/** Plain text of a node (what mdast-util-to-string gives, without the dependency). */
function toText(n: UNode): string {
  if ((n.type === "text" || n.type === "inlineCode") && typeof n.value === "string") return n.value;
  if (n.type === "break") return "\n";
  return (n.children ?? []).map(toText).join("");
}

function isJsx(n: UNode): boolean {
  return n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement";
}

// ---------------------------------------------------------------------------------------------
// static evaluation of the few expression shapes the content uses

type Static = { ok: true; value: string | number | boolean } | { ok: false };
const NO: Static = { ok: false };

function evalStatic(e: EsNode | undefined | null): Static {
  if (!e) return NO;
  switch (e.type) {
    case "Literal": {
      const v = e.value;
      return typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? { ok: true, value: v } : NO;
    }
    case "TemplateLiteral": {
      const exprs = e.expressions as EsNode[];
      const quasis = e.quasis as { value: { cooked?: string | null } }[];
      if (exprs.length || quasis.length !== 1 || typeof quasis[0].value.cooked !== "string") return NO;
      return { ok: true, value: quasis[0].value.cooked };
    }
    case "UnaryExpression": {
      if (e.operator !== "-") return NO;
      const a = evalStatic(e.argument as EsNode);
      return a.ok && typeof a.value === "number" ? { ok: true, value: -a.value } : NO;
    }
    case "CallExpression": {
      const callee = e.callee as EsNode;
      const args = e.arguments as EsNode[];
      if (e.optional || callee.type !== "MemberExpression" || callee.computed || callee.optional) return NO;
      const prop = callee.property as EsNode;
      const arr = callee.object as EsNode;
      if (prop.type !== "Identifier" || prop.name !== "join" || arr.type !== "ArrayExpression") return NO;
      if (args.length !== 1) return NO;
      const sep = evalStatic(args[0]);
      if (!sep.ok || typeof sep.value !== "string") return NO;
      const parts: string[] = [];
      for (const el of arr.elements as (EsNode | null)[]) {
        const v = evalStatic(el);
        if (!v.ok || typeof v.value !== "string") return NO;
        parts.push(v.value);
      }
      return { ok: true, value: parts.join(sep.value) };
    }
    default:
      return NO;
  }
}

/** The single expression of an mdx expression node; undefined for an empty one (a comment). */
function expressionOf(estree: EsNode | null | undefined): EsNode | undefined | "invalid" {
  if (!estree || estree.type !== "Program") return "invalid";
  const body = estree.body as EsNode[];
  if (body.length === 0) return undefined;
  if (body.length !== 1 || body[0].type !== "ExpressionStatement") return "invalid";
  return body[0].expression as EsNode;
}

// ---------------------------------------------------------------------------------------------

interface Extracted {
  quizzes: QuizDefinition[];
  tasks: TaskDefinition[];
  steps: LessonStep[];
  toc: TocEntry[];
  problems: string[];
}

/** What a scenario's body may not contain: it states the goal, never the commands or the answers. */
const NOT_IN_SCENARIOS: ReadonlySet<ComponentName> = new Set(["Command", "TimeTravel", "Quiz"]);

function extract(tree: UNode, source: string, opts: ParseLessonOptions, order: number | undefined, kind: LessonKind): Extracted {
  const out: Extracted = { quizzes: [], tasks: [], steps: [], toc: [], problems: [] };
  const at = (n: UNode) => `${opts.file}:${n.position?.start.line ?? "?"}`;
  const problem = (n: UNode, msg: string) => out.problems.push(`${at(n)}: ${msg}`);
  const letter = kind === "scenario" ? "s" : "l";
  const lessonPrefix = order !== undefined ? `${letter}${order}` : `${letter}<${kind}>`;
  const usedIds = new Map<string, number>();
  let diagrams = 0;

  /** Attribute values by name, checked against PROPS; unknown props reported (Task: collected). */
  function attrs(n: UNode, comp: ComponentName): { values: Map<string, string | number | boolean>; extra: Map<string, string> } {
    const values = new Map<string, string | number | boolean>();
    const extra = new Map<string, string>();
    const allowed = PROPS[comp];
    for (const a of n.attributes ?? []) {
      if (a.type !== "mdxJsxAttribute" || !a.name) {
        problem(n, `<${comp}> cannot take spread attributes ({...props})`);
        continue;
      }
      let v: string | number | boolean;
      if (a.value === null || a.value === undefined) v = true;
      else if (typeof a.value === "string") v = a.value;
      else {
        const e = expressionOf(a.value.data?.estree);
        const s = e && e !== "invalid" ? evalStatic(e) : NO;
        if (!s.ok) {
          problem(n, `<${comp}> prop ${a.name}={${a.value.value}} must be a literal value`);
          continue;
        }
        v = s.value;
      }
      if (values.has(a.name) || extra.has(a.name)) problem(n, `<${comp}> has the prop ${a.name} twice`);
      const kind = allowed[a.name];
      if (!kind) {
        if (comp === "Task") {
          if (typeof v !== "string") problem(n, `<Task> prop ${a.name} must be a string ("...")`);
          else extra.set(a.name, v);
        } else problem(n, `<${comp}> has no prop "${a.name}" (allowed: ${Object.keys(allowed).join(", ") || "none"})`);
        continue;
      }
      if (typeof v !== kind) {
        problem(n, `<${comp}> prop ${a.name} must be a ${kind}${kind === "boolean" ? ` (write it bare: <${comp} ${a.name}>)` : ""}`);
        continue;
      }
      values.set(a.name, v);
    }
    return { values, extra };
  }

  const str = (m: Map<string, string | number | boolean>, k: string) => {
    const v = m.get(k);
    return typeof v === "string" ? v.trim() : undefined;
  };

  function requireId(n: UNode, comp: string, id: string | undefined, pattern: RegExp, shape: string): string | undefined {
    if (!id) {
      problem(n, `<${comp}> needs an id`);
      return undefined;
    }
    if (order !== undefined && !pattern.test(id)) problem(n, `<${comp}> id "${id}" must look like ${shape}`);
    const seen = usedIds.get(id);
    if (seen !== undefined) problem(n, `id "${id}" is already used on line ${seen}`);
    else usedIds.set(id, n.position?.start.line ?? 0);
    return id;
  }

  /** Markdown source of a node's children (for Explanation). */
  function sourceOf(n: UNode): string {
    const kids = n.children ?? [];
    const start = kids[0]?.position?.start.offset;
    const end = kids[kids.length - 1]?.position?.end.offset;
    return start !== undefined && end !== undefined ? source.slice(start, end).trim() : toText(n).trim();
  }

  function commandText(n: UNode): string | undefined {
    let kids = (n.children ?? []).filter((c) => !(c.type === "text" && typeof c.value === "string" && !c.value.trim()));
    if (kids.length === 1 && kids[0].type === "paragraph") kids = kids[0].children ?? [];
    if (kids.length === 0) {
      problem(n, "<Command> is empty");
      return undefined;
    }
    if (kids.every((k) => k.type === "text"))
      return kids
        .map((k) => String(k.value))
        .join("")
        .trim();
    if (kids.length === 1 && (kids[0].type === "mdxFlowExpression" || kids[0].type === "mdxTextExpression")) {
      const e = expressionOf(kids[0].data?.estree);
      const s = e && e !== "invalid" ? evalStatic(e) : NO;
      if (s.ok && typeof s.value === "string") {
        if (!s.value.trim()) problem(n, "<Command> is empty");
        return s.value;
      }
      problem(n, '<Command> expression must be a string: "...", a template literal without ${}, or ["line", ...].join("\\n")');
      return undefined;
    }
    problem(
      n,
      `<Command> must contain only plain text or one string expression (found ${kids.map((k) => k.type).join(", ")}); pass the command as {\`...\`}`,
    );
    return undefined;
  }

  function visitQuiz(n: UNode, values: Map<string, string | number | boolean>) {
    // a course tag in front ("wl-l2-q1") keeps quiz ids unique across the catalogue (catalog.ts)
    const id = requireId(
      n,
      "Quiz",
      str(values, "id"),
      new RegExp(`^([a-z][a-z0-9]*-)?${lessonPrefix}-q\\d+$`),
      `${lessonPrefix}-q<n> or <tag>-${lessonPrefix}-q<n>`,
    );
    const question = str(values, "question");
    if (!question) problem(n, `<Quiz${id ? ` id="${id}"` : ""}> needs a question`);
    const options: QuizOption[] = [];
    const correct: string[] = [];
    const explanations: string[] = [];
    for (const c of n.children ?? []) {
      if (c.type === "mdxJsxFlowElement" && c.name === "Option") {
        const o = attrs(c, "Option").values;
        const oid = str(o, "id");
        const text = toText(c).replace(/\s+/g, " ").trim();
        if (!oid) problem(c, "<Option> needs an id");
        if (!text) problem(c, `<Option id="${oid ?? ""}"> has no text`);
        if (oid && o.get("correct") === true) correct.push(oid);
        options.push({ id: oid ?? "", text });
      } else if (c.type === "mdxJsxFlowElement" && c.name === "Explanation") {
        attrs(c, "Explanation");
        const md = sourceOf(c);
        if (!md) problem(c, "<Explanation> is empty");
        explanations.push(md);
        visitChildren(c, true);
      } else if (!(c.type === "text" && typeof c.value === "string" && !c.value.trim())) {
        problem(
          c,
          `<Quiz> may contain only <Option> and <Explanation>, found ${c.type === "mdxJsxFlowElement" || c.type === "mdxJsxTextElement" ? `<${c.name}>` : c.type}`,
        );
      }
    }
    const label = `<Quiz id="${id ?? ""}">`;
    if (options.length < 3 || options.length > 4) problem(n, `${label} has ${options.length} options; it needs 3 or 4`);
    const ids = options.map((o) => o.id);
    if (ids.join(",") !== OPTION_IDS.slice(0, options.length).join(","))
      problem(
        n,
        `${label} option ids are ${ids.map((i) => `"${i}"`).join(", ")}; they must be a, b, c${options.length > 3 ? ", d" : ""} in order`,
      );
    if (correct.length !== 1) problem(n, `${label} has ${correct.length} correct options; exactly one needs the prop correct`);
    if (explanations.length !== 1) problem(n, `${label} has ${explanations.length} <Explanation>s; it needs exactly one`);
    if (id && question && correct.length === 1 && explanations.length === 1) {
      out.quizzes.push({
        id,
        courseSlug: opts.courseSlug,
        lessonSlug: "",
        question,
        options,
        correctOptionId: correct[0],
        explanation: explanations[0],
      });
    }
  }

  function visitElement(n: UNode, parent: UNode, inQuiz: boolean) {
    const name = n.name;
    if (!name) {
      problem(n, "fragments (<>...</>) are not allowed");
      return;
    }
    if (!(COMPONENTS as readonly string[]).includes(name)) {
      problem(n, `unknown component <${name}> (allowed: ${COMPONENTS.join(", ")})`);
      return;
    }
    const comp = name as ComponentName;
    if (kind === "scenario" && NOT_IN_SCENARIOS.has(comp)) {
      problem(
        n,
        `<${comp}> is not allowed in a scenario: its body states the goal and its <Task>s; setup and solution belong in the frontmatter's scenario block`,
      );
      return;
    }
    if ((comp === "Option" || comp === "Explanation") && !(parent.type === "mdxJsxFlowElement" && parent.name === "Quiz")) {
      problem(n, `<${comp}> belongs directly inside a <Quiz>`);
      return;
    }
    if (inQuiz && comp !== "Option" && comp !== "Explanation") {
      // a quiz's explanation may be prose only
      problem(n, `<${comp}> cannot be used inside a <Quiz>`);
      return;
    }
    const { values, extra } = attrs(n, comp);
    switch (comp) {
      case "Command": {
        const text = commandText(n);
        if (text !== undefined) out.steps.push({ kind: "command", text, expectFailure: values.get("expectFailure") === true });
        return;
      }
      case "TimeTravel": {
        const days = values.get("days");
        if (typeof days !== "number" || !Number.isInteger(days) || days <= 0)
          problem(n, "<TimeTravel> needs days={N} with N a positive whole number");
        else out.steps.push({ kind: "timeTravel", days });
        if (n.children?.length) problem(n, "<TimeTravel> takes no children; write it as <TimeTravel days={N} />");
        return;
      }
      case "Quiz":
        if (n.type !== "mdxJsxFlowElement") problem(n, "<Quiz> must stand on its own lines");
        visitQuiz(n, values);
        return;
      case "Task": {
        const id = requireId(
          n,
          "Task",
          str(values, "id"),
          new RegExp(`^${lessonPrefix}-[a-z0-9]+(?:-[a-z0-9]+)*$`),
          `${lessonPrefix}-<what>`,
        );
        const check = str(values, "check");
        const title = str(values, "title");
        if (!title) problem(n, `<Task id="${id ?? ""}"> needs a title`);
        if (!toText(n).trim()) problem(n, `<Task id="${id ?? ""}"> needs a body describing the goal`);
        const props = Object.fromEntries(extra);
        if (!check) problem(n, `<Task id="${id ?? ""}"> needs a check`);
        else {
          const v = validateCheckProps(check, props);
          if (!v.ok) for (const p of v.problems) problem(n, `<Task id="${id ?? ""}">: ${p}`);
          else if (id && title)
            out.tasks.push({ id, courseSlug: opts.courseSlug, lessonSlug: "", title, check: check as CheckName, props });
        }
        visitChildren(n, false);
        return;
      }
      case "Diagram":
        if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(str(values, "name") ?? "")) problem(n, "<Diagram> needs a kebab-case name");
        if (++diagrams === 2) problem(n, "a lesson may have at most one <Diagram>");
        if (n.children?.length) problem(n, "<Diagram> takes no children");
        return;
      case "Callout": {
        const t = str(values, "type");
        if (t !== "note" && t !== "tip" && t !== "warning") problem(n, `<Callout> type must be "note", "tip" or "warning"`);
        visitChildren(n, false);
        return;
      }
      case "Question":
        if (!str(values, "prompt")) problem(n, "<Question> needs a prompt");
        if (!toText(n).trim()) problem(n, "<Question> needs an answer as its body");
        visitChildren(n, false);
        return;
      case "Option":
      case "Explanation":
        return; // handled by visitQuiz
    }
  }

  function visitChildren(n: UNode, inQuiz: boolean) {
    for (const c of n.children ?? []) visit(c, n, inQuiz);
  }

  function visit(n: UNode, parent: UNode, inQuiz: boolean) {
    if (isJsx(n)) return visitElement(n, parent, inQuiz);
    switch (n.type) {
      case "mdxjsEsm":
        problem(n, "import and export are not allowed in lessons");
        return;
      case "mdxFlowExpression":
      case "mdxTextExpression": {
        const e = expressionOf(n.data?.estree);
        if (e !== undefined)
          problem(n, `JavaScript expressions ({${String(n.value)}}) are only allowed inside <Command>; wrap literal braces in backticks`);
        return;
      }
      case "heading": {
        const text = toText(n).replace(/\s+/g, " ").trim();
        if (n.depth === 1) problem(n, `do not use # headings ("${text}"): the title comes from the frontmatter`);
        else if (parent.type === "root" && (n.depth === 2 || n.depth === 3)) {
          let id = headingId(text);
          const base = id;
          for (let i = 1; out.toc.some((t) => t.id === id); i++) id = `${base}-${i}`;
          out.toc.push({ depth: n.depth, id, text });
          n.data = { ...(n.data ?? {}), hProperties: { ...(n.data?.hProperties ?? {}), id } };
        }
        break;
      }
    }
    visitChildren(n, inQuiz);
  }

  visitChildren(tree, false);
  if (out.tasks.length === 0 && !out.problems.some((p) => p.includes("<Task")))
    out.problems.push(`${opts.file}: a ${kind} needs at least one <Task>`);
  return out;
}

/** Removes what must not reach the browser before the learner answers (the `correct` props). */
function stripAnswers(n: UNode): void {
  if (isJsx(n) && n.name === "Option") n.attributes = (n.attributes ?? []).filter((a) => a.name !== "correct");
  for (const c of n.children ?? []) stripAnswers(c);
}

/** Parses, validates and compiles one lesson. Never throws for content problems: they are returned. */
export async function parseLesson(source: string, opts: ParseLessonOptions): Promise<ParsedLesson> {
  const problems: string[] = [];
  const { yaml, body } = splitFrontmatter(source);
  let frontmatter: CommonFrontmatter | undefined;
  let kind: LessonKind = "lesson";
  if (yaml === undefined) problems.push(`${opts.file}: the lesson must start with YAML frontmatter between --- lines`);
  else {
    let data: unknown;
    try {
      data = parseYaml(yaml);
    } catch (e) {
      problems.push(`${opts.file}: frontmatter is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
    }
    if (data !== undefined || !problems.length) {
      // a `scenario` block makes the file a scenario (content/README.md, "Scenarios")
      if (data !== null && typeof data === "object" && "scenario" in data) kind = "scenario";
      const r =
        kind === "scenario"
          ? parseWith<CommonFrontmatter>(scenarioFrontmatterSchema, data, opts.file, "frontmatter")
          : parseWith<CommonFrontmatter>(lessonFrontmatterSchema, data, opts.file, "frontmatter");
      if (r.ok) frontmatter = r.value;
      else problems.push(...r.problems);
    }
  }

  let extracted: Extracted | undefined;
  let code: string | undefined;
  try {
    const file = await compile(
      { value: body, path: opts.file },
      {
        outputFormat: "function-body",
        development: false,
        remarkPlugins: [
          () => (tree: unknown) => {
            extracted = extract(tree as UNode, body, opts, frontmatter?.order ?? opts.fileOrder, kind);
            stripAnswers(tree as UNode);
          },
        ],
      },
    );
    code = String(file.value);
  } catch (e) {
    const err = e as { line?: number; column?: number; reason?: string; message?: string };
    problems.push(
      `${opts.file}${err.line ? `:${err.line}:${err.column ?? 0}` : ""}: MDX does not compile: ${err.reason ?? err.message ?? String(e)}`,
    );
  }
  if (extracted) problems.push(...extracted.problems);
  if (problems.length || !frontmatter || !extracted || code === undefined) return { frontmatter, problems };

  const lessonSlug = frontmatter.slug;
  const quizzes = extracted.quizzes.map((q) => ({ ...q, lessonSlug }));
  const tasks = extracted.tasks.map((t) => ({ ...t, lessonSlug }));
  return {
    frontmatter,
    problems,
    lesson: {
      kind,
      ...(frontmatter.scenario ? { scenario: scenarioSpec(frontmatter.scenario) } : {}),
      courseSlug: opts.courseSlug,
      slug: lessonSlug,
      title: frontmatter.title,
      order: frontmatter.order,
      duration: frontmatter.duration,
      objectives: frontmatter.objectives ?? [],
      summary: frontmatter.summary,
      quizIds: quizzes.map((q) => q.id),
      taskIds: tasks.map((t) => t.id),
      toc: extracted.toc,
      code,
      quizzes,
      tasks,
      steps: extracted.steps,
    },
  };
}

function scenarioSpec(s: ScenarioFrontmatter["scenario"]): ScenarioSpec {
  return {
    setup: s.setup.map((step) =>
      typeof step === "string"
        ? { kind: "command", text: step }
        : "timeTravel" in step
          ? { kind: "timeTravel", days: step.timeTravel }
          : { kind: "transform", name: step.transform },
    ),
    hints: s.hints,
    solution: s.solution,
  };
}
