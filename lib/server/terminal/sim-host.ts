/**
 * The main thread's side of the simulator workers: which worker runs which learner's clusters,
 * and a RemoteSim per loaded cluster that the LiveSession talks to. All of a learner's clusters
 * live in one worker, chosen as the one with the fewest learners when their first cluster
 * loads, so a learner's heavy work shares a worker with as few others as possible, and within a
 * worker the fair queue puts lighter learners first. Keys a worker asks for come from the pool.
 */
import "server-only";
import { availableParallelism } from "node:os";
import type { CheckName, CheckResult, ScenarioSetupStep } from "@/lib/course/types";
import type { SavedState, KeyAlgorithm, KeyPair, StateDelta } from "@/lib/sim";
import type { Completion } from "@/lib/sim/shell/complete";
import { WorkerPool } from "@/lib/server/workers/pool";
import type {
  ApiAnswer,
  ApiCall,
  ApiPumpResult,
  ClockResult,
  ExecResult,
  ForegroundStepResult,
  ShellView,
  SimJob,
  SimRequest,
} from "@/lib/server/workers/sim-jobs";
import type { KeygenJob, KeygenResult } from "@/lib/server/workers/keygen-main";
import { KeyPool } from "./key-pool";

/** Heap per simulator worker: a runaway cluster ends that worker (its clusters reload), never the server (D5). */
const SIM_WORKER_HEAP_MB = 1024;

export interface SimHostOptions {
  /** simulator workers; default one per core, at least 2 */
  simWorkers?: number;
  keyPoolTarget: number;
  keyPoolFile?: string;
  /** a worker died: these sessions lost their in-memory cluster */
  onClustersLost: (sessionIds: string[]) => void;
}

export class SimHost {
  readonly keys: KeyPool;
  private readonly sims: WorkerPool;
  private readonly keygen: WorkerPool;
  /** learner → worker index, while the learner has a loaded cluster */
  private readonly home = new Map<string, { worker: number; sessions: Set<string> }>();

  constructor(opts: SimHostOptions) {
    this.keygen = new WorkerPool({
      name: "keygen",
      entry: new URL("../workers/keygen-worker.mjs", import.meta.url),
      size: 1,
      niceness: 10,
    });
    this.keys = new KeyPool({
      target: opts.keyPoolTarget,
      file: opts.keyPoolFile,
      generate: (tenant, bits) => this.keygen.run<KeygenResult>(tenant, { bits } satisfies KeygenJob),
    });
    this.sims = new WorkerPool({
      name: "sim",
      entry: new URL("../workers/sim-worker.mjs", import.meta.url),
      size: opts.simWorkers ?? Math.max(2, availableParallelism()),
      niceness: 2,
      resourceLimits: { maxOldGenerationSizeMb: SIM_WORKER_HEAP_MB },
      onRequest: (req, tenant) => this.serveKey(req as SimRequest, tenant),
      onWorkerLost: (index, err) => {
        const lost: string[] = [];
        for (const [learner, h] of this.home) {
          if (h.worker !== index) continue;
          lost.push(...h.sessions);
          this.home.delete(learner);
        }
        console.error(`kubeyard: simulator worker ${index} stopped (${err.message}); ${lost.length} cluster(s) reload from the database`);
        opts.onClustersLost(lost);
      },
    });
  }

  /** A fresh cluster's state, broken by a scenario's `setup` if given, made in the learner's worker (or the least busy one). */
  create(learner: string, keyAlgorithm: KeyAlgorithm, setup?: ScenarioSetupStep[]): Promise<SavedState> {
    const worker = this.home.get(learner)?.worker ?? this.leastLoaded();
    const seed = Math.floor(Math.random() * 2 ** 32);
    return this.sims.run<SavedState>(learner, { t: "create", seed, keyAlgorithm, ...(setup ? { setup } : {}) } satisfies SimJob, {
      worker,
    });
  }

  /** Loads a stored cluster (snapshot + later deltas) into the learner's worker. */
  async load(learner: string, session: string, snapshot: SavedState, deltas: StateDelta[]): Promise<RemoteSim> {
    let h = this.home.get(learner);
    if (!h) this.home.set(learner, (h = { worker: this.leastLoaded(), sessions: new Set() }));
    h.sessions.add(session);
    const home = h;
    try {
      const view = await this.sims.run<ShellView>(learner, { t: "load", session, snapshot, deltas } satisfies SimJob, {
        worker: home.worker,
      });
      return new RemoteSim(this.sims, learner, session, home.worker, view, () => this.release(learner, session));
    } catch (err) {
      this.release(learner, session);
      throw err;
    }
  }

  /** Worker jobs waiting for a learner (for tests and metrics). */
  waiting(learner: string): number {
    return this.sims.waiting(learner);
  }

  async stop(): Promise<void> {
    this.keys.stop();
    await Promise.all([this.sims.stop(), this.keygen.stop()]);
  }

  private release(learner: string, session: string): void {
    const h = this.home.get(learner);
    if (!h) return;
    h.sessions.delete(session);
    if (h.sessions.size === 0) this.home.delete(learner);
  }

