import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { Messenger, OutboxEntry } from "./types";

// The development messenger: nothing leaves the machine, every SMS and call lands in this list, which a
// development page (and the end-to-end tests) read back.

/** Enough for a long development session; the oldest entries go first. */
export const OUTBOX_CAPACITY = 500;

// Cached on globalThis: Next builds each route into its own bundle, and they must share one outbox.
const KEY = Symbol.for("twostep.messaging.outbox");
type WithOutbox = typeof globalThis & { [KEY]?: OutboxEntry[] };

function entries(): OutboxEntry[] {
  const g = globalThis as WithOutbox;
  return (g[KEY] ??= []);
}

export function addToOutbox(
  entry: Omit<OutboxEntry, "createdAt">,
): OutboxEntry {
  const recorded = { ...entry, createdAt: new Date().toISOString() };
  const list = entries();
  list.push(recorded);
  if (list.length > OUTBOX_CAPACITY)
    list.splice(0, list.length - OUTBOX_CAPACITY);
  return recorded;
}

/** Newest first; only messages to `to` when given. */
export function listOutbox(to?: string): OutboxEntry[] {
  const list =
    to === undefined ? entries() : entries().filter((e) => e.to === to);
  return [...list].reverse();
}

export function clearOutbox(): void {
  entries().length = 0;
}

export function createOutboxMessenger(): Messenger {
  return {
    kind: "outbox",
    async sendSms({ to, text }) {
      addToOutbox({ channel: "sms", to, text });
      return { id: `outbox-${randomUUID()}` };
    },
    async placeCall({ to, spokenText }) {
      addToOutbox({ channel: "voice", to, text: spokenText });
      return { id: `outbox-${randomUUID()}` };
    },
    async check() {},
  };
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * True when the Authorization header is `Bearer <token>` (the scheme's case is free, as HTTP says).
 * Both sides are hashed first so the comparison takes the same time whatever the header holds.
 */
export function hasOutboxToken(
  authorization: string | null,
  token: string,
): boolean {
  const given = authorization?.match(/^Bearer (.+)$/i)?.[1] ?? "";
  return timingSafeEqual(digest(given), digest(token)) && given !== "";
}
