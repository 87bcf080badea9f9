/**
 * File names as the editors show them. vim keeps the name as it was given (after the shell's
 * expansion) and shows a leading $HOME as "~" (home_replace()); `vim /root/web.yaml` says
 * "~/web.yaml", `vim web.yaml` says "web.yaml".
 */

export function resolveEditorPath(name: string, cwd: string, home: string): string {
  let p = name;
  if (p === "~" || p.startsWith("~/")) p = home + p.slice(1);
  const full = p.startsWith("/") ? p : `${cwd.replace(/\/$/, "")}/${p}`;
  const parts: string[] = [];
  for (const seg of full.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return "/" + parts.join("/");
}

/** The name as given, with $HOME shown as "~". */
export function displayName(given: string, home: string): string {
  const h = home.replace(/\/$/, "");
  if (h && (given === h || given.startsWith(h + "/"))) return "~" + given.slice(h.length);
  return given;
}
