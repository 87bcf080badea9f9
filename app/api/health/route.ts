// GET /api/health – liveness and database reachability (for load balancers and the test harness)
import { NextResponse } from "next/server";
import { getPrisma } from "@/lib/server/db/client";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await getPrisma().$queryRaw`SELECT 1`;
    return NextResponse.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return NextResponse.json({ ok: false, error: "database unreachable" }, { status: 503 });
  }
}
