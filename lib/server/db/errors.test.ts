import { describe, expect, it } from "vitest";
import { describeDbError, describeTarget } from "./errors";

const url = "postgresql://kubeyard:s3cret@db.internal:6543/app";

describe("describeDbError", () => {
  it("names host, port and database, never the password", () => {
    expect(describeTarget(url)).toBe("db.internal:6543/app");
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:6543"), { code: "ECONNREFUSED" });
    expect(describeDbError(refused, url)).toBe("Cannot reach PostgreSQL at db.internal:6543/app (ECONNREFUSED). Check DATABASE_URL.");
    expect(describeDbError(Object.assign(new Error("x"), { code: "ENOTFOUND" }), url)).toMatch(/\(ENOTFOUND\)/);
  });

  it("tells authentication and missing-database failures apart", () => {
    expect(describeDbError(Object.assign(new Error('password authentication failed for user "kubeyard"'), { code: "28P01" }), url)).toBe(
      "PostgreSQL at db.internal:6543/app refused the credentials in DATABASE_URL (authentication failed).",
    );
    expect(describeDbError(Object.assign(new Error('database "app" does not exist'), { code: "3D000" }), url)).toMatch(/does not exist/);
  });

  it("keeps an unknown error to its first line and masks URLs with credentials", () => {
    const msg = describeDbError(new Error("boom at postgresql://u:pw@h/db\nstack line"), url);
    expect(msg).toBe("Database error at db.internal:6543/app: boom at postgresql://***@h/db");
  });
});
