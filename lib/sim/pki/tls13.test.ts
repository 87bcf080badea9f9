/**
 * The Go server profile differs from the s_server one (which s-client.test.ts checks against the
 * real OpenSSL) only where golang/go src/crypto/tls says so: certificateRequestMsgTLS13 with
 * ocspStapling and scts set (two empty extensions, 8 bytes) and the 12 schemes of
 * defaultSupportedSignatureAlgorithms, SHA-1 ones included (4 more bytes), which OpenSSL 3.0 lists as
 * requested but not as shared in TLS 1.3.
 */
import { describe, expect, it } from "vitest";
import { mergeConfig } from "../core/base-state";
import { DeterministicKeySource } from "../keys/deterministic-key-source";
import { createKubeadmPki, parsedCertificate } from ".";
import { GO_SERVER, handshakeBytes, OPENSSL_S_SERVER, sharedSigalgs } from "./tls13";

describe("TLS 1.3 handshake profiles", () => {
  it("reads 12 more bytes from a Go server's CertificateRequest and writes the same", async () => {
    const files = await createKubeadmPki(mergeConfig(), {
      now: Date.UTC(2026, 10, 28),
      keys: new DeterministicKeySource(6),
      random: () => 0.25,
    });
    const leaf = parsedCertificate(files["/etc/kubernetes/pki/apiserver.crt"]);
    const ca = parsedCertificate(files["/etc/kubernetes/pki/ca.crt"]);
    if (!leaf || !ca) throw new Error("no certificates");
    const o = { serverChain: [leaf], caNames: [ca.subjectDer] };
    const go = handshakeBytes({ profile: GO_SERVER, ...o });
    const ossl = handshakeBytes({ profile: OPENSSL_S_SERVER, ...o });
    expect(go.read - ossl.read).toBe(12);
    expect(go.written).toBe(ossl.written);
    expect(GO_SERVER.requestedSigalgs.slice(-2)).toEqual(["RSA+SHA1", "ECDSA+SHA1"]);
    expect(sharedSigalgs(GO_SERVER)).toEqual(OPENSSL_S_SERVER.requestedSigalgs);
  });
});
