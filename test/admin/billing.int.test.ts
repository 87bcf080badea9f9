/**
 * Payments on (security.md F2), over real HTTP: the production server runs with Stripe keys and
 * STRIPE_API_BASE pointing at a fake Stripe API in this process (nothing leaves the machine).
 * The upgrade button gets a Checkout URL and grants nothing; only Stripe's signed webhook grants
 * Pro, once per event id; unsigned, tampered and stale deliveries change nothing; cancellation
 * and refund end the grant; a cancellation delivered before its checkout wins.
 * Payloads are signed offline with stripe.webhooks.generateTestHeaderString.
 */
import { createServer, type Server } from "node:http";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../db";
import { HttpClient } from "../http-client";
import { freePort, startTestServer, type TestServer } from "../server";

const WEBHOOK_SECRET = "whsec_test_kubeyard_integration_secret";
const stripe = new Stripe("sk_test_kubeyard_fake");

let server: TestServer;
let db: TestDatabase;
let fake: Server;
const checkoutRequests: URLSearchParams[] = [];

interface Learner {
  client: HttpClient;
  id: string;
}

async function signUp(tag: string): Promise<Learner> {
  const client = new HttpClient(server.url);
  const email = `${tag}-${Date.now()}@int.test`;
  const password = `a long passphrase for ${tag}`;
  await client.postJson("/api/auth/sign-up", { name: tag, email, password });
  expect(await client.signIn(email, password)).toBeNull();
  return { client, id: (await db.prisma.user.findUniqueOrThrow({ where: { email } })).id };
}

let eventSeq = 0;
function event(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
  return {
    id: `evt_test_${Date.now()}_${eventSeq++}`,
    object: "event",
    type,
    created,
    api_version: Stripe.API_VERSION,
    livemode: false,
    data: { object },
  };
}
const session = (userId: string, sub: string, customer: string, created = Math.floor(Date.now() / 1000) - 60) => ({
  id: `cs_test_${sub}`,
  object: "checkout.session",
  mode: "subscription",
  payment_status: "paid",
  status: "complete",
  client_reference_id: userId,
  customer,
  subscription: sub,
  payment_intent: null,
  created,
  metadata: {},
});

async function deliver(payload: unknown, opts: { sign?: boolean; secret?: string; timestamp?: number; tamper?: boolean } = {}) {
  let body = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (opts.sign !== false) {
    headers["stripe-signature"] = stripe.webhooks.generateTestHeaderString({
      payload: body,
      secret: opts.secret ?? WEBHOOK_SECRET,
      timestamp: opts.timestamp,
    });
  }
  if (opts.tamper) body = body.replace('"paid"', '"paid" ');
  return fetch(`${server.url}/api/billing/webhook`, { method: "POST", headers, body });
}

const isPro = async (l: Learner) => ((await (await l.client.request("/api/terminal/status")).json()) as { state: string }).state === "ok";

beforeAll(async () => {
  const port = await freePort();
  fake = createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      if (req.method === "POST" && req.url === "/v1/checkout/sessions") {
        checkoutRequests.push(new URLSearchParams(data));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: "cs_test_fake", object: "checkout.session", url: "https://checkout.stripe.com/c/pay/cs_test_fake" }));
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "not faked", type: "invalid_request_error" } }));
      }
    });
  });
  await new Promise<void>((r) => fake.listen(port, "127.0.0.1", () => r()));
  db = await createTestDatabase();
  server = await startTestServer({
    databaseUrl: db.url,
    env: {
      STRIPE_SECRET_KEY: "sk_test_kubeyard_fake",
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_PRICE_ID: "price_test_pro",
      STRIPE_API_BASE: `http://127.0.0.1:${port}`,
    },
  });
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
  await new Promise((r) => fake?.close(r));
});

describe("upgrade with payments on", () => {
  it("returns a Stripe Checkout URL for the learner and grants nothing", async () => {
    const l = await signUp("checkout");
    const res = await l.client.postJson("/api/billing/upgrade", {});
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_fake" });
    const sent = checkoutRequests.at(-1)!;
    expect(sent.get("client_reference_id")).toBe(l.id);
    expect(sent.get("line_items[0][price]")).toBe("price_test_pro");
    expect(sent.get("mode")).toBe("subscription");
    expect(await db.prisma.entitlement.count({ where: { userId: l.id } })).toBe(0);
    expect(await isPro(l)).toBe(false);
  });
});

