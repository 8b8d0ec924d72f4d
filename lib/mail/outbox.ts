import { addToOutbox } from "@/lib/messaging/outbox";
import type { Mailer } from "./types";

// Email while no SMTP server is configured (outside production), or with MESSAGING=outbox: each
// message lands in the same outbox as texts and calls, with channel "email" and the address in `to`.
export function createOutboxMailer(): Mailer {
  return {
    kind: "outbox",
    async sendEmail({ to, subject, text }) {
      addToOutbox({ channel: "email", to, subject, text });
    },
  };
}
