/**
 * Lesson pages for visitors are rendered once per process (issue 15, item 4): against the real
 * production server, the kept page is the HTML Next renders, with each response's own CSP nonce,
 * and nothing of a signed-in learner's is ever kept or served to anyone else.
 */
import { get } from "node:http";
import { describe, expect, it } from "vitest";
import { signUpLearner, withTestServer } from "../harness";

const h = withTestServer();
const LESSON = "/courses/kubernetes-pki/how-kubernetes-uses-tls";

async function page(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${h.url}${path}`, { headers });
  const html = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  if (!nonce) throw new Error("no CSP nonce");
  return { res, html, nonce, normalised: html.split(nonce).join("NONCE") };
}

/**
 * A page as the browser takes it: the document without Next's flight scripts, and the flight
 * rows. Next streams the rows as their parts finish rendering, so two renders of the same page
 * number and order them differently: compare the rows without their ids, in sorted order.
 */
function asRendered(normalisedHtml: string) {
  const flight = /<script nonce="NONCE">self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)<\/script>/g;
  const payload = Buffer.from([...normalisedHtml.matchAll(flight)].map((m) => JSON.parse(m[1]) as string).join(""), "utf8");
  // rows are `id:row\n`, except text rows `id:T<hex byte length>,<text>` with no newline
  const rows: string[] = [];
  for (let at = 0; at < payload.length;) {
    const colon = payload.indexOf(":", at);
    let end: number;
    let next: number;
    const textRow = /^T([0-9a-f]+),/.exec(payload.subarray(colon + 1, colon + 12).toString("latin1"));
    if (textRow) {
      end = colon + 1 + textRow[0].length + parseInt(textRow[1], 16);
      next = end;
    } else {
      end = payload.indexOf("\n", colon);
      next = end + 1;
    }
    rows.push(
      payload
        .subarray(colon + 1, end)
        .toString("utf8")
        .replace(/"\$[LQ@]?[0-9a-f]+"/g, '"$ref"'),
    );
    at = next;
  }
  rows.sort();
  return { document: normalisedHtml.replace(flight, ""), rows };
}

describe("lesson pages for visitors (issue 15)", () => {
  it("serves the HTML Next renders, each response with its own nonce on its scripts and in its CSP", async () => {
    const first = await page(LESSON); // rendered by Next, and kept
    const second = await page(LESSON, { "accept-encoding": "gzip" }); // from what was kept
    const third = await page(LESSON, { "accept-encoding": "identity" });
    // the same page Next renders for a request it must render itself (a cookie it does not know)
    const fresh = await page(LESSON, { cookie: "unrelated=1" });

    expect(new Set([first.nonce, second.nonce, third.nonce, fresh.nonce]).size).toBe(4);
    const rendered = asRendered(fresh.normalised);
    expect(rendered.rows.length).toBeGreaterThan(100);
    for (const p of [first, second, third]) {
      expect(p.res.status).toBe(200);
      expect(p.html).toContain(`nonce="${p.nonce}"`);
      expect(asRendered(p.normalised)).toEqual(rendered);
    }
    // what was kept is served byte for byte, apart from the nonce
    expect(second.normalised).toBe(first.normalised);
    expect(third.normalised).toBe(first.normalised);
    expect(second.html).not.toContain(first.nonce);
    expect(second.res.headers.get("content-encoding")).toBe("gzip");
    expect(third.res.headers.get("content-encoding")).toBeNull();
    expect(third.res.headers.get("content-length")).toBe(String(Buffer.byteLength(third.html)));
    expect(second.res.headers.get("content-type")).toBe(first.res.headers.get("content-type"));
    expect(second.res.headers.get("cache-control")).toBe(first.res.headers.get("cache-control"));
  });

  it("keeps a page per theme", async () => {
    const dark = await page(LESSON, { cookie: "kubeyard-theme=dark" });
    const darkAgain = await page(LESSON, { cookie: "kubeyard-theme=dark" });
    const light = await page(LESSON, { cookie: "kubeyard-theme=light" });
    expect(dark.html).toMatch(/<html[^>]*class="[^"]*dark/);
    expect(asRendered(darkAgain.normalised)).toEqual(asRendered(dark.normalised));
    expect(light.html).not.toMatch(/<html[^>]*class="[^"]*dark/);
  });

  it("renders a signed-in learner's page for them alone, and never hands it to a visitor", async () => {
    const learner = await signUpLearner(h, "cache");
    const mine = await page(LESSON, { cookie: learner.cookie() });
    expect(mine.html).toContain(learner.email);
    const visitor = await page(LESSON);
    expect(visitor.html).not.toContain(learner.email);
    expect(visitor.html).toContain("Sign in");
  });

  it("renders client-side navigation (RSC) and other origins through Next", async () => {
    const rsc = await fetch(`${h.url}${LESSON}`, { headers: { rsc: "1" } });
    expect(rsc.headers.get("content-type")).toContain("text/x-component");
    // the same machine by another name: the page says where the site is served
    const elsewhere = await new Promise<string>((resolve, reject) => {
      const u = new URL(`${h.url}${LESSON}`);
      get({ host: u.hostname, port: u.port, path: u.pathname, headers: { host: `lan-name.test:${u.port}` } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve(body));
      }).on("error", reject);
    });
    expect(elsewhere).toContain("This site is served at");
  });
});
