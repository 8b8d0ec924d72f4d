import "server-only";
import { recordEvent } from "@/lib/audit";
import { acceptsPurpose } from "@/lib/challenge/purposes";
import { NO_REQUEST_FACTS, type RequestFacts } from "@/lib/context";
import { makeStepContext } from "@/lib/context/make";
import { getDb } from "@/lib/db";
import type { SignInMethod } from "@/lib/factors/policy";
import {
  browserTokenFromCookieHeader,
  setBrowserCookie,
} from "@/lib/http/browser-cookie";
import { challengeIdFromCookieHeader } from "@/lib/http/challenge-cookie";
import { setLocaleCookie } from "@/lib/i18n/cookie";
import { asLocale } from "@/lib/i18n/locales";
import { noteSignInBrowser } from "@/lib/notices/new-sign-in";
import { countCodeEntered } from "@/lib/steps/message-figures";
import { cancelDeletionBySignIn } from "@/lib/steps/delete-account";
import { cancelRecoveryOnSignIn } from "@/lib/steps/recover-account";
import { getChallengeStore } from "@/lib/store";

/**
 * Turns a challenge that passed its second factor into the user next-auth signs in. The store
 * deletes it in the same step, so one completed challenge yields at most one session. A store or
 * database failure throws, and next-auth then answers 401 without a session (fail closed).
 */
export async function redeemSecondFactor(
  cookieHeader: string | undefined,
  request: RequestFacts = NO_REQUEST_FACTS,
) {
  const id = challengeIdFromCookieHeader(cookieHeader, "sign-in");
  if (!id) return null;
  // Only a sign-up's or a sign-in's id gets this far (lib/challenge/purposes.ts): a reset's code
  // step leads to a new password, a phone change's proves a number for someone already signed in.
  const challenge = await getChallengeStore().redeemChallenge(id);
  if (!challenge?.userId || !acceptsPurpose("sign-in", challenge.purpose))
    return null;
  const ctx = makeStepContext(request);
  // Counted once the code has opened a session, a proof pumped numbers never give.
  await countCodeEntered(ctx, challenge);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: challenge.userId } });
  // Locked down with "This wasn't me": no way in, whatever passed, until the password is reset.
  // Switched off by an operator: none until "Switch on" (a passkey alone never meets the password
  // step, which refuses it too with a message).
  if (!user || user.lockedDownAt || user.switchedOffAt) return null;
  // Signing in during a deletion's grace period keeps the account (the page then says so).
  if (user.deletionDueAt) await cancelDeletionBySignIn(ctx, user.id);
  // Its owner is here, with a factor the account already had: a recovery waiting on it ends.
  if (user.recoveryCompletesAt) await cancelRecoveryOnSignIn(ctx, user.id);
  // A browser this account never signed in from is told of by email (lib/notices/new-sign-in.ts).
  const { browserToken, newDevice } = await noteSignInBrowser(ctx, {
    userId: user.id,
    purpose: challenge.purpose,
    verifiedBy: challenge.verifiedBy ?? null,
    browserToken: browserTokenFromCookieHeader(cookieHeader),
    request,
  });
  await renewBrowserCookie(browserToken);
  await carrySavedLocale(user.locale);
  await recordEvent({
    type: "login_success",
    userId: user.id,
    ...request,
    detail: {
      purpose: challenge.purpose,
      factor: challenge.verifiedBy ?? "phone",
      newDevice,
    },
  });
  // How it signed in goes into the session (the amr claim): "device" never counts as a second factor,
  // and a challenge that does not say what verified it (every settle does) gives none at all.
  const amr: SignInMethod | undefined = challenge.verifiedBy ?? undefined;
  return { id: user.id, email: user.email, amr };
}

/**
 * The account's saved language becomes this browser's: pages read it from the cookie, never from
 * the database. A cookie that cannot be set fails no sign-in.
 */
async function carrySavedLocale(saved: string | null): Promise<void> {
  const locale = asLocale(saved);
  if (!locale) return;
  try {
    await setLocaleCookie(locale);
  } catch (error) {
    console.error(
      "sign-in: could not set the language cookie: %s",
      (error as Error).message,
    );
  }
}

/** The browser's token for another full lifetime; a cookie that cannot be set fails no sign-in. */
async function renewBrowserCookie(token: string): Promise<void> {
  try {
    await setBrowserCookie(token);
  } catch (error) {
    console.error(
      "sign-in: could not set the browser cookie: %s",
      (error as Error).message,
    );
  }
}
