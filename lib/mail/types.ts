// The mailer port: the app sends email through this interface only, like texts through the
// messenger. SMTP (smtp.ts) and the outbox (outbox.ts) implement it.

export interface EmailMessage {
  /** One address, as the account stores it (lower-cased). */
  to: string;
  subject: string;
  /** Plain text; links in it are absolute, from APP_URL. */
  text: string;
}

export class MailError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = "MailError";
  }
}

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  /** Rejects only with MailError. */
  sendEmail(message: EmailMessage): Promise<void>;
}
