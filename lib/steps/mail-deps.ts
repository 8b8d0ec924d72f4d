import "server-only";
import { runAfterReply } from "@/lib/runtime/after-reply";
import { getEnv } from "@/lib/env";
import { getMailer, type Mailer } from "@/lib/mail";

/** What a step that sends email uses; tests build their own. */
export interface MailDeps {
  /** Null when email is not set up (production without SMTP_URL). */
  mailer: Mailer | null;
  appUrl: string;
  /** Work the reply does not wait for (lib/runtime/after-reply.ts); a test may hold it to time the reply. */
  later: (label: string, task: () => Promise<void>) => Promise<void>;
}

export function mailDeps(): MailDeps {
  return { mailer: getMailer(), appUrl: getEnv().appUrl, later: runAfterReply };
}