describe("F2: the webhook", () => {
  it("refuses unsigned, wrongly signed, tampered and stale deliveries and changes nothing", async () => {
    const l = await signUp("unsigned");
    const payload = event("checkout.session.completed", session(l.id, "sub_unsigned", "cus_unsigned"));
    expect((await deliver(payload, { sign: false })).status).toBe(400);
    expect((await deliver(payload, { secret: "whsec_someone_else" })).status).toBe(400);
    expect((await deliver(payload, { tamper: true })).status).toBe(400);
    expect((await deliver(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(400);
    expect(await db.prisma.entitlement.count({ where: { userId: l.id } })).toBe(0);
    expect(await db.prisma.stripeEvent.count({ where: { id: payload.id } })).toBe(0);
    expect(await isPro(l)).toBe(false);
  });

  it("grants Pro once for a signed checkout, however often it is replayed", async () => {
    const l = await signUp("paid");
    const payload = event("checkout.session.completed", session(l.id, "sub_paid", "cus_paid"));
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await deliver(payload));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect((await Promise.all(results.map((r) => r.json()))).map((b) => (b as { outcome: string }).outcome)).toEqual([
      "granted",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    // Five more at once: still one grant.
    await Promise.all(Array.from({ length: 5 }, () => deliver(payload)));
    const grants = await db.prisma.entitlement.findMany({ where: { userId: l.id } });
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ source: "PAYMENT", externalRef: "sub_paid", externalCustomer: "cus_paid", endsAt: null });
    expect(await isPro(l)).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { targetUserId: l.id, action: "pro.payment", actorId: null } })).toBe(1);

    // Cancellation ends it.
    const cancel = event("customer.subscription.deleted", {
      id: "sub_paid",
      object: "subscription",
      customer: "cus_paid",
      status: "canceled",
    });
    expect((await deliver(cancel)).status).toBe(200);
    expect(await isPro(l)).toBe(false);
    expect((await db.prisma.entitlement.findFirstOrThrow({ where: { userId: l.id } })).endsAt).not.toBeNull();
    // Replaying the checkout does not bring it back.
    expect((await deliver(payload)).status).toBe(200);
    expect(await isPro(l)).toBe(false);
  });

  it("a cancellation delivered before its checkout wins (order is not assumed)", async () => {
    const l = await signUp("out-of-order");
    const checkout = event("checkout.session.completed", session(l.id, "sub_ooo", "cus_ooo"));
    const cancel = event("customer.subscription.deleted", {
      id: "sub_ooo",
      object: "subscription",
      customer: "cus_ooo",
      status: "canceled",
    });
    expect((await deliver(cancel)).status).toBe(200);
    const res = await deliver(checkout);
    expect(((await res.json()) as { outcome: string }).outcome).toBe("already-ended");
    expect(await isPro(l)).toBe(false);
    expect(await db.prisma.entitlement.count({ where: { userId: l.id } })).toBe(0);
  });

  it("a full refund ends Pro; a partial refund does not", async () => {
    const l = await signUp("refund");
    expect((await deliver(event("checkout.session.completed", session(l.id, "sub_refund", "cus_refund")))).status).toBe(200);
    expect(await isPro(l)).toBe(true);
    const charge = (refunded: boolean) => ({
      id: `ch_${refunded}`,
      object: "charge",
      customer: "cus_refund",
      payment_intent: "pi_refund",
      refunded,
      amount_refunded: refunded ? 900 : 100,
    });
    expect((await deliver(event("charge.refunded", charge(false)))).status).toBe(200);
    expect(await isPro(l)).toBe(true);
    expect((await deliver(event("charge.refunded", charge(true)))).status).toBe(200);
    expect(await isPro(l)).toBe(false);
    expect(await db.prisma.auditLog.count({ where: { targetUserId: l.id, action: "pro.payment_ended" } })).toBe(1);
  });

  it("a checkout for an unknown user or an unpaid session grants nothing", async () => {
    const l = await signUp("unpaid");
    const unpaid = { ...session(l.id, "sub_unpaid", "cus_unpaid"), payment_status: "unpaid" };
    expect(((await (await deliver(event("checkout.session.completed", unpaid))).json()) as { outcome: string }).outcome).toBe("ignored");
    expect(
      (
        (await (await deliver(event("checkout.session.completed", session("no-such-user", "sub_x", "cus_x")))).json()) as {
          outcome: string;
        }
      ).outcome,
    ).toBe("ignored");
    expect(await isPro(l)).toBe(false);
  });
});
