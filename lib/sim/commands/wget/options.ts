/** BusyBox wget's options (networking/wget.c wget_main: getopt32 "cqSO:o:P:Y:U:T:+t:n::" and wget_longopts, v1.36) and its usage text. */

export const USAGE = `BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]
	[--post-data STR | --post-file FILE] [-Y on/off]
	[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...

Retrieve files via HTTP or FTP

	--spider	Only check URL existence: $? is 0 if exists
	--header STR	Add STR (of form 'header: value') to headers
	--post-data STR	Send STR using POST method
	--post-file FILE	Send FILE using POST method
	--no-check-certificate	Don't validate the server's certificate
	-c		Continue retrieval of aborted transfer
	-q		Quiet
	-P DIR		Save to DIR (default .)
	-S    		Show server response
	-T SEC		Network read timeout is SEC seconds
	-O FILE		Save to FILE ('-' for stdout)
	-o LOGFILE	Log messages to FILE
	-U STR		Use STR for User-Agent header
	-Y on/off	Use proxy
`;

export interface WgetOptions {
  quiet: boolean;
  serverResponse: boolean;
  spider: boolean;
  output?: string;
  prefix?: string;
  userAgent: string;
  headers: string[];
  postData?: string;
  urls: string[];
}

const WITH_ARG = new Set(["O", "o", "P", "Y", "U", "T", "t"]);
const LONG: Record<string, { opt: string; arg: boolean }> = {
  continue: { opt: "c", arg: false },
  quiet: { opt: "q", arg: false },
  "server-response": { opt: "S", arg: false },
  "output-document": { opt: "O", arg: true },
  "output-file": { opt: "o", arg: true },
  "directory-prefix": { opt: "P", arg: true },
  proxy: { opt: "Y", arg: true },
  "user-agent": { opt: "U", arg: true },
  timeout: { opt: "T", arg: true },
  tries: { opt: "t", arg: true },
  header: { opt: "header", arg: true },
  "post-data": { opt: "post-data", arg: true },
  spider: { opt: "spider", arg: false },
  "no-check-certificate": { opt: "", arg: false },
  "passive-ftp": { opt: "", arg: false },
  "no-cache": { opt: "", arg: false },
  "no-verbose": { opt: "", arg: false },
  "no-clobber": { opt: "", arg: false },
  "no-host-directories": { opt: "", arg: false },
  "no-parent": { opt: "", arg: false },
};

/** getopt32 with "cqSO:o:P:Y:U:T:+t:n::" and the long options; a bad option is libc's message and the usage. */
export function parseWgetArgs(args: string[]): WgetOptions | { error: string } {
  const o: WgetOptions = { quiet: false, serverResponse: false, spider: false, userAgent: "Wget", headers: [], urls: [] };
  const set = (opt: string, val: string) => {
    if (opt === "q") o.quiet = true;
    else if (opt === "S") o.serverResponse = true;
    else if (opt === "O") o.output = val;
    else if (opt === "P") o.prefix = val;
    else if (opt === "U") o.userAgent = val;
    else if (opt === "header") o.headers.push(val);
    else if (opt === "post-data") o.postData = val;
    else if (opt === "spider") o.spider = true;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--") {
      o.urls.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      const l = LONG[name];
      if (!l) return { error: `wget: unrecognized option '${a}'\n${USAGE}` };
      if (l.arg && inline === undefined && i + 1 >= args.length)
        return { error: `wget: option '--${name}' requires an argument\n${USAGE}` };
      set(l.opt, l.arg ? (inline ?? args[++i]) : "");
      continue;
    }
    if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === "n") break; // -n[ARG]: -nv, -nc, -nH, -np are accepted and ignored
        if (WITH_ARG.has(c)) {
          const val = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (val === undefined) return { error: `wget: option requires an argument -- '${c}'\n${USAGE}` };
          set(c, val);
          break;
        }
        if (!"cqS".includes(c)) return { error: `wget: invalid option -- '${c}'\n${USAGE}` };
        set(c, "");
      }
      continue;
    }
    o.urls.push(a);
  }
  if (!o.urls.length) return { error: USAGE };
  return o;
}
