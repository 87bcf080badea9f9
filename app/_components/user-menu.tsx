"use client";
/**
 * The signed-in user's menu (WAI-ARIA menu button pattern): Enter, Space or ArrowDown opens it
 * on the first item, ArrowUp on the last; arrows, Home and End move; Escape closes and returns
 * focus to the button; Tab or a click outside closes it.
 */
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { accountNav } from "@/lib/config/navigation";
import { Avatar } from "./avatar";
import { displayName, type HeaderUser } from "./header-user";
import { ChevronDownIcon, SignOutIcon, UserIcon } from "./icons";
import { signOutToHome } from "./sign-out";
import { Badge } from "./ui/badge";

const itemClasses =
  "flex w-full items-center gap-2.5 rounded-md px-2.5 py-2 text-left text-sm text-slate-700 outline-none " +
  "hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:text-slate-900 focus-visible:outline-none " +
  "dark:text-slate-300 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800 dark:focus-visible:text-white";

export function UserMenu({ user }: { user: HeaderUser }) {
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<"first" | "last">("first");

  const items = () => Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const list = items();
    (focusOnOpen.current === "first" ? list[0] : list[list.length - 1])?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    document.addEventListener("pointerdown", onPointerDown);
    return () => document.removeEventListener("pointerdown", onPointerDown);
  }, [open, close]);

  function openMenu(at: "first" | "last") {
    focusOnOpen.current = at;
    setOpen(true);
  }

  function onButtonKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      openMenu(event.key === "ArrowDown" ? "first" : "last");
    }
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    switch (event.key) {
      case "ArrowDown":
        return move(index + 1);
      case "ArrowUp":
        return move(index - 1);
      case "Home":
        return move(0);
      case "End":
        return move(list.length - 1);
      case "Escape":
        event.preventDefault();
        return close(true);
      case "Tab":
        return close(false);
    }
  }

  async function onSignOut() {
    setSigningOut(true);
    await signOutToHome();
  }

  const name = displayName(user);
  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openMenu("first"))}
        onKeyDown={onButtonKeyDown}
        className="flex h-9 max-w-56 items-center gap-2 rounded-full border border-slate-200 bg-white py-1 pr-2.5 pl-1 text-sm font-medium text-slate-800 transition-colors hover:bg-slate-50 aria-expanded:bg-slate-50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800 dark:aria-expanded:bg-slate-800"
      >
        <Avatar user={user} />
        <span className="truncate">{name}</span>
        <ChevronDownIcon className="size-4 shrink-0 text-slate-500" />
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label="Account"
          tabIndex={-1}
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 z-50 mt-2 w-64 origin-top-right animate-fade-in rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg shadow-slate-900/5 dark:border-slate-800 dark:bg-slate-900 dark:shadow-black/40"
        >
          <div role="presentation" className="border-b border-slate-100 px-2.5 pt-1.5 pb-2.5 dark:border-slate-800">
            <p className="truncate text-sm font-medium text-slate-900 dark:text-white">{name}</p>
            {user.name && <p className="truncate text-xs text-slate-500 dark:text-slate-400">{user.email}</p>}
            <div className="mt-2 flex gap-1.5">
              <Badge tone={user.isPro ? "indigo" : "neutral"}>{user.isPro ? "Pro" : "Free plan"}</Badge>
              {user.role === "ADMIN" && <Badge tone="amber">Admin</Badge>}
            </div>
          </div>
          <div role="presentation" className="pt-1.5">
            {accountNav.map((item) => (
              <Link key={item.href} href={item.href} role="menuitem" tabIndex={-1} className={itemClasses} onClick={() => close(false)}>
                <UserIcon className="size-4 text-slate-500" />
                {item.label}
              </Link>
            ))}
            <button type="button" role="menuitem" tabIndex={-1} className={itemClasses} onClick={onSignOut} disabled={signingOut}>
              <SignOutIcon className="size-4 text-slate-500" />
              {signingOut ? "Signing out…" : "Sign out"}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
