import "server-only";
import type { Transporter } from "nodemailer";
import { MailError, type Mailer } from "./types";

// The one file that knows nodemailer. Links and notices go out after the reply (lib/runtime/after-reply.ts),
// so these bounds keep a stuck server from holding work for minutes, not a person waiting.
// nodemailer is loaded with the first email, never on a cold start that sends none.

/** Time to open the connection and to get the server's greeting. */
const CONNECT_TIMEOUT_MS = 10_000;
/** Silence on an open connection before giving up on the message. */
const SOCKET_TIMEOUT_MS = 30_000;

export function createSmtpMailer(config: {
  url: string;
  from: string;
}): Mailer {
  let transport: Promise<Transporter> | undefined;
  const open = () =>
    (transport ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: config.url,
        connectionTimeout: CONNECT_TIMEOUT_MS,
        greetingTimeout: CONNECT_TIMEOUT_MS,
        socketTimeout: SOCKET_TIMEOUT_MS,
      }),
    ));
  return {
    kind: "smtp",
    async sendEmail({ to, subject, text }) {
      try {
        await (await open()).sendMail({ from: config.from, to, subject, text });
      } catch (error) {
        throw new MailError(`SMTP send failed: ${describe(error)}`, error);
      }
    },
  };
}

function describe(error: unknown): string {
  const e = error as { code?: string; responseCode?: number; message?: string };
  return [e.code, e.responseCode, e.message].filter(Boolean).join(" ");
}
