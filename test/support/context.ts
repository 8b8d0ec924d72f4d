import type { AccountContext, SignedInUser, StepContext } from "@/lib/context";
import { NO_REQUEST_FACTS } from "@/lib/context";
import { getEnv } from "@/lib/env";
import type { Refusal } from "@/lib/errors";
import {
  FRESH_SECOND_FACTOR_MINUTES,
  type SignInMethod,
} from "@/lib/factors/policy";
import { getMailer } from "@/lib/mail";
import { getMessenger } from "@/lib/messaging";
import { runAfterReply } from "@/lib/runtime/after-reply";
import { checkSecondFactorAge } from "@/lib/steps/fresh-second-factor";
import { getChallengeStore } from "@/lib/store";

// The context a use case gets (lib/context), built by a test: the environment's ports unless the
// test names its own, the real clock unless it fixes one, and no request facts unless given.

export function testContext(over: Partial<StepContext> = {}): StepContext {
  return {
    store: over.store ?? getChallengeStore(),
    messenger: over.messenger ?? getMessenger(),
    mailer: over.mailer === undefined ? getMailer() : over.mailer,
    appUrl: over.appUrl ?? getEnv().appUrl,
    later: over.later ?? runAfterReply,
    now: over.now ?? Date.now,
    request: over.request ?? NO_REQUEST_FACTS,
  };
}

export interface SessionOptions {
  /** When the session passed its second factor (epoch ms); now by default. */
  secondFactorAt?: number | null;
  sessionId?: string | null;
  /** How the session signed in (its amr claim); a texted code by default. */
  signedInWith?: SignInMethod | null;
}

/** A signed-in person's context, past the guards of their route. */
export function accountContext(
  user: { id: string; email?: string },
  over: Partial<StepContext> & SessionOptions = {},
): AccountContext<string> {
  const {
    secondFactorAt,
    sessionId = null,
    signedInWith = "phone",
    ...ports
  } = over;
  const ctx = testContext(ports);
  const signedIn: SignedInUser = { id: user.id, email: user.email ?? "" };
  return {
    ...ctx,
    user: signedIn,
    session: {
      id: sessionId,
      secondFactorAt: secondFactorAt === undefined ? ctx.now() : secondFactorAt,
      signedInWith,
    },
  };
}

/** A clock stopped at `ms`. */
export const clockAt = (ms: number) => () => ms;

/**
 * Runs `step` behind the guard its route declares (lib/http/routes.ts): a second factor passed in
 * the last FRESH_SECOND_FACTOR_MINUTES, else REAUTH_REQUIRED.
 */
export async function behindFreshSecondFactor<T>(
  ctx: AccountContext<string>,
  step: (ctx: AccountContext<string>) => Promise<T>,
): Promise<T | Refusal> {
  return checkSecondFactorAge(ctx, FRESH_SECOND_FACTOR_MINUTES) ?? step(ctx);
}
