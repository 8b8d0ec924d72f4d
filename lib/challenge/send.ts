import "server-only";
import type { ErrorCode } from "@/lib/errors";
import { MessagingError, type Messenger } from "@/lib/messaging/types";
import type { Challenge, CodeStore } from "@/lib/store/types";
import { generateCode, hashCode } from "./code";
import { smsStatusUrl } from "./delivery";
import { MAX_SENDS } from "./policy";
import { codeTtlSeconds, resendCooldownSeconds } from "./settings";
import { smsText } from "./sms-text";
import { startCodeCall } from "./voice-call";

export type Channel = "sms" | "voice";

export interface SendDeps {
  store: CodeStore;
  messenger: Messenger;
  appUrl: string;
  now?: number;
}

export type SendOutcome =
  | { ok: true; challenge: Challenge }
  | {
      ok: false;
      error: ErrorCode;
      retryAfterSeconds?: number;
      challenge?: Challenge;
    };

const ISSUE_ERRORS = {
  missing: "NO_CHALLENGE",
  locked: "TOO_MANY_ATTEMPTS",
  verified: "ALREADY_VERIFIED",
  "send-limit": "TOO_MANY_SENDS",
} as const satisfies Record<string, ErrorCode>;

/** Sends a fresh code for a challenge by SMS or voice call. A failed delivery never throws. */
export async function sendCode(
  deps: SendDeps,
  id: string,
  channel: Channel,
): Promise<SendOutcome> {
  const { store, messenger, appUrl } = deps;
  const now = deps.now ?? Date.now();
  const current = await store.getChallenge(id);
  if (!current) return { ok: false, error: "NO_CHALLENGE" };
  const wait = await resendWait(store, current, channel, now);
  if (wait > 0)
    return { ok: false, error: "RESEND_TOO_SOON", retryAfterSeconds: wait };
  const code = generateCode();
  const ttl = codeTtlSeconds();
  const issued = await store.issueCode(
    id,
    hashCode(id, code),
    now + ttl * 1000,
    MAX_SENDS,
    now,
  );
  if (!issued.ok) return { ok: false, error: ISSUE_ERRORS[issued.reason] };
  const statusUrl = channel === "sms" ? smsStatusUrl(deps, id) : undefined;
  try {
    const receipt =
      channel === "sms"
        ? await messenger.sendSms({
            to: current.phone,
            text: smsText(code, appUrl, ttl),
            statusUrl,
          })
        : await startCodeCall(
            { store, messenger, appUrl },
            current.phone,
            code,
            ttl,
          );
    // Without a status callback, handed to the provider is the last news there will be.
    await store.updateChallenge(id, {
      messageId: receipt.id,
      ...(statusUrl ? {} : { delivery: "sent" as const }),
    });
  } catch (error) {
    await store.updateChallenge(id, { delivery: "failed" });
    return { ok: false, error: deliveryError(error, channel) };
  }
  const challenge = await store.getChallenge(id);
  return challenge
    ? { ok: true, challenge }
    : { ok: false, error: "NO_CHALLENGE" };
}

function deliveryError(error: unknown, channel: Channel): ErrorCode {
  if (!(error instanceof MessagingError))
    return channel === "sms" ? "DELIVERY_FAILED" : "CALL_FAILED";
  if (error.kind === "invalid-number" || error.kind === "geo-permission")
    return "NUMBER_UNREACHABLE";
  if (error.kind === "network" || error.kind === "auth")
    return "PROVIDER_UNAVAILABLE";
  return channel === "sms" ? "DELIVERY_FAILED" : "CALL_FAILED";
}

/**
 * Seconds until another send is allowed. A text waits out the cooldown since the last send unless
 * delivery failed; "Call me instead" is offered at once, but one call per cooldown window.
 */
async function resendWait(
  store: CodeStore,
  c: Challenge,
  channel: Channel,
  now: number,
) {
  const cooldown = resendCooldownSeconds();
  if (channel === "voice") {
    const calls = await store.increment(
      `voice-cooldown:${c.id}`,
      Math.max(1, cooldown),
    );
    return calls > 1 ? cooldown : 0;
  }
  const failed = c.delivery === "failed" || c.delivery === "undelivered";
  const waitMs = c.lastSentAt + cooldown * 1000 - now;
  return c.sends > 0 && waitMs > 0 && !failed ? Math.ceil(waitMs / 1000) : 0;
}
