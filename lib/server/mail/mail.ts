/**
 * Email to people. Kubeyard has no mail server configured (there is no mail setting yet), so a
 * message is written to the server log as the email it would be, one line a message, for the
 * operator to see and a later transport (SMTP) to send. Callers never depend on delivery.
 */
import "server-only";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export async function sendMail(msg: MailMessage): Promise<void> {
  console.log(
    `kubeyard: mail to ${msg.to}: ${msg.subject} (not sent: no mail server is configured) — ${msg.text.replace(/\s+/g, " ").trim()}`,
  );
}

/** Someone signed up with an address that already has an account (the sign-up answered as for a new one). */
export function existingAccountNotice(to: string, appUrl: string): MailMessage {
  return {
    to,
    subject: "You already have a Kubeyard account",
    text: `Someone (perhaps you) tried to create a Kubeyard account with this address, which already has one. Nothing was changed. If it was you, sign in at ${appUrl}/sign-in. If it was not, you can ignore this message.`,
  };
}
