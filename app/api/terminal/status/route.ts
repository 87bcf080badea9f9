// GET /api/terminal/status – why the terminal would or would not connect (the browser cannot
// read the HTTP status of a refused WebSocket upgrade, so the panel asks here)
import { NextResponse } from "next/server";
import { getSessionUser } from "@/lib/server/auth/session";

export const dynamic = "force-dynamic";

export async function GET() {
  const user = await getSessionUser();
  const state = !user ? "signed-out" : user.isPro ? "ok" : "gated";
  return NextResponse.json({ state }, { headers: { "Cache-Control": "no-store" } });
}
