import "server-only";
import { getEnv, type Env } from "@/lib/env";
import { createOutboxMailer } from "./outbox";
import { createSmtpMailer } from "./smtp";
import type { Mailer } from "./types";

export { MailError } from "./types";
export type { EmailMessage, Mailer } from "./types";

/** What needs a mailer: said at start-up when a production deploy has none. */
export const EMAIL_FEATURES = [
  "email verification links (addresses stay unverified)",
  'password resets ("Forgot password?" answers that email is not set up)',
  "security notices by email (those also sent by text still are)",
];

/**
 * The mailer the environment asks for, or null: MESSAGING=outbox captures email too (one switch
 * for an end-to-end run); else SMTP when SMTP_URL is set; else the outbox outside production.
 * Production without SMTP_URL has no email at all rather than a silent outbox.
 */
export function createMailer(env: Env): Mailer | null {
  if (env.mailer === "outbox") return createOutboxMailer();
  if (env.mailer === "smtp" && env.smtp) return createSmtpMailer(env.smtp);
  reportNoMailer();
  return null;
}

const REPORTED = Symbol.for("twostep.mail.reported");
type WithFlag = typeof globalThis & { [REPORTED]?: boolean };

function reportNoMailer(): void {
  const g = globalThis as WithFlag;
  if (g[REPORTED]) return;
  g[REPORTED] = true;
  console.warn(
    [
      "",
      "!".repeat(72),
      "!!  NO MAILER: SMTP_URL is not set, so this server sends no email.",
      "!!  Unavailable until it is:",
      ...EMAIL_FEATURES.map((f) => `!!    - ${f}`),
      "!!  Set SMTP_URL and MAIL_FROM (see .env.example) to turn them on.",
      "!".repeat(72),
      "",
    ].join("\n"),
  );
}

let mailer: Mailer | null | undefined;

/** The process's mailer, or null when email is not set up (production without SMTP_URL). */
export function getMailer(): Mailer | null {
  if (mailer === undefined) mailer = createMailer(getEnv());
  return mailer;
}

/** True when email lands in the outbox, which then has something to show even without texts. */
export function isMailOutboxActive(): boolean {
  return getMailer()?.kind === "outbox";
}
