import "server-only";
import {
  refuse,
  type ErrorCode,
  type Outcome,
  type Refusal,
} from "@/lib/errors";
import type { StepContext } from "@/lib/context";
import { MessagingError } from "@/lib/messaging/types";
import type {
  Challenge,
  Channel,
  IssueRefusal,
  IssueRequest,
  IssueResult,
} from "@/lib/store";
import { generateCode, hashCode } from "./code";
import { hasStatusCallback, smsStatusUrl } from "./delivery";
import { MAX_SENDS } from "./policy";
import { codeTtlSeconds, resendCooldownSeconds } from "./settings";
import { smsText } from "./sms-text";
import { codeCallRequest, sealCallCode } from "./voice-call";

/** What sending a code uses, of a step's context (lib/context). */
export type SendContext = Pick<
  StepContext,
  "store" | "messenger" | "appUrl" | "now"
>;

export interface SendRequest {
  id: string;
  channel: Channel;
  /** One store round trip that records the code: a new challenge's start, or a resend's issue. */
  issue: (req: IssueRequest) => Promise<IssueResult>;
  /** Asked once the challenge has accepted the send: limits that must also admit it. */
  admit: (challenge: Challenge) => Promise<Refusal | null>;
}

const ISSUE_ERRORS: Record<IssueRefusal, ErrorCode> = {
  missing: "NO_CHALLENGE",
  locked: "TOO_MANY_ATTEMPTS",
  verified: "ALREADY_VERIFIED",
  "send-limit": "TOO_MANY_SENDS",
  "too-soon": "RESEND_TOO_SOON",
  "account-locked": "ACCOUNT_LOCKED",
  "account-disabled": "ACCOUNT_DISABLED",
};

/**
 * Sends a fresh code by SMS or voice call. The challenge decides first (cooldown, cap, the
 * account's lock), so its refusals consume no limit; a send the limits then refuse is undone, and
 * a code that never arrived gives way to the one the person may already have. Never throws on
 * delivery.
 */
export async function sendCode(
  ctx: SendContext,
  { id, channel, issue, admit }: SendRequest,
): Promise<Outcome<{ challenge: Challenge }>> {
  const { messenger, appUrl, store } = ctx;
  const now = ctx.now();
  const code = generateCode();
  const ttl = codeTtlSeconds();
  const call = channel === "voice" ? sealCallCode(code) : undefined;
  // Without a status callback, handed to the provider is the last news there will be.
  const reported = channel === "sms" && hasStatusCallback(ctx);
  const codeHash = hashCode(id, code);
  const issued = await issue({
    codeHash,
    codeExpiresAt: now + ttl * 1000,
    now,
    maxSends: MAX_SENDS,
    channel,
    cooldownMs: resendCooldownSeconds() * 1000,
    delivery: reported ? "queued" : "sent",
    callCode: call,
  });
  if (!issued.ok)
    return refuse(ISSUE_ERRORS[issued.reason], {
      retryAfterSeconds: issued.retryAfterSeconds,
    });
  const { challenge, previous } = issued;
  const refused = await admit(challenge);
  if (refused) {
    await store.restoreIssue(id, codeHash, previous, previous.delivery);
    return refused;
  }
  // In the language the challenge opened with: the account's, or the sign-up's.
  const { locale } = challenge;
  try {
    if (call)
      await messenger.placeCall({
        to: challenge.phone,
        ...codeCallRequest(appUrl, call.token, code, locale),
      });
    else
      await messenger.sendSms({
        to: challenge.phone,
        text: smsText(code, appUrl, ttl, locale),
        statusUrl: smsStatusUrl(ctx, id, challenge.sends),
      });
  } catch (error) {
    // The send still counts (and a call its cooldown); only the code goes back.
    const { sends, lastSentAt, lastCallAt } = challenge;
    const kept = { sends, lastSentAt, lastCallAt, delivery: "failed" as const };
    await store.restoreIssue(id, codeHash, { ...previous, ...kept }, "failed");
    return refuse(deliveryError(error, channel));
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
