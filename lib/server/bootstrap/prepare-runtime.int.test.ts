/**
 * First start and every start after it (issue 2 item 3; security.md A9): the embedded database
 * with generated secrets kept beside it, the first admin seeded once with a random password shown
 * once, and one clear line when the configuration or the database is wrong.
 */
import { mkdtempSync, chmodSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/db";
import { verifyPassword } from "@/lib/server/auth/password";
import { createPrismaClient } from "@/lib/server/db/client";
import { prepareRuntime } from "./prepare-runtime";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "kubeyard-runtime-"));
  chmodSync(dataDir, 0o755);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("embedded mode (DATABASE_URL unset)", () => {
  it("seeds the admin once with a random password printed once, and keeps its secrets across starts", async () => {
    const port = await freePort();
    const dir = join(dataDir, "app");
    const first: string[] = [];
    const rt1 = await prepareRuntime({ dataDir: dir, embeddedPort: port, log: (m) => first.push(m) });
    let password: string;
    try {
      expect(rt1.embedded).toBe(true);
      const banner = first.filter((m) => m.includes("password:"));
      expect(banner).toHaveLength(1);
      password = /password: (\S+)/.exec(banner[0])![1];
      expect(password.length).toBeGreaterThanOrEqual(20);
      expect(banner[0]).toContain("admin@kubeyard.local");

      const prisma = createPrismaClient(rt1.databaseUrl, { poolSize: 1 });
      const admins = await prisma.user.findMany({ where: { role: "ADMIN" } });
      await prisma.$disconnect();
      expect(admins).toHaveLength(1);
      expect(await verifyPassword(admins[0].passwordHash!, password)).toBe(true);
    } finally {
      await rt1.stop();
    }

    const secretsPath = join(dir, "secrets.json");
    expect(statSync(secretsPath).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(secretsPath, "utf8")) as { authSecret: string; postgresPassword: string };
    expect(secrets.authSecret).toBe(rt1.authSecret);
    expect(rt1.authSecret.length).toBeGreaterThanOrEqual(32);
    // Neither the admin password nor a fixed default is written anywhere.
    expect(readFileSync(secretsPath, "utf8")).not.toContain(password);

    const second: string[] = [];
    const rt2 = await prepareRuntime({ dataDir: dir, embeddedPort: port, log: (m) => second.push(m) });
    try {
      expect(rt2.authSecret).toBe(rt1.authSecret);
      expect(rt2.databaseUrl).toBe(rt1.databaseUrl);
      expect(second.join("\n")).not.toMatch(/password:/);
      expect(second.join("\n")).not.toContain(password);
      const prisma = createPrismaClient(rt2.databaseUrl, { poolSize: 1 });
      expect(await prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
      await prisma.$disconnect();
    } finally {
      await rt2.stop();
    }
  });

  it("names the port and the variable to change when the embedded port is taken", async () => {
    const blocker: Server = await new Promise((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => resolve(s));
    });
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await prepareRuntime({ dataDir: join(dataDir, "busy"), embeddedPort: port, log: () => undefined }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe(
        `Port ${port} is already in use, so the embedded PostgreSQL cannot start. Set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to use your own PostgreSQL).`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe("external database (DATABASE_URL set)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db?.drop());

  it("requires AUTH_SECRET, naming it", async () => {
    await expect(prepareRuntime({ databaseUrl: db.url, dataDir, embeddedPort: 1, log: () => undefined })).rejects.toThrow(
      /^AUTH_SECRET is required when DATABASE_URL is set/,
    );
  });

  it("starts nothing, uses the configured admin credentials and prints no password", async () => {
    const logs: string[] = [];
    const opts = {
      databaseUrl: db.url,
      dataDir: join(dataDir, "unused"),
      embeddedPort: 1,
      authSecret: "s".repeat(40),
      adminEmail: "Ops@Example.com",
      adminPassword: "a long operator passphrase",
      log: (m: string) => logs.push(m),
    };
    const rt = await prepareRuntime(opts);
    expect(rt).toMatchObject({ databaseUrl: db.url, authSecret: "s".repeat(40), embedded: false });
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(admin.role).toBe("ADMIN");
    expect(await verifyPassword(admin.passwordHash!, "a long operator passphrase")).toBe(true);
    expect(logs.join("\n")).not.toContain("a long operator passphrase");

    await prepareRuntime(opts); // a restart changes nothing
    expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
    expect(() => statSync(join(dataDir, "unused"))).toThrow(); // no embedded data dir, no secrets file
  });

  it("gives one clear line for an unreachable database", async () => {
    const port = await freePort();
    const err = await prepareRuntime({
      databaseUrl: `postgresql://kubeyard:pw@127.0.0.1:${port}/kubeyard`,
      dataDir,
      embeddedPort: 1,
      authSecret: "s".repeat(40),
      log: () => undefined,
    }).catch((e: Error) => e);
    expect((err as Error).message).toBe(`Cannot reach PostgreSQL at 127.0.0.1:${port}/kubeyard (ECONNREFUSED). Check DATABASE_URL.`);
  });

  it("gives one clear line for wrong credentials, without echoing the password", async () => {
    const bad = new URL(db.url);
    bad.password = "definitely-wrong";
    const err = await prepareRuntime({
      databaseUrl: bad.toString(),
      dataDir,
      embeddedPort: 1,
      authSecret: "s".repeat(40),
      log: () => undefined,
    }).catch((e: Error) => e);
    expect((err as Error).message).toMatch(
      /^PostgreSQL at 127\.0\.0\.1:\d+\/kubeyard_test_\w+ refused the credentials in DATABASE_URL \(authentication failed\)\.$/,
    );
    expect((err as Error).message).not.toContain("definitely-wrong");
  });
});
