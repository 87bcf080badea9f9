import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import type { HeaderUser } from "@/app/_components/header-user";
import { OriginNotice } from "@/app/_components/origin-notice";
import { SiteFooter } from "@/app/_components/site-footer";
import { SiteHeader } from "@/app/_components/site-header";
import { THEME_COOKIE, parseTheme, themeClass } from "@/lib/config/theme";
import { site } from "@/lib/config/site";
import { getSessionUser } from "@/lib/server/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: `${site.name}: ${site.tagline}`, template: `%s · ${site.name}` },
  description: site.description,
  applicationName: site.name,
  formatDetection: { telephone: false, email: false, address: false },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020618" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [jar, sessionUser] = await Promise.all([cookies(), getSessionUser()]);
  const theme = parseTheme(jar.get(THEME_COOKIE)?.value);
  const user: HeaderUser | null = sessionUser
    ? { name: sessionUser.name, email: sessionUser.email, role: sessionUser.role, isPro: sessionUser.isPro }
    : null;

  return (
    <html lang="en" className={themeClass(theme)}>
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only z-50 rounded-lg bg-indigo-600 text-sm font-medium text-white shadow-lg focus:not-sr-only focus:fixed focus:top-2.5 focus:left-3 focus:px-4 focus:py-2"
        >
          Skip to content
        </a>
        <OriginNotice />
        <SiteHeader user={user} />
        <main id="main" tabIndex={-1} className="flex flex-1 flex-col focus:outline-none">
          {children}
        </main>
        <SiteFooter viewer={user} theme={theme} />
      </body>
    </html>
  );
}
