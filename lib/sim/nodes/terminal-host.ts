/**
 * What holds the terminal besides the node's own shell: a container's shell (kubectl exec -it,
 * run -it: commands/kubectl/exec-session.ts) or a shell on a node over ssh (ssh-session.ts). One
 * AttachedShellHost (core/sim-engine.ts) serves both; a container shell opened from a node's shell
 * cannot happen (kubectl on a worker has no kubeconfig), so at most one of them is set.
 */
import { attachedComplete, attachedPrompt, runAttachedLine } from "../commands/kubectl/exec-session";
import type { AttachedShellHost } from "../core/sim-engine";
import { Vfs } from "../fs/vfs";
import type { Command } from "../types";
import { findNode, isControlPlane } from "./hosts";
import { hostVfs } from "./node-view";
import { runSessionLine, sessionComplete, sessionPrompt } from "./ssh-session";

export function terminalHost(commands: ReadonlyMap<string, Command>): AttachedShellHost {
  return {
    prompt: (state) => (state.shell.attached ? attachedPrompt(state) : sessionPrompt(state)),
    run: (line, ctx) => (ctx.state.shell.attached ? runAttachedLine(line, ctx) : runSessionLine(line, ctx, commands)),
    complete: (line, cursor, state, now) =>
      state.shell.attached
        ? attachedComplete(line, cursor, state, now)
        : sessionComplete(line, cursor, state, now, new Vfs(state.fs, () => now), commands),
    files(state, _cpFs, now, random) {
      const s = state.shell.ssh;
      const node = s && findNode(state, s.host);
      if (!node || isControlPlane(state, node.name)) return undefined;
      return hostVfs(state, node, now, random);
    },
  };
}
