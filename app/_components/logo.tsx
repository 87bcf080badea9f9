import Link from "next/link";
import { site } from "@/lib/config/site";

/** The mark: a helm-like heptagon (Kubernetes has seven spokes) around a yard "k". */
export function LogoMark({ className = "size-7" }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className={className}>
      <path d="M16 2.5 26.6 7.6l2.6 11.5-7.3 9.2H10.1l-7.3-9.2L5.4 7.6 16 2.5Z" className="fill-indigo-600 dark:fill-indigo-500" />
      <path
        d="M12 9.5v13M12 16.5l6.5-6.5M14.6 14l4.4 8.5"
        fill="none"
        stroke="white"
        strokeWidth="2.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Logo() {
  return (
    <Link
      href="/"
      className="-m-1 flex shrink-0 items-center gap-2 rounded-md p-1 text-slate-900 dark:text-white"
      aria-label={`${site.name} home`}
    >
      <LogoMark />
      <span className="text-[1.05rem] font-semibold tracking-tight">{site.name}</span>
    </Link>
  );
}
