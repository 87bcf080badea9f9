/**
 * Simulator worker: runs learners' clusters off the main event loop (issue 10). Each loaded
 * cluster lives in exactly one worker (its learner's), and every command, completion, snapshot
 * and task check on it runs here. RSA keys come from the main thread's pool and key workers,
 * asked for per job; P-256 keys cost microseconds and are made here.
 */
import "server-only";
import { generateKeyPairSync } from "node:crypto";
import { runCheck } from "@/lib/course/checks";
import { runScenarioSetup } from "@/lib/course/scenario-replay";
import { applyDelta, Simulator, type KeyAlgorithm, type KeyPair, type KeySource } from "@/lib/sim";
import { adminIdentity } from "@/lib/sim/api/http/admin-identity";
import { handle } from "@/lib/sim/api/http/handler";
import { clusterHost } from "@/lib/sim/api/http/host";
import { isWatch, type WatchStream } from "@/lib/sim/api/http/types";
import { serve, type JobContext } from "./worker-runtime";
import type { ApiAnswer, ApiPumpResult, ClockResult, ExecResult, ForegroundStepResult, ShellView, SimJob, SimRequest } from "./sim-jobs";

const clock = { now: () => Date.now() };

/** Keys for one cluster: the current job's context carries the requests to the main thread. */
class WorkerKeys implements KeySource {
  ctx: JobContext | null = null;

  async take(algorithm: KeyAlgorithm): Promise<KeyPair> {
    if (algorithm === "ecdsa-p256") {
      const { privateKey, publicKey } = generateKeyPairSync("ec", {
        namedCurve: "P-256",
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs8", format: "pem" },
      });
      return { algorithm, privateKeyPem: privateKey, publicKeyPem: publicKey };
    }
    return (await this.ask({ key: "rsa-2048" })) as KeyPair;
  }

  /** Other RSA sizes (genrsa 3072, 4096): lib/sim/commands/openssl/genkey.ts looks for this method. */
  async rsaPrivateKeyPem(bits: number): Promise<string> {
    return ((await this.ask({ rsaBits: bits })) as KeyPair).privateKeyPem;
  }

  private ask(req: SimRequest): Promise<unknown> {
    if (!this.ctx) return Promise.reject(new Error("a key was asked for outside a job"));
    return this.ctx.request(req);
  }
}

interface LoadedCluster {
  sim: Simulator;
  keys: WorkerKeys;
  /** open API streams (watches, logs -f) of the learner's own kubectl, by id */
  streams: Map<number, WatchStream>;
  nextStream: number;
}

const clusters = new Map<string, LoadedCluster>();

function loaded(session: string, ctx: JobContext): LoadedCluster {
  const c = clusters.get(session);
  if (!c) throw new Error(`cluster ${session} is not loaded in this worker`);
  c.keys.ctx = ctx;
  return c;
}

function cluster(session: string, ctx: JobContext) {
  return loaded(session, ctx).sim;
}

function view(sim: Simulator): ShellView {
  return { prompt: sim.prompt(), history: [...sim.state.shell.history], now: sim.now(), mode: sim.terminalMode() };
}

