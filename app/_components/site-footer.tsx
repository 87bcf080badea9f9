import Link from "next/link";
import { footerNav, visibleNav, type NavViewer } from "@/lib/config/navigation";
import type { Theme } from "@/lib/config/theme";
import { site } from "@/lib/config/site";
import { LogoMark } from "./logo";
import { ThemeSwitch } from "./theme-switch";

export function SiteFooter({ viewer, theme }: { viewer: NavViewer | null; theme: Theme }) {
  return (
    <footer className="border-t border-slate-200 bg-slate-50/60 dark:border-slate-800 dark:bg-slate-950">
      <div className="mx-auto grid max-w-6xl grid-cols-2 gap-8 px-4 py-10 sm:px-6 md:grid-cols-[1.5fr_1fr_1fr]">
        <div className="col-span-2 space-y-3 md:col-span-1">
          <p className="flex items-center gap-2 font-semibold text-slate-900 dark:text-white">
            <LogoMark className="size-6" />
            {site.name}
          </p>
          <p className="max-w-sm text-sm text-slate-600 dark:text-slate-400">
            Open-source, self-hostable Kubernetes training. {site.license} licensed.
          </p>
        </div>
        {footerNav.map((group) => (
          <nav key={group.title} aria-label={group.title}>
            <h2 className="text-xs font-semibold tracking-wider text-slate-500 uppercase dark:text-slate-400">{group.title}</h2>
            <ul className="mt-3 space-y-2">
              {visibleNav(group.items, viewer).map((item) => (
                <li key={item.href}>
                  <Link href={item.href} className="text-sm text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ))}
      </div>
      <div className="border-t border-slate-200 dark:border-slate-800">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-4 sm:px-6">
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Kubernetes is a registered trademark of The Linux Foundation. {site.name} is not affiliated with it.
          </p>
          <ThemeSwitch initial={theme} />
        </div>
      </div>
    </footer>
  );
}
