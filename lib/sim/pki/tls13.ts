/**
 * A TLS 1.3 handshake between OpenSSL 3.0's s_client and a server of the simulated cluster, reduced
 * to what the client can observe: the parameters the server picks and how many bytes each side
 * puts on the wire. Every handshake message travels in a record of its own (both Go's crypto/tls
 * and OpenSSL write them so); after the ServerHello they are encrypted, which adds the inner
 * content type and the 16-byte AEAD tag to each record.
 *
 * The servers are Go programs (kube-apiserver, etcd, kubelet: crypto/tls of Go 1.23). What they
 * choose against s_client's defaults, from golang/go src/crypto/tls:
 *   - TLS_AES_128_GCM_SHA256 (handshake_server_tls13.go: the server's own order,
 *     defaultCipherSuitesTLS13, when the client prefers AES-GCM, as OpenSSL does);
 *   - X25519 (common.go defaultCurvePreferences: X25519 first after the hybrid group OpenSSL 3.0
 *     does not offer);
 *   - the client's first usable signature scheme for the key: rsa_pss_rsae_sha256 for RSA
 *     (selectSignatureScheme), ecdsa_secp256r1_sha256 for P-256;
 *   - a CertificateRequest (sendServerCertificate) with status_request and
 *     signed_certificate_timestamp set, the 12 schemes of defaultSupportedSignatureAlgorithms and
 *     the subjects of ClientCAs;
 *   - session tickets only after the client's second flight, so s_client has read none of them
 *     when it prints its summary.
 * `OPENSSL_S_SERVER` describes `openssl s_server` configured like such a server, which the tests
 * use as the oracle for the client side (it filters the SHA-1 schemes and sends no empty
 * extensions in its CertificateRequest).
 */
import { publicKeyBits } from "./text";
import type { ParsedCert } from "./x509-parse";

export interface ServerProfile {
  cipher: "TLS_AES_128_GCM_SHA256";
  /** signature schemes of the CertificateRequest, by OpenSSL's display names, in order */
  requestedSigalgs: string[];
  /** bytes of extensions the CertificateRequest carries besides signature_algorithms and certificate_authorities */
  certificateRequestExtraBytes: number;
}

const SHA1_SCHEMES = new Set(["RSA+SHA1", "ECDSA+SHA1"]);

export const GO_SERVER: ServerProfile = {
  cipher: "TLS_AES_128_GCM_SHA256",
  requestedSigalgs: [
    "RSA-PSS+SHA256",
    "ECDSA+SHA256",
    "ed25519",
    "RSA-PSS+SHA384",
    "RSA-PSS+SHA512",
    "RSA+SHA256",
    "RSA+SHA384",
    "RSA+SHA512",
    "ECDSA+SHA384",
    "ECDSA+SHA512",
    "RSA+SHA1",
    "ECDSA+SHA1",
  ],
  // status_request and signed_certificate_timestamp, each an empty extension: type(2) + length(2)
  certificateRequestExtraBytes: 8,
};

export const OPENSSL_S_SERVER: ServerProfile = {
  cipher: "TLS_AES_128_GCM_SHA256",
  requestedSigalgs: GO_SERVER.requestedSigalgs.filter((s) => !SHA1_SCHEMES.has(s)),
  certificateRequestExtraBytes: 0,
};

/** What OpenSSL 3.0 lists as shared: TLS 1.3 does not allow the SHA-1 schemes. */
export const sharedSigalgs = (p: ServerProfile) => p.requestedSigalgs.filter((s) => !SHA1_SCHEMES.has(s));

/** s_client's ClientHello record of OpenSSL 3.0.19's defaults, measured without SNI. */
const CLIENT_HELLO_BYTES = 297;
const SHA256_LEN = 32;
const record = (len: number) => 5 + len;
const encrypted = (len: number) => 5 + len + 1 + 16;
const handshake = (body: number) => 4 + body;

/** The signature a key makes in CertificateVerify, in bytes (an ECDSA P-256 DER signature is 70 to 72; 71 is typical). */
export function signatureBytes(cert: ParsedCert): number {
  if (cert.spki.algOid === "1.2.840.113549.1.1.1") return Math.ceil(publicKeyBits(cert.spki) / 8);
  if (cert.spki.algOid === "1.3.101.112") return 64;
  return 71;
}

const certificateMessage = (chain: ParsedCert[]) => handshake(1 + 3 + chain.reduce((a, c) => a + 3 + c.der.length + 2, 0));

export interface HandshakeBytes {
  /** bytes s_client read once the handshake completed */
  read: number;
  written: number;
  /** when the client aborts on the server's certificate (-verify_return_error) */
  readAtAbort: number;
  writtenAtAbort: number;
}

export function handshakeBytes(o: {
  profile: ServerProfile;
  serverChain: ParsedCert[];
  /** DER subjects the CertificateRequest names */
  caNames: Uint8Array[];
  /** SNI host name sent, if any */
  sni?: string;
  /** the client's chain, when it presents a certificate */
  clientChain?: ParsedCert[];
}): HandshakeBytes {
  const serverHello = record(handshake(2 + 32 + 1 + 32 + 2 + 1 + 2 + (2 + 2 + 2) + (2 + 2 + 2 + 2 + 32)));
  const ccs = record(1);
  const encryptedExtensions = encrypted(handshake(2));
  const sigalgsExt = 2 + 2 + 2 + 2 * o.profile.requestedSigalgs.length;
  const caExt = o.caNames.length ? 2 + 2 + 2 + o.caNames.reduce((a, n) => a + 2 + n.length, 0) : 0;
  const certificateRequest = encrypted(handshake(1 + 2 + o.profile.certificateRequestExtraBytes + sigalgsExt + caExt));
  const certificate = encrypted(certificateMessage(o.serverChain));
  const certificateVerify = encrypted(handshake(2 + 2 + signatureBytes(o.serverChain[0])));
  const finished = encrypted(handshake(SHA256_LEN));
  const clientHello = CLIENT_HELLO_BYTES + (o.sni ? 2 + 2 + 2 + 1 + 2 + o.sni.length : 0);
  const clientCert = o.clientChain?.length
    ? encrypted(certificateMessage(o.clientChain)) + encrypted(handshake(2 + 2 + signatureBytes(o.clientChain[0])))
    : encrypted(handshake(1 + 3));
  const upToCertificate = serverHello + ccs + encryptedExtensions + certificateRequest + certificate;
  return {
    read: upToCertificate + certificateVerify + finished,
    written: clientHello + ccs + clientCert + finished,
    readAtAbort: upToCertificate,
    // the client's alert goes out in the clear: it has not switched its write keys yet
    writtenAtAbort: clientHello + record(2),
  };
}
