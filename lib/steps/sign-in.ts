import "server-only";
import { findAccountsByEmail } from "@/lib/account/email";
import { recordEvent } from "@/lib/audit";
import type { StepContext } from "@/lib/context";
import { refuse } from "@/lib/errors";
import { asLocale } from "@/lib/i18n/locales";
import { recognizeDevice } from "@/lib/devices/records";
import { acceptedFactors } from "@/lib/factors/records";
import { addressBucket } from "@/lib/limits/address-bucket";
import { checkLoginLimits } from "@/lib/limits/decide";
import { notifyPasswordPause } from "./notify-password-pause";
import { completeDueRecovery } from "./recover-account";
import { verifyPassword } from "@/lib/password/hash";
import { completeWithDevice } from "./remembered-device";
import { startCodeStep, type FirstSend } from "./start-code-step";

/** A code step started, or (`deviceRemembered`) one already completed by a remembered device. */
export type PasswordStep = FirstSend | (FirstSend & { deviceRemembered: true });

/**
 * The password step. It grants nothing by itself: it starts a challenge bound to this browser and
 * sends a code to the account's verified phone; only the code step leads to a session. An unknown
 * email and a wrong password get the same answer after the same argon2id work. A person with an
 * authenticator app is asked for it first: no text goes out unless they ask for one. A browser
 * remembered for this account (its device token) skips the second factor, never the password,
 * unless the person asks for it (`secondFactor: "required"`) to make a change that needs one.
 */
type Candidate = Awaited<ReturnType<typeof findAccountsByEmail>>[number];

/**
 * Whose password this is, of the accounts an address signs in (several sign-ups may wait for one
 * address's link, each with its own password). It is checked against the account that proved the
 * address, or the stand-in an unknown address is checked against when none has, and against each
 * sign-up still waiting: one hash more than the unverified sign-ups, all of them every time, whether
 * or not an account proved the address. So signing up with an address oneself does not turn the
 * password step into a test of whether someone else holds it.
 */
async function passwordOwner(
  accounts: Candidate[],
  password: string,
): Promise<Candidate | null> {
  const proven = accounts.find((a) => a.emailVerifiedAt) ?? null;
  const candidates = [proven, ...accounts.filter((a) => !a.emailVerifiedAt)];
  const checks = await Promise.all(
    candidates.map((a) => verifyPassword(a?.passwordHash ?? null, password)),
  );
  return candidates[checks.indexOf(true)] ?? null;
}

export async function checkPasswordStep(
  ctx: StepContext,
  input: {
    email: string;
    password: string;
    deviceToken?: string | null;
    secondFactor?: "required";
  },
): Promise<PasswordStep> {
  const { request } = ctx;
  // Before the password is read: a reset or change that lands while it is checked ends this step.
  let openedAt = ctx.now();
  const limited = await checkLoginLimits(
    input.email,
    addressBucket(request.ip),
  );
  // Strangers filling the cap over all addresses pause the password step for browsers the
  // account has not remembered; a remembered one (its device token) keeps its own way in, still
  // within its own address's limits, which it passed.
  const known =
    limited && "accountPaused" in limited
      ? await knownBrowser(input.email, input.deviceToken, ctx.now())
      : false;
  if (limited && !known) {
    await notifyPasswordPause(ctx, input.email, limited);
    return limited;
  }
  const accounts = await findAccountsByEmail(input.email);
  let user = await passwordOwner(accounts, input.password);
  // A recovery whose waiting period ended completes here, once the password proved it is theirs:
  // the step then goes on with the new phone, opened after what the completion ended. Never on an
  // account locked down or switched off: those gates answer first, below.
  const due = user?.recoveryCompletesAt?.getTime() ?? Infinity;
  if (
    user &&
    !user.lockedDownAt &&
    !user.switchedOffAt &&
    due <= ctx.now() &&
    (await completeDueRecovery(ctx, user.id))
  ) {
    const id = user.id;
    user =
      (await findAccountsByEmail(input.email)).find((a) => a.id === id) ?? null;
    openedAt = ctx.now();
  }
  const phone = user?.phones[0]?.number;
  if (!user || !phone) {
    const detail = { step: "password" };
    await recordEvent({
      type: "login_failure",
      userId: accounts[0]?.id,
      ...request,
      detail,
    });
    return refuse("BAD_CREDENTIALS");
  }
  // Switched off in the operators' console: told only to whoever knows the password.
  if (user.switchedOffAt) {
    await recordEvent({
      type: "login_failure",
      userId: user.id,
      ...request,
      detail: { step: "password", switchedOff: true },
    });
    return refuse("ACCOUNT_SWITCHED_OFF");
  }
  // Locked down with "This wasn't me": only a reset (link and second factor) lets it in again.
  if (user.lockedDownAt) {
    await recordEvent({
      type: "login_failure",
      userId: user.id,
      ...request,
      detail: { step: "password", reason: "locked_down" },
    });
    return refuse("LOCKED_DOWN");
  }
  const account = `user:${user.id}`;
  const deviceToken =
    input.secondFactor === "required" ? null : input.deviceToken;
  if (await recognizeDevice(user.id, deviceToken, ctx.now())) {
    const done = await completeWithDevice(ctx, {
      account,
      userId: user.id,
      phone,
      openedAt,
    });
    if (!done.ok) return done;
    const { challengeId } = done;
    return {
      ok: true,
      challengeId,
      delivery: "none",
      channel: null,
      deviceRemembered: true,
    };
  }
  const factors = await acceptedFactors(user);
  return startCodeStep(ctx, {
    purpose: "login",
    account,
    userId: user.id,
    pending: null,
    phone,
    factors,
    openedAt,
    locale: asLocale(user.locale),
  });
}

/** Whether `token` is a remembered browser of an account `email` signs in. */
async function knownBrowser(
  email: string,
  token: string | null | undefined,
  now: number,
): Promise<boolean> {
  if (!token) return false;
  // Several sign-ups may wait for one address: the browser may be any of theirs (a handful at most).
  for (const user of await findAccountsByEmail(email))
    if (await recognizeDevice(user.id, token, now)) return true;
  return false;
}
