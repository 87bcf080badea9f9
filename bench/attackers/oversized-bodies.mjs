/**
 * The oversized-body attacker of bench/isolation.ts (issue 10, row 4), in a process of its own as
 * an attacker on another machine would be: the measuring client's event loop then shares nothing
 * with it but the cores. Sends `parallel` POSTs declaring 64 MiB to URL, writing 1 MiB chunks
 * until the server pushes back, over and over until it is killed.
 *
 *   node bench/attackers/oversized-bodies.mjs URL ORIGIN [parallel]
 */
import { request } from "node:http";

const [url, origin, parallel = "8"] = process.argv.slice(2);
const chunk = Buffer.alloc(2 ** 20, "a");

function upload() {
  return new Promise((resolve) => {
    const req = request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": 64 * 2 ** 20, origin },
    });
    req.on("response", (res) => (res.resume(), req.destroy(), resolve()));
    req.on("error", () => resolve());
    for (let i = 0; i < 64 && req.write(chunk); i++);
  });
}

for (;;) await Promise.all(Array.from({ length: Number(parallel) }, upload));
