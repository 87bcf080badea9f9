/** The subject of a CSR's embedded request, for `describe csr`, through the PKI module's parser. */
import type { CsrSubject } from "../../printers/describe-csr";
import { parseCsr } from "./pki";

const cache = new Map<string, CsrSubject | undefined>();

export function decodeRequest(b64: string): string {
  return Buffer.from(b64, "base64").toString("utf8");
}

export function csrSubject(requestB64: string): CsrSubject | undefined {
  if (cache.has(requestB64)) return cache.get(requestB64);
  const info = parseCsr(decodeRequest(requestB64));
  // the PKI parser reports CN and O; a CSR from `openssl req -subj "/CN=x/O=y"` carries nothing else
  const subject: CsrSubject | undefined = info.ok
    ? {
        commonName: info.subjectCN, serialNumber: "", organization: info.subjectO, organizationalUnit: [], country: [], locality: [],
        province: [], streetAddress: [], postalCode: [], dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [],
      }
    : undefined;
  if (cache.size > 256) cache.clear();
  cache.set(requestB64, subject);
  return subject;
}
