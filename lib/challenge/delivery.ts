import "server-only";
import { createHash } from "node:crypto";
import { seal, unseal } from "@/lib/keys";
import type { Messenger } from "@/lib/messaging/types";
import type { DeliveryStatus } from "@/lib/store";

// Plivo reports an SMS's delivery to a status URL. The URL names the challenge by a sealed
// reference, never by its id (the id is the browser's secret and would end up in Plivo's logs),
// and carries it in the path: Plivo's V2 signature covers the path but not the query, so a
// signature seen once cannot be replayed against another challenge. Sealing costs no store trip.
export const SMS_STATUS_PATH = "/api/plivo/sms-status";
const REF_PURPOSE = "sms-status-ref";

const LOCAL_HOSTS = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** Whether Plivo can report on a text at all (not the outbox, not a local URL). */
export function hasStatusCallback(deps: {
  messenger: Messenger;
  appUrl: string;
}): boolean {
  return (
    deps.messenger.kind === "plivo" &&
    !LOCAL_HOSTS.test(new URL(deps.appUrl).hostname)
  );
}

/**
 * The status URL for the `send`-th text of a challenge, or undefined when no callback could
 * arrive. The send number lets a late report on an earlier text be ignored.
 */
export function smsStatusUrl(
  deps: { messenger: Messenger; appUrl: string },
  challengeId: string,
  send: number,
): string | undefined {
  if (!hasStatusCallback(deps)) return undefined;
  const ref = seal(REF_PURPOSE, `${challengeId}:${send}`);
  return `${deps.appUrl}${SMS_STATUS_PATH}/${ref}`;
}

export function readStatusRef(
  ref: string,
): { challengeId: string; send: number } | null {
  const opened = /^[\w-]{1,300}$/.test(ref) ? unseal(REF_PURPOSE, ref) : null;
  const match = opened?.match(/^([\w.-]+):(\d+)$/);
  return match ? { challengeId: match[1]!, send: Number(match[2]) } : null;
}

/**
 * What makes one signed report unique. Plivo's V2 signature covers the URL and a nonce but not the
 * body, so a report seen once could be replayed with another Status: each (reference, nonce) is
 * accepted once, for as long as the challenge it reports on can live.
 */
export function deliveryReportKey(ref: string, nonce: string): string {
  const digest = createHash("sha256").update(`${ref}\n${nonce}`);
  return `sms-status:${digest.digest("base64url")}`;
}

// Plivo's message states; US and Canadian carriers give no delivery receipts, so "sent" is the last.
const STATUSES: readonly DeliveryStatus[] = [
  "queued",
  "sent",
  "delivered",
  "undelivered",
  "failed",
];

export function toDeliveryStatus(value: unknown): DeliveryStatus | null {
  const status = typeof value === "string" ? value.toLowerCase() : "";
  return STATUSES.find((s) => s === status) ?? null;
}

export function isDeliveryFailure(status: DeliveryStatus): boolean {
  return status === "failed" || status === "undelivered";
}
