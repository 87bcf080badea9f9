/** Every coreutil and small tool the terminal offers, in `help` order (sorted there). */
import type { Command } from "../../types";
import { builtins } from "./builtins";
import { cmp, diff } from "./diff";
import { df, du, md5sum, sha1sum, sha256sum, sha512sum, stat } from "./disk";
import { cat, chmod, cp, less, mkdir, more, mv, rm, tee, touch } from "./files";
import { base64, cut, echo, head, tail, tr, uniq, wc } from "./filters";
import { find } from "./find";
import { grep } from "./grep";
import { ls } from "./ls";
import { ip, ps } from "./node-info";
import { od } from "./od";
import { sort } from "./sort";
import { basenameCmd, date, dirnameCmd, env, hostname, printenv, sleep, whoami } from "./system";
import { column, expr, fold, nl, paste, printf, rev, seq, tac, yes } from "./text-tools";
import { xargs } from "./xargs";

export const coreutils: Command[] = [
  ...builtins,
  ls,
  cat,
  less,
  more,
  mkdir,
  rm,
  cp,
  mv,
  touch,
  tee,
  chmod,
  stat,
  du,
  df,
  find,
  md5sum,
  sha1sum,
  sha256sum,
  sha512sum,
  diff,
  cmp,
  echo,
  printf,
  head,
  tail,
  wc,
  sort,
  uniq,
  cut,
  tr,
  base64,
  grep,
  seq,
  yes,
  rev,
  tac,
  nl,
  fold,
  paste,
  column,
  expr,
  xargs,
  od,
  date,
  whoami,
  hostname,
  env,
  printenv,
  sleep,
  basenameCmd,
  dirnameCmd,
  ip,
  ps,
];
