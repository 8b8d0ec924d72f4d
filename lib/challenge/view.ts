import type { Channel } from "@/lib/phone/channel";
import { canReceiveTexts, maskPhone } from "@/lib/phone/facts";
import type { Challenge, ChallengeFactor } from "@/lib/store";
import { challengePhoneFacts } from "./phone-facts";
import { MAX_SENDS, MAX_WRONG_ATTEMPTS } from "./policy";
import { resendCooldownSeconds } from "./settings";

/** What the code page may know about a challenge: never the code, its hash, or the id. */
export interface ChallengeView {
  purpose: Challenge["purpose"];
  maskedPhone: string;
  attemptsLeft: number;
  sendsLeft: number;
  /** Seconds until "Resend code" is available (relative, so device clocks don't matter). */
  resendInSeconds: number;
  /** Seconds the current code remains valid (0 when none is live). */
  codeExpiresInSeconds: number;
  delivery: Challenge["delivery"];
  /** False for landlines: the page offers calls only. */
  canText: boolean;
  /** How the latest code went out (null before any): the page says "sent" or "calling". */
  lastChannel: Channel | null;
  locked: boolean;
  /** What this step accepts, strongest first: the page starts with the first and offers the rest. */
  factors: ChallengeFactor[];
}

export async function toChallengeView(
  c: Challenge,
  now = Date.now(),
): Promise<ChallengeView> {
  const facts = await challengePhoneFacts(c);
  const secondsUntil = (t: number) => Math.max(0, Math.ceil((t - now) / 1000));
  return {
    purpose: c.purpose,
    maskedPhone: maskPhone(c.phone, facts),
    attemptsLeft: Math.max(0, MAX_WRONG_ATTEMPTS - c.attempts),
    sendsLeft: Math.max(0, MAX_SENDS - c.sends),
    resendInSeconds:
      c.sends > 0
        ? secondsUntil(c.lastSentAt + resendCooldownSeconds() * 1000)
        : 0,
    codeExpiresInSeconds: c.codeHash ? secondsUntil(c.codeExpiresAt) : 0,
    delivery: c.delivery,
    canText: canReceiveTexts(facts),
    lastChannel:
      c.sends === 0 ? null : c.lastCallAt === c.lastSentAt ? "voice" : "sms",
    locked: c.status === "locked",
    factors: c.factors,
  };
}
