import "server-only";
import { getDb } from "@/lib/db";
import { SECURITY_CHANGES } from "@/lib/security-changes/table";
import { findAccountById } from "@/lib/account/email";
import { findVerifiedPhone } from "@/lib/account/phone";
import {
  cancelByToken,
  cancelRecoveryOf,
  completeRecovery,
  hashCancelToken,
  saveRecovery,
} from "@/lib/account/recovery";
import { RECOVERY_LINK_TTL_SECONDS } from "@/lib/account/recovery-policy";
import { recordEvent } from "@/lib/audit";
import { challengeAccountOf } from "@/lib/challenge/id";
import { acceptsPurpose } from "@/lib/challenge/purposes";
import type { StepContext } from "@/lib/context";
import {
  findEmailLink,
  linkUrl,
  newLinkToken,
  saveEmailLink,
  spendEmailLink,
} from "@/lib/email-links";
import { getEnv } from "@/lib/env";
import { ERRORS, refuse, type Outcome } from "@/lib/errors";
import { asLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { randomToken } from "@/lib/keys";
import { addressBucket } from "@/lib/limits/address-bucket";
import { checkResetRequestLimits } from "@/lib/limits/decide";
import {
  recoveryLinkEmail,
  recoveryStartedEmail,
} from "@/lib/mail/recovery-messages";
import { NOTICES } from "@/lib/notices/catalogue";
import { maskPhone, phoneFacts } from "@/lib/phone";
import { challengePhoneFacts } from "@/lib/challenge/phone-facts";
import { applySecurityChange } from "@/lib/security-changes/apply";
import { startCodeStep, type FirstSend } from "./start-code-step";
import { verifyCodeStep } from "./verify-code";

// "Lost your phone and codes?" (NIST SP 800-63B-4 §4.2, ASVS 5.0 6.4.4): a person who lost every
// factor proves as much as sign-up did. The password (they are at a sign-in's code step, which
// only a right password opens), a link to the account's verified address, and a new phone proven
// by its own code. Then a waiting period in which the old phone and the address are told, with
// when it completes and how to cancel (a one-time link; any sign-in with a factor the account
// already had). Only when it ends, at the next password step, does the new phone replace the old
// one. Whoever holds only the password or only the mailbox never gets past the second proof, and
// the owner, who holds a factor, cancels anyone who holds both just by signing in.

/** The account a recovery's failed codes count toward: never the account's own, so a switched-off
 * account can still prove a new number, and a stranger's wrong codes pause no one's sign-in. */
const recoveryAccount = (userId: string) => `recovery:${userId}`;

/**
 * The first proof after the password: a link to the account's verified address. `challengeId` is
 * this browser's sign-in challenge (its password step passed); it is left as it is, so the person
 * can still use a factor they find after all. The link is worded in the language the account saved,
 * else the request's (`locale`).
 */
export async function askRecovery(
  ctx: StepContext,
  challengeId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Outcome> {
  const { mailer } = ctx;
  if (!mailer) return refuse("MAIL_UNAVAILABLE");
  const challenge = await ctx.store.getChallenge(challengeId);
  if (
    !challenge?.userId ||
    challenge.status === "verified" ||
    !acceptsPurpose("recovery-start", challenge.purpose)
  )
    return refuse("NO_CHALLENGE");
  const user = await findAccountById(challenge.userId);
  if (!user || barred(user)) return refuse("NO_CHALLENGE");
  // The password step it proves was passed before a change that ends challenges (a reset, a
  // lock-down…): it no longer proves the password.
  if (await credentialsChangedSince(user.id, challenge.createdAt))
    return refuse("NO_CHALLENGE");
  if (!user.emailVerifiedAt) return refuse("RECOVERY_NEEDS_EMAIL");
  // One budget of emailed links per address and per client address, shared with "Forgot password?".
  const limited = await checkResetRequestLimits(
    user.email,
    addressBucket(ctx.request.ip),
  );
  if (limited) return limited;
  const { token, tokenHash } = newLinkToken();
  await saveEmailLink({
    userId: user.id,
    email: user.email,
    purpose: "recover_account",
    tokenHash,
    ttlSeconds: RECOVERY_LINK_TTL_SECONDS,
  });
  await recordEvent({
    type: "recovery_requested",
    userId: user.id,
    ...ctx.request,
  });
  const link = linkUrl(ctx.appUrl, "/recover", token);
  await ctx.later("recovery link", () =>
    mailer.sendEmail({
      to: user.email,
      ...recoveryLinkEmail(
        link,
        RECOVERY_LINK_TTL_SECONDS,
        asLocale(user.locale) ?? locale,
      ),
    }),
  );
  return { ok: true };
}

/** The link's account, while the link is live and its address is still the account's, verified. */
async function linkedAccount(token: string, now: number) {
  const link = await findEmailLink(token, "recover_account", new Date(now));
  if (!link) return null;
  const user = await findAccountById(link.userId);
  return user?.emailVerifiedAt && user.email === link.email && !barred(user)
    ? user
    : null;
}

/** Locked down ("This wasn't me") or switched off by an operator: no recovery starts or waits. */
const barred = (user: {
  lockedDownAt: Date | null;
  switchedOffAt: Date | null;
}) => !!user.lockedDownAt || !!user.switchedOffAt;

/** The audit rows of the changes that end challenges opened before them (the security-change table). */
const CHALLENGE_ENDING = [
  ...new Set(
    Object.values(SECURITY_CHANGES)
      .filter((rule) => rule.endOpenChallenges)
      .map((rule) => rule.audit),
  ),
];

async function credentialsChangedSince(userId: string, since: number) {
  const db = await getDb();
  const changed = await db.authEvent.count({
    where: {
      userId,
      type: { in: CHALLENGE_ENDING },
      createdAt: { gte: new Date(since) },
    },
  });
  return changed > 0;
}

/** The third proof: a code to the new number, under a sign-up's destination rules and limits. */
export async function startRecoveryPhone(
  ctx: StepContext,
  input: { token: string; phone: string },
): Promise<FirstSend> {
  const user = await linkedAccount(input.token, ctx.now());
  if (!user) return refuse("RECOVERY_LINK_INVALID");
  if ((await findVerifiedPhone(user.id)) === input.phone)
    return refuse("SAME_PHONE", {
      fields: { phone: ERRORS.SAME_PHONE.message },
    });
  return startCodeStep(ctx, {
    purpose: "recovery",
    account: recoveryAccount(user.id),
    userId: user.id,
    pending: null,
    phone: input.phone,
  });
}

/**
 * The new number's code: once it is right the link is spent (one UPDATE, so of two confirmations
 * one goes on) and the waiting period begins, told to the phone that would be replaced and to the
 * address (with the cancel link). Nothing about the account changes yet.
 */
export async function confirmRecoveryPhone(
  ctx: StepContext,
  input: { token: string; challengeId: string; code: string },
): Promise<Outcome<{ completesAt: Date }>> {
  const { challengeId } = input;
  const challenge = await ctx.store.getChallenge(challengeId);
  if (
    !challenge?.userId ||
    !acceptsPurpose("recovery-phone", challenge.purpose)
  )
    return refuse("NO_CHALLENGE");
  const user = await linkedAccount(input.token, ctx.now());
  if (!user || user.id !== challenge.userId)
    return refuse("RECOVERY_LINK_INVALID");
  const checked = await verifyCodeStep(ctx, challengeId, input.code);
  if (!checked.ok && checked.error !== "ALREADY_VERIFIED") return checked;
  const spent = await ctx.store.redeemChallenge(challengeId);
  if (spent?.userId !== user.id) return refuse("NO_CHALLENGE");
  const link = await spendEmailLink(
    input.token,
    "recover_account",
    new Date(ctx.now()),
  );
  if (link?.userId !== user.id) return refuse("RECOVERY_LINK_INVALID");
  const startedAt = new Date(ctx.now());
  const hours = getEnv().recoveryWaitingHours;
  const completesAt = new Date(ctx.now() + hours * 3600 * 1000);
  const cancelToken = randomToken();
  await saveRecovery(user.id, {
    newPhone: spent.phone,
    startedAt,
    completesAt,
    cancelTokenHash: hashCancelToken(cancelToken),
  });
  const ending = spent.phone.slice(-4);
  const notice = NOTICES.recoveryStarted(ending, completesAt);
  await applySecurityChange(ctx, "recovery_started", {
    userId: user.id,
    detail: {
      to: maskPhone(spent.phone, await challengePhoneFacts(spent)),
      hours,
    },
    noticeArgs: [ending, completesAt],
    email: (locale) =>
      recoveryStartedEmail(
        notice,
        linkUrl(ctx.appUrl, "/recover/cancel", cancelToken),
        locale,
      ),
  });
  return { ok: true, completesAt };
}

/** The cancel link: ends the recovery it names, once; it signs no one in and changes nothing else. */
export async function cancelRecoveryByLink(
  ctx: StepContext,
  token: string,
): Promise<Outcome> {
  const cancelled = /^[\w-]{20,128}$/.test(token)
    ? await cancelByToken(hashCancelToken(token))
    : null;
  if (!cancelled) return refuse("RECOVERY_NOT_PENDING");
  await applySecurityChange(ctx, "recovery_cancelled", {
    userId: cancelled.userId,
    detail: { by: "link" },
  });
  return { ok: true };
}

/**
 * A sign-in that passed a factor the account already had (or a remembered browser of its own):
 * its owner is here, so a recovery waiting on the account is cancelled. Never refuses the sign-in.
 * A lock-down ("This wasn't me") cancels one the same way: it may be the intruder's.
 */
export async function cancelRecoveryOnSignIn(
  ctx: StepContext,
  userId: string,
  by: "sign-in" | "lock-down" | "switch-off" = "sign-in",
): Promise<void> {
  if (!(await cancelRecoveryOf(userId))) return;
  await applySecurityChange(ctx, "recovery_cancelled", {
    userId,
    detail: { by },
  });
}

/**
 * At a password step that passed: a recovery whose waiting period ended by `ctx.now()` completes,
 * once (lib/account/recovery.ts takes its row in one statement). True when it did, so the step
 * then asks for the new phone's code.
 */
export async function completeDueRecovery(
  ctx: StepContext,
  userId: string,
): Promise<boolean> {
  const done = await completeRecovery(userId, new Date(ctx.now()));
  if (!done.done) {
    if (done.reason === "phone-taken")
      await recordEvent({
        type: "recovery_cancelled",
        userId,
        ...ctx.request,
        detail: { by: "number-taken" },
      });
    return false;
  }
  // Switched off by wrong codes before: those were counted against factors that are gone now.
  await ctx.store.clearAccountFailures(challengeAccountOf(`user:${userId}`));
  await applySecurityChange(ctx, "recovery_completed", {
    userId,
    detail: { to: maskPhone(done.newPhone, phoneFacts(done.newPhone)) },
    // Told on the new phone: the old one is no longer the account's.
    textTo: done.newPhone,
  });
  return true;
}
