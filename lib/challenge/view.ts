import { maskPhone } from "@/lib/phone";
import type { Challenge } from "@/lib/store/types";
import { MAX_SENDS, MAX_WRONG_ATTEMPTS } from "./policy";
import { resendCooldownSeconds } from "./settings";

/** What the code page may know about a challenge: never the code, its hash, or the id. */
export interface ChallengeView {
  purpose: Challenge["purpose"];
  maskedPhone: string;
  attemptsLeft: number;
  sendsLeft: number;
  /** Epoch ms when "Resend code" becomes available. */
  resendAt: number;
  /** Epoch ms when the current code stops working (0 when none was sent). */
  codeExpiresAt: number;
  delivery: Challenge["delivery"];
  locked: boolean;
}

export function toChallengeView(c: Challenge): ChallengeView {
  return {
    purpose: c.purpose,
    maskedPhone: maskPhone(c.phone),
    attemptsLeft: Math.max(0, MAX_WRONG_ATTEMPTS - c.attempts),
    sendsLeft: Math.max(0, MAX_SENDS - c.sends),
    resendAt: c.sends > 0 ? c.lastSentAt + resendCooldownSeconds() * 1000 : 0,
    codeExpiresAt: c.codeHash ? c.codeExpiresAt : 0,
    delivery: c.delivery,
    locked: c.status === "locked",
  };
}