  private leastLoaded(): number {
    const learners = new Array<number>(this.sims.size).fill(0);
    for (const h of this.home.values()) learners[h.worker]++;
    return learners.indexOf(Math.min(...learners));
  }

  private async serveKey(req: SimRequest, tenant: string | null): Promise<KeyPair | { privateKeyPem: string; publicKeyPem: string }> {
    if ("key" in req) return this.keys.takeRsa2048(tenant);
    return this.keys.rsaOfSize(tenant, req.rsaBits);
  }
}

/** A cluster loaded in a worker. Calls on one cluster are made one at a time (LiveSession's queue). */
export class RemoteSim {
  private view: ShellView;

  constructor(
    private readonly pool: WorkerPool,
    private readonly learner: string,
    readonly session: string,
    private readonly worker: number,
    view: ShellView,
    private readonly onUnload: () => void,
  ) {
    this.view = view;
  }

  prompt(): string {
    return this.view.prompt;
  }

  get history(): readonly string[] {
    return this.view.history;
  }

  now(): number {
    return this.view.now;
  }

  /** Who holds the terminal: the prompt, an editor (raw) or a foreground program. */
  mode(): ShellView["mode"] {
    return this.view.mode;
  }

  /** `size`: the terminal an editor this line opens draws on. */
  async exec(line: string, size = { cols: 80, rows: 24 }): Promise<ExecResult> {
    const r = await this.run<ExecResult>({ t: "exec", session: this.session, line, ...size });
    this.view = { prompt: r.prompt, history: r.history, now: r.now, mode: r.mode };
    return r;
  }

  /** Ctrl-D at an empty prompt: the shell exits, and prints what bash does at end of input. */
  async endOfInput(size = { cols: 80, rows: 24 }): Promise<ExecResult> {
    const r = await this.run<ExecResult>({ t: "endOfInput", session: this.session, ...size });
    this.view = { prompt: r.prompt, history: r.history, now: r.now, mode: r.mode };
    return r;
  }

  async editorInput(data: string, checkpoint: boolean): Promise<ForegroundStepResult> {
    return this.step(await this.run<ForegroundStepResult>({ t: "editorInput", session: this.session, data, checkpoint }));
  }

  editorCheckpoint(): Promise<StateDelta> {
    return this.run<StateDelta>({ t: "editorCheckpoint", session: this.session });
  }

  async programTick(): Promise<ForegroundStepResult> {
    return this.step(await this.run<ForegroundStepResult>({ t: "programTick", session: this.session }));
  }

  async programInterrupt(): Promise<ForegroundStepResult> {
    return this.step(await this.run<ForegroundStepResult>({ t: "programInterrupt", session: this.session }));
  }

  /** The editor's or program's whole screen ("" at the prompt). */
  screen(): Promise<string> {
    return this.run<string>({ t: "screen", session: this.session });
  }

  resize(cols: number, rows: number): Promise<string> {
    return this.run<string>({ t: "resize", session: this.session, cols, rows });
  }

  private step(r: ForegroundStepResult): ForegroundStepResult {
    this.view = { prompt: r.prompt, history: r.history, now: r.now, mode: r.mode };
    return r;
  }

  complete(line: string, cursor: number): Promise<Completion> {
    return this.run<Completion>({ t: "complete", session: this.session, line, cursor });
  }

  needsMoreInput(text: string): Promise<boolean> {
    return this.run<boolean>({ t: "needsMoreInput", session: this.session, text });
  }

  /** Swaps in another state (a reset), under the same session. */
  async replace(state: SavedState): Promise<void> {
    this.view = await this.run<ShellView>({ t: "load", session: this.session, snapshot: state, deltas: [] });
  }

  serialize(): Promise<SavedState> {
    return this.run<SavedState>({ t: "serialize", session: this.session });
  }

  async advanceClock(ms: number): Promise<ClockResult> {
    const r = await this.run<ClockResult>({ t: "advanceClock", session: this.session, ms });
    this.view = { prompt: r.prompt, history: r.history, now: r.now, mode: r.mode };
    return r;
  }

  check(name: CheckName, props: Record<string, string>): Promise<CheckResult> {
    return this.run<CheckResult>({ t: "check", session: this.session, name, props });
  }

  /** A request from the learner's own kubectl, answered by the cluster's apiserver in the worker. */
  api(call: ApiCall): Promise<ApiAnswer> {
    return this.run<ApiAnswer>({ t: "api", session: this.session, call });
  }

  /** Settles the controllers to now and drains the open API streams. */
  apiPump(): Promise<ApiPumpResult> {
    return this.run<ApiPumpResult>({ t: "apiPump", session: this.session });
  }

  apiStreamClose(id: number): Promise<void> {
    return this.run<void>({ t: "apiStreamClose", session: this.session, id });
  }

  /** Frees the worker's copy (the cluster stays in the database). */
  async unload(): Promise<void> {
    this.onUnload();
    await this.run({ t: "unload", session: this.session }).catch(() => undefined);
  }

  private run<T>(job: SimJob): Promise<T> {
    return this.pool.run<T>(this.learner, job, { worker: this.worker });
  }
}
