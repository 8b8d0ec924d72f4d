import "server-only";
import { findAccountById, markEmailVerified } from "@/lib/account/email";
import { recordEvent } from "@/lib/audit";
import { addressHolder } from "@/lib/account/unconfirmed";
import type { AccountContext, StepContext } from "@/lib/context";
import {
  linkUrl,
  newLinkToken,
  saveEmailLink,
  spendByCancelToken,
  spendEmailLink,
} from "@/lib/email-links";
import { VERIFY_EMAIL_LINK_TTL_SECONDS } from "@/lib/email-links/policy";
import { refuse, type Outcome } from "@/lib/errors";
import { asLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import {
  checkVerificationEmailLimit,
  claimRecipientEmail,
} from "@/lib/limits/decide";
import { signUpAttemptEmail, verificationEmail } from "@/lib/mail/messages";
import type { ChangeContext } from "@/lib/security-changes/apply";
import {
  releaseAddressToProver,
  removeUnverifiedAccount,
} from "./unconfirmed-accounts";

/** What sending an email uses, of a step's context. */
export type MailContext = Pick<StepContext, "mailer" | "appUrl" | "later">;

/** An account a link is sent for, with the language it saved (null or absent: none). */
type Recipient = { id: string; email: string; locale?: string | null };

/**
 * Sends a link that proves the address: once the account exists, and on "Resend". Stored and
 * sent after the reply, so the sign-up's code step waits for neither, and its reply and timing are
 * the same whether another account has proven the address: then the address gets no link, only
 * its owner's notice (signUpAttemptEmail), and this account can never prove it. A link comes with
 * its "I didn't sign up" link, which undoes the sign-up. With `counted` false the address's
 * per-recipient limits are checked there, and a full one sends nothing (the account page offers to
 * send it again). Each email is in the language its recipient saved, else the request's (`locale`).
 */
export async function sendVerificationEmail(
  ctx: MailContext,
  user: Recipient,
  counted = false,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Outcome> {
  const { mailer } = ctx;
  if (!mailer) return refuse("MAIL_UNAVAILABLE");
  const { token, tokenHash } = newLinkToken();
  const refusal = newLinkToken();
  await ctx.later("verification email", async () => {
    if (!counted && !(await claimRecipientEmail(user.email))) return;
    const holder = await addressHolder(user.email);
    if (holder) {
      await mailer.sendEmail({
        to: user.email,
        ...signUpAttemptEmail(ctx.appUrl, asLocale(holder.locale) ?? locale),
      });
      return;
    }
    await saveEmailLink({
      userId: user.id,
      email: user.email,
      purpose: "verify_email",
      tokenHash,
      ttlSeconds: VERIFY_EMAIL_LINK_TTL_SECONDS,
      cancelTokenHash: refusal.tokenHash,
    });
    await mailer.sendEmail({
      to: user.email,
      ...verificationEmail(
        linkUrl(ctx.appUrl, "/verify-email", token),
        linkUrl(ctx.appUrl, "/verify-email/refuse", refusal.token),
        VERIFY_EMAIL_LINK_TTL_SECONDS,
        asLocale(user.locale) ?? locale,
      ),
    });
  });
  return { ok: true };
}

/**
 * The sign-up's link, sent once its account exists. Never fails the sign-up (the work runs after
 * the reply, and a failure is only logged): the account page offers to send it again.
 */
export async function startEmailVerification(
  ctx: MailContext,
  user: Recipient,
): Promise<void> {
  // The sign-up's language stands for its request's (an address's holder may have saved its own).
  const asked = asLocale(user.locale) ?? DEFAULT_LOCALE;
  if (ctx.mailer) await sendVerificationEmail(ctx, user, false, asked);
}

/** "Resend verification email" on the account page, asked in `locale`. */
export async function resendVerificationEmail(
  ctx: MailContext,
  userId: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Outcome> {
  if (!ctx.mailer) return refuse("MAIL_UNAVAILABLE");
  const user = await findAccountById(userId);
  if (!user) return refuse("NOT_SIGNED_IN");
  if (user.emailVerifiedAt) return refuse("EMAIL_ALREADY_VERIFIED");
  // The person asking owns the address: telling them it had its share of mail reveals nothing.
  const limited = await checkVerificationEmailLimit(user.id, user.email);
  if (limited) return limited;
  return sendVerificationEmail(ctx, user, true, locale);
}

/**
 * "Confirm email address": the link proves the mailbox, and the session proves the password and
 * phone of the account it was sent for, so it counts only in a browser signed in to that account.
 * Whoever reads a verification email they did not ask for can never confirm someone else's
 * sign-up with it. The first account to prove an address holds it; every other sign-up still
 * waiting for it is removed, its password, phone and sessions with it.
 */
export async function confirmEmail(
  ctx: AccountContext,
  token: string,
): Promise<Outcome> {
  const userId = ctx.user.id;
  const at = new Date(ctx.now());
  const link = await spendEmailLink(token, "verify_email", at, userId);
  if (!link) return refuse("EMAIL_LINK_INVALID");
  const claim = await markEmailVerified(userId, link.email, at);
  // Another sign-up's link proved the address first: this account can never hold it.
  if (claim === "taken") return refuse("EMAIL_TAKEN");
  if (claim === "gone") return refuse("EMAIL_LINK_INVALID");
  await recordEvent({ type: "email_verified", userId, ...ctx.request });
  await releaseAddressToProver(ctx, userId, link.email);
  return { ok: true };
}

/**
 * "I didn't sign up", the second link of a verification email: the sign-up that gave this address
 * is undone (the security-change table's signup_refused: its sessions end, then it is deleted).
 * It signs no one in and grants nothing; once the address is proven it does nothing.
 */
export async function refuseSignUp(
  ctx: ChangeContext,
  token: string,
): Promise<Outcome> {
  const link = await spendByCancelToken(
    token,
    new Date(ctx.now()),
    "verify_email",
  );
  if (!link) return refuse("EMAIL_LINK_INVALID");
  const user = await findAccountById(link.userId);
  if (!user || user.emailVerifiedAt || user.email !== link.email)
    return refuse("EMAIL_LINK_INVALID");
  await removeUnverifiedAccount(ctx, user.id, "signup_refused");
  return { ok: true };
}
