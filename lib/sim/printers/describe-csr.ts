/** `kubectl describe csr` (describe.go describeCertificateSigningRequest). */
import type { CsrObject } from "../types";
import { csrCondition } from "./columns";
import { DescribeWriter, rfc1123z } from "./describe-util";
import { humanDuration } from "./duration";

export interface CsrSubject {
  commonName: string;
  serialNumber: string;
  organization: string[];
  organizationalUnit: string[];
  country: string[];
  locality: string[];
  province: string[];
  streetAddress: string[];
  postalCode: string[];
  dnsNames: string[];
  emailAddresses: string[];
  ipAddresses: string[];
  uris: string[];
}

export function describeCsr(c: CsrObject, subject: CsrSubject | undefined): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${c.metadata.name}\n`);
  w.map("Labels", c.metadata.labels, "=");
  w.map("Annotations", c.metadata.annotations, ": ");
  w.write(0, `CreationTimestamp:\t${rfc1123z(c.metadata.creationTimestamp)}\n`);
  w.write(0, `Requesting User:\t${c.spec.username}\n`);
  if (c.spec.signerName) w.write(0, `Signer:\t${c.spec.signerName}\n`);
  if (c.spec.expirationSeconds !== undefined) w.write(0, `Requested Duration:\t${humanDuration(c.spec.expirationSeconds * 1000)}\n`);
  w.write(0, `Status:\t${csrCondition(c)}\n`);
  if (subject) {
    const list = (title: string, items: string[]) => {
      if (items.length) w.write(0, `\t${title}:\t${items.join(", ")}\n`);
    };
    w.write(0, "Subject:\n");
    w.write(0, `\tCommon Name:\t${subject.commonName}\n`);
    w.write(0, `\tSerial Number:\t${subject.serialNumber}\n`);
    list("Organization", subject.organization);
    list("Organizational Unit", subject.organizationalUnit);
    list("Country", subject.country);
    list("Locality", subject.locality);
    list("Province", subject.province);
    list("StreetAddress", subject.streetAddress);
    list("PostalCode", subject.postalCode);
    if (subject.dnsNames.length + subject.emailAddresses.length + subject.ipAddresses.length + subject.uris.length > 0) {
      w.write(0, "Subject Alternative Names:\n");
      list("DNS Names", subject.dnsNames);
      list("Email Addresses", subject.emailAddresses);
      list("IP Addresses", subject.ipAddresses);
      list("URIs", subject.uris);
    }
  }
  w.write(0, "Events:\t<none>\n");
  return w.toString();
}
