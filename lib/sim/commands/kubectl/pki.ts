/**
 * The one door to the PKI module (lib/sim/pki): everything kubectl needs from X.509 goes through
 * here, so tests can replace it in one place (vi.mock("../../pki")).
 */
export { parseCertificate, verifyServerCertificate, verifyClientCertificate, keyMatchesCertificate, parseCsr, signCsr } from "../../pki";
