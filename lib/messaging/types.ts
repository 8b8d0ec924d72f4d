// The messenger port: the app sends SMS and places calls through this interface only.

import type { Channel } from "@/lib/phone/channel";

export interface SmsRequest {
  to: string; // E.164
  text: string;
  /** Where the provider reports delivery status; absent when no public URL is configured. */
  statusUrl?: string;
}

export interface CallRequest {
  to: string; // E.164
  /** The app's answer route; the provider fetches it when the call is answered. Never carries the code. */
  answerUrl: string;
  /** The words the call will speak (the outbox records them; the provider fetches them from answerUrl). */
  spokenText: string;
}

export interface SendReceipt {
  /** Provider id of the message or call (for delivery callbacks). */
  id: string;
}

export type MessagingErrorKind =
  | "auth" // bad provider credentials
  | "invalid-number"
  | "geo-permission" // destination country not enabled on the account
  | "network" // provider unreachable or timed out
  | "rejected"; // anything else the provider refused

export class MessagingError extends Error {
  constructor(
    readonly kind: MessagingErrorKind,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = "MessagingError";
  }
}

export interface Messenger {
  readonly kind: "plivo" | "outbox";
  /** Rejects only with MessagingError. */
  sendSms(req: SmsRequest): Promise<SendReceipt>;
  /** Rejects only with MessagingError. */
  placeCall(req: CallRequest): Promise<SendReceipt>;
  /** Checks the provider is configured and reachable enough to report in /api/health. */
  check(): Promise<void>;
}

export interface OutboxEntry {
  /** "email" entries come from the outbox mailer (lib/mail): `to` is the address, `text` the body. */
  channel: Channel | "email";
  to: string;
  text: string;
  /** Email only. */
  subject?: string;
  createdAt: string; // ISO 8601
}