serve(async (payload, ctx) => {
  const job = payload as SimJob;
  switch (job.t) {
    case "create": {
      const keys = new WorkerKeys();
      keys.ctx = ctx;
      const sim = await Simulator.create({ clock, keys, seed: job.seed, config: { keyAlgorithm: job.keyAlgorithm } });
      if (job.setup) {
        // the content check proved this setup runs cleanly on a fresh cluster; a failure here is logged, not shown
        const { problems } = await runScenarioSetup(sim, job.setup);
        for (const p of problems) console.error(`scenario setup: ${p}`);
      }
      return sim.serialize();
    }
    case "load": {
      const state = job.snapshot;
      for (const delta of job.deltas) applyDelta(state, delta);
      const keys = new WorkerKeys();
      const sim = Simulator.restore(state, { clock, keys });
      // a reload or a reset ends the streams of the cluster it replaces (the gateway closes them)
      clusters.set(job.session, { sim, keys, streams: new Map(), nextStream: 0 });
      return view(sim);
    }
    case "exec":
    case "endOfInput": {
      const sim = cluster(job.session, ctx);
      const size = { cols: job.cols, rows: job.rows };
      const r = job.t === "exec" ? await sim.exec(job.line, size) : await sim.endOfInput(size);
      const extra = { ...(r.screen !== undefined ? { screen: r.screen } : {}), ...(r.nextAt !== undefined ? { nextAt: r.nextAt } : {}) };
      return {
        output: r.output,
        exitCode: r.exitCode,
        exit: r.exit,
        clear: r.clear,
        delta: r.delta,
        ...extra,
        ...view(sim),
      } satisfies ExecResult;
    }
    case "editorInput": {
      const sim = cluster(job.session, ctx);
      return { ...(await sim.editorInput(job.data, job.checkpoint)), ...view(sim) } satisfies ForegroundStepResult;
    }
    case "editorCheckpoint":
      return cluster(job.session, ctx).editorCheckpoint();
    case "programTick": {
      const sim = cluster(job.session, ctx);
      return { ...(await sim.programTick()), ...view(sim) } satisfies ForegroundStepResult;
    }
    case "programInterrupt": {
      const sim = cluster(job.session, ctx);
      return { ...(await sim.programInterrupt()), ...view(sim) } satisfies ForegroundStepResult;
    }
    case "screen":
      return cluster(job.session, ctx).terminalScreen();
    case "resize":
      return cluster(job.session, ctx).resizeTerminal(job.cols, job.rows);
    case "complete":
      return cluster(job.session, ctx).complete(job.line, job.cursor);
    case "needsMoreInput":
      return cluster(job.session, ctx).needsMoreInput(job.text);
    case "serialize":
      return cluster(job.session, ctx).serialize();
    case "advanceClock": {
      const sim = cluster(job.session, ctx);
      sim.advanceClock(job.ms);
      const { shell, rng, resourceVersion, clockOffsetMs } = sim.state;
      return { delta: { fs: {}, shell, rng, resourceVersion, clockOffsetMs }, ...view(sim) } satisfies ClockResult;
    }
    case "check": {
      const sim = cluster(job.session, ctx);
      try {
        return await runCheck(job.name, job.props, sim);
      } catch (err) {
        console.error(`task check ${job.name} failed:`, err);
        return { passed: false, detail: "The check could not run. Try again in a moment." };
      }
    }
    case "api": {
      const c = loaded(job.session, ctx);
      const host = clusterHost(c.sim);
      const user = adminIdentity(c.sim.vfs, c.sim.now());
      const { value: r, delta } = await c.sim.transact(() => handle(host, { ...job.call, user }));
      const changed = delta ? { delta } : {};
      if (!isWatch(r)) return { t: "response", status: r.status, headers: r.headers, body: r.body, ...changed } satisfies ApiAnswer;
      const id = ++c.nextStream;
      c.streams.set(id, r.watch);
      return { t: "stream", id, status: r.status, headers: r.headers, ...changed } satisfies ApiAnswer;
    }
    case "apiPump": {
      const c = loaded(job.session, ctx);
      if (c.streams.size === 0) return { streams: [] } satisfies ApiPumpResult;
      const host = clusterHost(c.sim);
      const { value: streams, delta } = await c.sim.transact(async () => {
        await host.settle();
        return [...c.streams].map(([id, w]) => {
          const chunks = w.take();
          if (w.done) c.streams.delete(id);
          return { id, chunks, done: w.done };
        });
      });
      return { streams, ...(delta ? { delta } : {}) } satisfies ApiPumpResult;
    }
    case "apiStreamClose":
      clusters.get(job.session)?.streams.delete(job.id);
      return null;
    case "unload":
      clusters.delete(job.session);
      return null;
    default: {
      const unknown: never = job;
      throw new Error(`unknown simulator job ${JSON.stringify(unknown)}`);
    }
  }
});
