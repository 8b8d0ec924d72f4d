import "server-only";
import type { ErrorCode } from "@/lib/errors";
import { MessagingError, type Messenger } from "@/lib/messaging/types";
import type { Challenge, ChallengeStore, IssueResult } from "@/lib/store/types";
import { generateCode, hashCode } from "./code";
import { hasStatusCallback, smsStatusUrl } from "./delivery";
import { MAX_SENDS } from "./policy";
import { codeTtlSeconds, resendCooldownSeconds } from "./settings";
import { smsText } from "./sms-text";
import { prepareCodeCall } from "./voice-call";

export type Channel = "sms" | "voice";

export interface SendDeps {
  store: ChallengeStore;
  messenger: Messenger;
  appUrl: string;
  now?: number;
}

export type SendOutcome =
  | { ok: true; challenge: Challenge }
  | { ok: false; error: ErrorCode; retryAfterSeconds?: number };

const ISSUE_ERRORS: Record<
  Extract<IssueResult, { ok: false }>["reason"],
  ErrorCode
> = {
  missing: "NO_CHALLENGE",
  locked: "TOO_MANY_ATTEMPTS",
  verified: "ALREADY_VERIFIED",
  "send-limit": "TOO_MANY_SENDS",
  "too-soon": "RESEND_TOO_SOON",
};

/**
 * Sends a fresh code by SMS or voice call: one store round trip issues it (all checks and the
 * cooldown inside one atomic script), a second only when delivery fails, which puts the previous
 * code back. Never throws on delivery.
 */
export async function sendCode(
  deps: SendDeps,
  id: string,
  channel: Channel,
): Promise<SendOutcome> {
  const { store, messenger, appUrl } = deps;
  const now = deps.now ?? Date.now();
  const code = generateCode();
  const ttl = codeTtlSeconds();
  const call = channel === "voice" ? prepareCodeCall(appUrl, code) : undefined;
  // Without a status callback, handed to the provider is the last news there will be.
  const reported = channel === "sms" && hasStatusCallback(deps);
  const codeHash = hashCode(id, code);
  const issued = await store.issueCode(id, {
    codeHash,
    codeExpiresAt: now + ttl * 1000,
    now,
    maxSends: MAX_SENDS,
    channel,
    cooldownMs: resendCooldownSeconds() * 1000,
    delivery: reported ? "queued" : "sent",
    callCode: call?.stored,
  });
  if (!issued.ok) {
    const { retryAfterSeconds } = issued;
    return { ok: false, error: ISSUE_ERRORS[issued.reason], retryAfterSeconds };
  }
  const { challenge } = issued;
  try {
    if (call)
      await messenger.placeCall({ to: challenge.phone, ...call.request });
    else {
      const statusUrl = smsStatusUrl(deps, id, challenge.sends);
      await messenger.sendSms({
        to: challenge.phone,
        text: smsText(code, appUrl, ttl),
        statusUrl,
      });
    }
  } catch (error) {
    // The code that never arrived gives way to the one the person may already have.
    await store.failDelivery(id, codeHash, issued.previous);
    return { ok: false, error: deliveryError(error, channel) };
  }
  return { ok: true, challenge };
}

function deliveryError(error: unknown, channel: Channel): ErrorCode {
  const fallback = channel === "sms" ? "DELIVERY_FAILED" : "CALL_FAILED";
  if (!(error instanceof MessagingError)) return fallback;
  if (error.kind === "invalid-number" || error.kind === "geo-permission")
    return "NUMBER_UNREACHABLE";
  if (error.kind === "network" || error.kind === "auth")
    return "PROVIDER_UNAVAILABLE";
  return fallback;
}
