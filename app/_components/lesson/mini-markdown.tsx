/**
 * A tiny, safe markdown subset rendered straight to React elements (never to an HTML string):
 * paragraphs, "- " / "1. " lists, `code`, **strong**, *em* / _em_ and [links](https://…).
 * Used for quiz explanations, which arrive as markdown after the learner answers. Anything else
 * is shown as plain text; React escapes all of it. Works on the server and in the browser.
 */
import type { ReactNode } from "react";

const INLINE = /(`[^`\n]+`)|(\*\*[^*\n]+\*\*)|(\*[^*\n]+\*|\b_[^_\n]+_\b)|(\[[^\]\n]+\]\([^)\s]+\))/g;

function safeHref(href: string): string | null {
  if (/^https?:\/\//i.test(href) || (href.startsWith("/") && !href.startsWith("//")) || href.startsWith("#")) return href;
  return null;
}

export function renderInline(text: string, keyPrefix = "i"): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let n = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const token = m[0];
    const key = `${keyPrefix}-${n++}`;
    if (m[1])
      out.push(
        <code key={key} className="code-inline">
          {token.slice(1, -1)}
        </code>,
      );
    else if (m[2]) out.push(<strong key={key}>{renderInline(token.slice(2, -2), key)}</strong>);
    else if (m[3]) out.push(<em key={key}>{renderInline(token.slice(1, -1), key)}</em>);
    else {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(token);
      const href = link ? safeHref(link[2]) : null;
      if (link && href) {
        const external = /^https?:/i.test(href);
        out.push(
          <a
            key={key}
            href={href}
            {...(external ? { target: "_blank", rel: "noopener noreferrer" } : {})}
            className="font-medium text-indigo-600 underline underline-offset-2 dark:text-indigo-400"
          >
            {link[1]}
          </a>,
        );
      } else out.push(link ? link[1] : token);
    }
    last = at + token.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

type Block = { kind: "p"; lines: string[] } | { kind: "ul" | "ol"; items: string[] };

export function parseBlocks(src: string): Block[] {
  const blocks: Block[] = [];
  let open = false; // the last block continues until a blank line
  const last = (): Block | undefined => (open ? blocks[blocks.length - 1] : undefined);
  for (const raw of src.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line) {
      open = false;
      continue;
    }
    const item = /^[-*+]\s+(.*)$/.exec(line) ?? /^\d+[.)]\s+(.*)$/.exec(line);
    const prev = last();
    if (item) {
      const kind = /^[-*+]/.test(line) ? "ul" : "ol";
      if (prev && prev.kind === kind) prev.items.push(item[1]);
      else blocks.push({ kind, items: [item[1]] });
    } else if (prev && prev.kind !== "p") {
      prev.items[prev.items.length - 1] += ` ${line}`; // a continuation line of the item
    } else if (prev && prev.kind === "p") {
      prev.lines.push(line);
    } else {
      blocks.push({ kind: "p", lines: [line] });
    }
    open = true;
  }
  return blocks;
}

export function MiniMarkdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className}>
      {parseBlocks(source).map((b, i) => {
        const key = `b${i}`;
        if (b.kind === "p") return <p key={key}>{renderInline(b.lines.join(" "), key)}</p>;
        const List = b.kind;
        return (
          <List key={key} className={b.kind === "ul" ? "list-disc pl-5" : "list-decimal pl-5"}>
            {b.items.map((item, j) => (
              <li key={j}>{renderInline(item, `${key}-${j}`)}</li>
            ))}
          </List>
        );
      })}
    </div>
  );
}
