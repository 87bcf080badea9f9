/**
 * Site navigation as data. The header (desktop and mobile) and the footer render these lists;
 * `visibleNav` decides which entries a visitor sees. Hiding a link is only a convenience: every
 * protected page checks access on the server (requireUser / requireAdmin).
 */
export type NavAudience = "everyone" | "signed-out" | "signed-in" | "admin";

export interface NavItem {
  label: string;
  href: string;
  audience: NavAudience;
}

/** The minimum the navigation needs to know about a visitor. */
export interface NavViewer {
  role: "LEARNER" | "ADMIN";
}

export const mainNav: readonly NavItem[] = [
  { label: "Courses", href: "/courses", audience: "everyone" },
  { label: "Dashboard", href: "/dashboard", audience: "signed-in" },
  { label: "Pricing", href: "/pricing", audience: "everyone" },
  { label: "Admin", href: "/admin", audience: "admin" },
];

export const accountNav: readonly NavItem[] = [{ label: "Account", href: "/account", audience: "signed-in" }];

export const footerNav: readonly { title: string; items: readonly NavItem[] }[] = [
  {
    title: "Learn",
    items: [
      { label: "Courses", href: "/courses", audience: "everyone" },
      { label: "Practice cluster", href: "/lab", audience: "everyone" },
      { label: "Pricing", href: "/pricing", audience: "everyone" },
    ],
  },
  {
    title: "Account",
    items: [
      { label: "Sign in", href: "/sign-in", audience: "signed-out" },
      { label: "Create account", href: "/sign-up", audience: "signed-out" },
      { label: "Dashboard", href: "/dashboard", audience: "signed-in" },
      { label: "Account settings", href: "/account", audience: "signed-in" },
    ],
  },
];

export function visibleNav(items: readonly NavItem[], viewer: NavViewer | null): NavItem[] {
  return items.filter(
    (item) =>
      item.audience === "everyone" ||
      (item.audience === "signed-out" && viewer === null) ||
      (item.audience === "signed-in" && viewer !== null) ||
      (item.audience === "admin" && viewer?.role === "ADMIN"),
  );
}

/** True when `pathname` is the item's page or one below it (for aria-current). */
export function isActive(href: string, pathname: string | null): boolean {
  if (!pathname) return false;
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}
