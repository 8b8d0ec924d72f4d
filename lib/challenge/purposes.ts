import type { ChallengePurpose } from "@/lib/store/types";

// Which challenges each step takes. A challenge's id begins with its purpose (./id.ts) and the
// store holds the challenge under its whole id, so an id whose purpose was changed names nothing:
// every step that reads a challenge's id from a cookie asks here first, before any round trip, and a
// challenge of another purpose is, to that step, no challenge at all. A phone change's code can
// then never complete a sign-in's step (nor remember a browser), nor a sign-in's a phone change.

export const STEP_PURPOSES = {
  /** The code step (/verify, /api/otp/*): a sign-up's, a sign-in's or a reset's second factor. */
  "code-step": ["signup", "login", "reset"],
  /** "Remember this device for 30 days": only a browser that is signing in. */
  "remember-device": ["signup", "login"],
  /** next-auth turns the challenge into a session: a sign-up's, a sign-in's, a passkey's alone. */
  "sign-in": ["signup", "login", "passkey"],
  /** "Set new password": only a reset's. */
  "new-password": ["reset"],
  /** "Change phone number" (/api/account/phone/*): only a phone change's. */
  "phone-change": ["phone-change"],
  /** "Lost your phone and codes?": only from a sign-in's code step, whose password step passed. */
  "recovery-start": ["login"],
  /** The new phone a recovery proves: only a recovery's. */
  "recovery-phone": ["recovery"],
} as const satisfies Record<string, readonly ChallengePurpose[]>;

export type ChallengeStep = keyof typeof STEP_PURPOSES;

/** Longest first, so that no purpose is read as the start of another. */
const PURPOSES: readonly ChallengePurpose[] = [
  "phone-change",
  "recovery",
  "passkey",
  "signup",
  "login",
  "reset",
];

/** The purpose an id was made for (`<purpose>-<random>.<account>`), or null for any other string. */
export function purposeOfChallengeId(id: string): ChallengePurpose | null {
  return PURPOSES.find((p) => id.startsWith(`${p}-`)) ?? null;
}

/** Whether `step` takes a challenge of this purpose. */
export function acceptsPurpose(
  step: ChallengeStep,
  purpose: ChallengePurpose | null,
): boolean {
  return (STEP_PURPOSES[step] as readonly string[]).includes(purpose ?? "");
}

/** `id` when `step` takes the challenge it names, else null. */
export function challengeIdFor(
  step: ChallengeStep,
  id: string | null,
): string | null {
  return id && acceptsPurpose(step, purposeOfChallengeId(id)) ? id : null;
}
