import { mainNav, visibleNav } from "@/lib/config/navigation";
import type { HeaderUser } from "./header-user";
import { Logo } from "./logo";
import { MobileMenu } from "./mobile-menu";
import { NavLinks } from "./nav-links";
import { ButtonLink } from "./ui/button";
import { UserMenu } from "./user-menu";

/** The site header. `user` comes from getSessionUser() in the root layout (null when signed out). */
export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const items = visibleNav(mainNav, user);
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200/80 bg-white/85 backdrop-blur-md supports-[backdrop-filter]:bg-white/75 dark:border-slate-800/80 dark:bg-slate-950/85 dark:supports-[backdrop-filter]:bg-slate-950/70">
      {/* On the wide pages (a lesson, the lab) the header's edges follow the page's: data-wide-page. */}
      <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6 [body:has([data-wide-page])_&]:max-w-[96rem]">
        <Logo />
        <NavLinks items={items} className="hidden md:block" />
        <div className="ml-auto flex items-center gap-2">
          {user ? (
            <div className="hidden md:block">
              <UserMenu user={user} />
            </div>
          ) : (
            <>
              <ButtonLink href="/sign-in" variant="ghost" size="sm">
                Sign in
              </ButtonLink>
              <div className="hidden sm:block">
                <ButtonLink href="/sign-up" size="sm">
                  Get started
                </ButtonLink>
              </div>
            </>
          )}
          <MobileMenu items={items} user={user} className="md:hidden" />
        </div>
      </div>
    </header>
  );
}
