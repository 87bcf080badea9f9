"use client";
/**
 * System / Light / Dark switch (a radio group: arrow keys move and select). The choice is
 * applied at once by setting the class on <html>, and kept in a cookie that the root layout
 * reads on the next request, so pages are rendered in the right theme with no script.
 */
import { useRef, useState, type KeyboardEvent } from "react";
import { THEME_COOKIE, THEMES, themeClass, type Theme } from "@/lib/config/theme";
import { MonitorIcon, MoonIcon, SunIcon } from "./icons";
import { cx } from "./ui/cx";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };
const ICONS = { system: MonitorIcon, light: SunIcon, dark: MoonIcon } as const;

function persist(theme: Theme) {
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie =
    theme === "system"
      ? `${THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax${secure}`
      : `${THEME_COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
  const root = document.documentElement;
  root.classList.remove("light", "dark");
  const cls = themeClass(theme);
  if (cls) root.classList.add(cls);
}

export function ThemeSwitch({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState<Theme>(initial);
  const refs = useRef<Record<Theme, HTMLButtonElement | null>>({ system: null, light: null, dark: null });

  function choose(next: Theme, focus = false) {
    setTheme(next);
    persist(next);
    if (focus) refs.current[next]?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const i = THEMES.indexOf(theme);
    const step =
      event.key === "ArrowRight" || event.key === "ArrowDown" ? 1 : event.key === "ArrowLeft" || event.key === "ArrowUp" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    choose(THEMES[(i + step + THEMES.length) % THEMES.length], true);
  }

  return (
    <div
      role="radiogroup"
      aria-label="Colour theme"
      // focusable from script only: the radios are the tab stops (roving tabindex)
      tabIndex={-1}
      onKeyDown={onKeyDown}
      className="inline-flex items-center gap-0.5 rounded-full border border-slate-200 bg-white p-0.5 dark:border-slate-800 dark:bg-slate-900"
    >
      {THEMES.map((t) => {
        const Icon = ICONS[t];
        const checked = theme === t;
        return (
          <button
            key={t}
            ref={(el) => {
              refs.current[t] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-label={LABELS[t]}
            title={LABELS[t]}
            tabIndex={checked ? 0 : -1}
            onClick={() => choose(t)}
            className={cx(
              "inline-flex size-7 items-center justify-center rounded-full transition-colors",
              checked
                ? "bg-slate-100 text-slate-900 shadow-xs dark:bg-slate-700 dark:text-white"
                : "text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
            )}
          >
            <Icon className="size-4" />
          </button>
        );
      })}
    </div>
  );
}
