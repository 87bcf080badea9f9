import { headers } from "next/headers";
import { getRuntimeConfig } from "@/lib/server/config";
import { requestOrigin } from "@/lib/server/http/request-guards";

/**
 * One line on any page opened at an address the site is not served at (issue 13): another name
 * of the same machine, a LAN address, a proxy's internal name. Sign-in, forms and the terminal
 * only work at the configured address (their Origin checks refuse the rest), so say where it is.
 */
export async function OriginNotice() {
  const config = getRuntimeConfig();
  const h = await headers();
  const origin = requestOrigin(h.get("host"), h.get("x-forwarded-proto"), config);
  if (origin === null || config.acceptedOrigins.includes(origin)) return null;
  return (
    <p
      role="note"
      className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200"
    >
      This site is served at{" "}
      <a href={config.appUrl} className="font-medium underline underline-offset-2">
        {config.appUrl}
      </a>
      : sign-in, forms and the terminal work only there{config.appUrlConfigured ? "" : " (or set APP_URL to the address you use)"}.
    </p>
  );
}
