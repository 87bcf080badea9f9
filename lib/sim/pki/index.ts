/** The PKI module: what kubectl, kubeadm and openssl use. */
export { parseCertificate, parsedCertificate, serialHex, type CertInfo } from "./cert-info";
export { verifySignedBy, keyMatchesCertificate, verifyServerCertificate, verifyClientCertificate } from "./verify";
export { parseCsr, signCsr, buildCsr, type CsrParse } from "./csr";
export { signerValidity, type SignerValidity } from "./signer-validity";
export { issueCertificate, KU, type IssueOptions, type SanSpec } from "./issue";
export { createKubeadmPki, kubeconfigYaml, newCaCert, newLeafCert } from "./kubeadm-pki";
export { renewCertificate } from "./renew";
export { pemDecode, pemDecodeAll, pemEncode } from "./pem";
