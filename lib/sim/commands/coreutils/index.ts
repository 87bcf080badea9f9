/** Every shell builtin and coreutil the terminal offers, in `help` order (sorted there). */
import type { Command } from "../../types";
import { builtins } from "./builtins";
import { cat, chmod, cp, less, mkdir, more, mv, rm, stat, tee, touch } from "./files";
import { base64, cut, echo, head, sort, tail, tr, uniq, wc } from "./filters";
import { grep } from "./grep";
import { ls } from "./ls";
import { basenameCmd, date, dirnameCmd, env, hostname, printenv, sleep, whoami } from "./system";

export const coreutils: Command[] = [
  ...builtins,
  ls, cat, less, more, mkdir, rm, cp, mv, touch, tee, chmod, stat,
  echo, head, tail, wc, sort, uniq, cut, tr, base64, grep,
  date, whoami, hostname, env, printenv, sleep, basenameCmd, dirnameCmd,
];
