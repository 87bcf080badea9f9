"use client";
/**
 * The phone navigation (WAI-ARIA disclosure): a button that shows or hides a panel under the
 * header. Escape closes it and returns focus to the button; following a link or clicking
 * outside closes it too. The panel is only rendered while open.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { accountNav, isActive, type NavItem } from "@/lib/config/navigation";
import { Avatar } from "./avatar";
import { displayName, type HeaderUser } from "./header-user";
import { CloseIcon, MenuIcon } from "./icons";
import { signOutToHome } from "./sign-out";
import { Badge } from "./ui/badge";
import { buttonClasses } from "./ui/button";
import { cx } from "./ui/cx";

const linkClasses =
  "flex items-center rounded-lg px-3 py-2.5 text-base font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800";

export function MobileMenu({ items, user, className }: { items: NavItem[]; user: HeaderUser | null; className?: string }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const pathname = usePathname();

  // A navigation closes the menu.
  const [lastPath, setLastPath] = useState(pathname);
  if (pathname !== lastPath) {
    setLastPath(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("pointerdown", onPointerDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("pointerdown", onPointerDown);
    };
  }, [open]);

  return (
    <div className={className}>
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
        className="-mr-1.5 inline-flex size-10 items-center justify-center rounded-lg text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <span className="sr-only">{open ? "Close menu" : "Menu"}</span>
        {open ? <CloseIcon className="size-5" /> : <MenuIcon className="size-5" />}
      </button>
      <div
        ref={panelRef}
        id={panelId}
        hidden={!open}
        className="absolute inset-x-0 top-full max-h-[calc(100dvh-3.5rem)] animate-fade-in overflow-y-auto border-b border-slate-200 bg-white px-4 pt-2 pb-4 shadow-lg shadow-slate-900/5 dark:border-slate-800 dark:bg-slate-950 dark:shadow-black/40"
      >
        {open && (
          <>
            <nav aria-label="Main">
              <ul className="space-y-0.5">
                {items.map((item) => {
                  const active = isActive(item.href, pathname);
                  return (
                    <li key={item.href}>
                      <Link
                        href={item.href}
                        aria-current={active ? "page" : undefined}
                        onClick={() => setOpen(false)}
                        className={cx(linkClasses, active && "bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-white")}
                      >
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
            <div className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-800">
              {user ? (
                <>
                  <div className="flex items-center gap-3 px-3 py-2">
                    <Avatar user={user} className="size-9 text-xs" />
                    <div className="min-w-0 flex-1">
                      <p className="truncate text-sm font-medium text-slate-900 dark:text-white">{displayName(user)}</p>
                      {user.name && <p className="truncate text-xs text-slate-500 dark:text-slate-400">{user.email}</p>}
                    </div>
                    <Badge tone={user.isPro ? "indigo" : "neutral"}>{user.isPro ? "Pro" : "Free"}</Badge>
                  </div>
                  <ul className="space-y-0.5">
                    {accountNav.map((item) => (
                      <li key={item.href}>
                        <Link href={item.href} onClick={() => setOpen(false)} className={linkClasses}>
                          {item.label}
                        </Link>
                      </li>
                    ))}
                    <li>
                      <button
                        type="button"
                        disabled={signingOut}
                        onClick={async () => {
                          setSigningOut(true);
                          await signOutToHome();
                        }}
                        className={cx(linkClasses, "w-full text-left")}
                      >
                        {signingOut ? "Signing out…" : "Sign out"}
                      </button>
                    </li>
                  </ul>
                </>
              ) : (
                <div className="grid grid-cols-2 gap-2">
                  <Link href="/sign-in" onClick={() => setOpen(false)} className={buttonClasses({ variant: "secondary" })}>
                    Sign in
                  </Link>
                  <Link href="/sign-up" onClick={() => setOpen(false)} className={buttonClasses()}>
                    Get started
                  </Link>
                </div>
              )}
            </div>
          </>
        )}
      </div>
    </div>
  );
}
