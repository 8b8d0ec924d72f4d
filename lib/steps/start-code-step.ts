import "server-only";
import { recordEvent } from "@/lib/audit";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import { newChallengeId } from "@/lib/challenge/id";
import { sendCode } from "@/lib/challenge/send";
import type { StepContext } from "@/lib/context";
import { refuse, type ErrorCode, type Outcome } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { addressBucket } from "@/lib/limits/address-bucket";
import { firstChannel } from "@/lib/limits/destination";
import { phoneFacts } from "@/lib/phone";
import { failureClient } from "./factor-outcome";
import {
  isProvenNumber,
  type Challenge,
  type Channel,
  type DeliveryStatus,
  type ChallengeFactor,
} from "@/lib/store";
import { admitSend, checkSendDestination } from "./message-figures";

// What sign-up and the password step share: a new challenge bound to this browser, its first code,
// and the audit row of that send. A delivery problem still leads to the code page (which offers a
// call); any other refusal ends here, and no challenge is left that a browser could use. When a
// stronger factor than the phone comes first, the challenge starts with no code: "Text me a code"
// sends the first one.

export interface CodeStepStart {
  purpose: Challenge["purpose"];
  /** Whose sends it spends: "user:<id>" for a sign-in or reset, "email:<address>" for a sign-up. */
  account: string;
  /** Whose wrong answers in a row it counts toward, when not `account` (a sign-up: its own). */
  failuresCountedAs?: string;
  userId: string | null;
  pending: { email: string; passwordHash: string } | null;
  phone: string;
  /** What the challenge accepts, strongest first; the phone alone by default. */
  factors?: ChallengeFactor[];
  /** The language of its texts and calls: the account's saved choice, or the sign-up's. */
  locale?: Locale | null;
  /**
   * When the step began, before it read the credentials it checked (now by default): the challenge
   * counts as opened then, so a credential change that lands meanwhile still ends it.
   */
  openedAt?: number;
}

export type FirstSend = Outcome<{
  challengeId: string;
  delivery: DeliveryStatus;
  /** How the first code went out; null when none was sent (a stronger factor comes first). */
  channel: Channel | null;
}>;

const DELIVERY_ERRORS: ErrorCode[] = [
  "DELIVERY_FAILED",
  "CALL_FAILED",
  "NUMBER_UNREACHABLE",
  "PROVIDER_UNAVAILABLE",
];

export async function startCodeStep(
  ctx: StepContext,
  start: CodeStepStart,
): Promise<FirstSend> {
  const { request } = ctx;
  const { phone, factors = ["phone"] } = start;
  const facts = phoneFacts(phone);
  const channel = firstChannel(facts); // a landline gets its first code by call
  const id = newChallengeId(
    start.purpose,
    start.failuresCountedAs ?? start.account,
  );
  const challenge = {
    id,
    purpose: start.purpose,
    userId: start.userId,
    pendingEmail: start.pending?.email ?? null,
    pendingPasswordHash: start.pending?.passwordHash ?? null,
    phone,
    createdAt: start.openedAt ?? ctx.now(),
    factors,
    locale: start.locale ?? null,
    phoneFacts: facts,
  };
  if (factors[0] !== "phone") {
    const opened = await ctx.store.startChallenge(
      challenge,
      CHALLENGE_TTL_SECONDS,
      null,
    );
    if (opened.ok)
      return { ok: true, challengeId: id, delivery: "none", channel: null };
    const barred = opened.reason === "account-disabled";
    return refuse(barred ? "ACCOUNT_DISABLED" : "ACCOUNT_LOCKED", {
      retryAfterSeconds: opened.retryAfterSeconds,
    });
  }
  const refused = await checkSendDestination(ctx, facts, channel);
  if (refused) return refused;
  const target = {
    phone,
    facts,
    account: start.account,
    verified: isProvenNumber(start.purpose),
    addressBucket: addressBucket(request.ip),
  };
  const outcome = await sendCode(ctx, {
    id,
    channel,
    issue: (req) =>
      ctx.store.startChallenge(challenge, CHALLENGE_TTL_SECONDS, {
        ...req,
        client: failureClient(ctx),
      }),
    admit: () => admitSend(ctx, target, channel),
  });
  const delivered = outcome.ok;
  if (!delivered && !DELIVERY_ERRORS.includes(outcome.error)) {
    await ctx.store.deleteChallenge(id);
    // Codes paused for this client or switched off for the account: a factor nobody can guess
    // is still a way in (a recovery code meets its own pause when tried). Switched off at a
    // sign-in without one: a step that accepts nothing, whose page offers "Lost your phone and
    // codes?".
    const recovering = factors.filter(
      (f) => f === "passkey" || f === "recovery",
    );
    const barred =
      outcome.error === "ACCOUNT_DISABLED" ||
      outcome.error === "ACCOUNT_LOCKED";
    const recoverable =
      recovering.length > 0 ||
      (outcome.error === "ACCOUNT_DISABLED" && start.purpose === "login");
    if (barred && recoverable)
      return startCodeStep(ctx, { ...start, factors: recovering });
    return outcome;
  }
  const detail = { channel, purpose: start.purpose, ok: delivered };
  await recordEvent({
    type: "code_sent",
    userId: start.userId,
    ...request,
    detail,
  });
  const delivery = outcome.ok ? outcome.challenge.delivery : "failed";
  return { ok: true, challengeId: id, delivery, channel };
}
