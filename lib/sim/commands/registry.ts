/**
 * Every command of the terminal, by name: the shell builtins and coreutils, plus kubectl,
 * kubeadm, openssl and etcdctl. A lesson's commands are checked against this list when the
 * content check replays them (scripts/check-content.ts), not by a type.
 */
import type { Command } from "../types";
import { coreutils } from "./coreutils";
import { crictl } from "./crictl";
import { curl } from "./curl";
import { journalctl } from "./journalctl";
import { systemctl } from "./systemctl";
import { editors } from "./editors";
import { etcdctl } from "./etcdctl";
import { kubeadm } from "./kubeadm";
import { kubectl } from "./kubectl";
import { nc } from "./nc";
import { openssl } from "./openssl";
import { textTools } from "./text-tools";
import { watch } from "./watch";
import { ssh } from "../nodes/ssh";

export const commands: readonly Command[] = [
  ...coreutils,
  ...textTools,
  kubectl,
  kubeadm,
  openssl,
  etcdctl,
  ...editors,
  watch,
  crictl,
  curl,
  systemctl,
  journalctl,
  nc,
  ssh,
];

export function commandMap(extra: Iterable<Command> = []): Map<string, Command> {
  const map = new Map<string, Command>();
  for (const c of [...commands, ...extra]) map.set(c.name, c);
  return map;
}
