import "server-only";
import { findAccountById } from "@/lib/account/email";
import { isEmailTaken, swapEmail } from "@/lib/account/email-change";
import { addressHolder } from "@/lib/account/unconfirmed";
import type { AccountContext, StepContext } from "@/lib/context";
import {
  linkUrl,
  newLinkToken,
  saveEmailLink,
  spendEmailLink,
} from "@/lib/email-links";
import { CHANGE_EMAIL_LINK_TTL_SECONDS } from "@/lib/email-links/policy";
import { ERRORS, refuse, type Outcome } from "@/lib/errors";
import { asLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import {
  checkVerificationEmailLimit,
  claimRecipientEmail,
} from "@/lib/limits/decide";
import {
  emailChangeLinkEmail,
  emailChangeRequestedEmail,
  emailInUseNoticeEmail,
  maskEmail,
} from "@/lib/mail/email-change-messages";
import {
  applySecurityChange,
  linksSpentBy,
} from "@/lib/security-changes/apply";
import { isSessionLive } from "@/lib/sessions";
import { releaseAddressToProver } from "./unconfirmed-accounts";

// "Change email" on the account page. The new address must prove itself with a link before it
// replaces the old one (the old one keeps working until then), and the route declares a second
// factor passed in the last 10 minutes (ASVS 5.0 7.5.1), like every change of how the account is
// reached. Whether the new address already has an account is never told (ASVS 5.0 V6.3.8): the
// reply, the stored pending change and the work before the reply are the same either way; only
// the email differs, and it goes to the address's owner, who may know.
//
// A pending change must never outlive the owner's remedies: asking tells the current address (with
// a one-time cancel link) and the phone at once; the link works only while the session that asked
// is still signed in; a new password, a reset, a new phone or "Sign out everywhere else" spend it
// (the security-change table); and once it is used every other session ends.

/**
 * "Change email": stores the pending change and mails its link (or the owner's notice), each email
 * in the language its recipient's account saved, else the request's (`locale`).
 */
export async function requestEmailChange(
  ctx: AccountContext,
  newEmail: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Outcome<{ email: string }>> {
  const userId = ctx.user.id;
  const sessionId = ctx.session.id;
  const { mailer } = ctx;
  if (!mailer) return refuse("MAIL_UNAVAILABLE");
  // The link is bound to the session that asks; a cookie that names none signs in again first.
  if (!sessionId) return refuse("REAUTH_REQUIRED");
  const user = await findAccountById(userId);
  if (!user) return refuse("NOT_SIGNED_IN");
  if (user.email === newEmail)
    return refuse("SAME_EMAIL", {
      fields: { newEmail: ERRORS.SAME_EMAIL.message },
    });
  // The verification emails' own limit: each request mails the new address once.
  const limited = await checkVerificationEmailLimit(userId);
  if (limited) return limited;
  const taken = await isEmailTaken(newEmail);
  const own = asLocale(user.locale) ?? locale;
  const { token, tokenHash } = newLinkToken();
  const cancel = newLinkToken();
  // The owner hears of it now, not once it is done; the pending change it replaces is spent.
  await applySecurityChange(ctx, "email_change_requested", {
    userId,
    detail: { to: maskEmail(newEmail) },
    noticeArgs: [maskEmail(newEmail)],
    email: emailChangeRequestedEmail(
      newEmail,
      linkUrl(ctx.appUrl, "/verify-email/cancel", cancel.token),
      CHANGE_EMAIL_LINK_TTL_SECONDS,
      own,
    ),
  });
  // Stored whether or not the address is free, so the account page shows the same pending change;
  // a taken address never gets the token, so that row can never be spent.
  await saveEmailLink({
    userId,
    email: newEmail,
    purpose: "change_email",
    tokenHash,
    ttlSeconds: CHANGE_EMAIL_LINK_TTL_SECONDS,
    sessionId,
    cancelTokenHash: cancel.tokenHash,
  });
  await ctx.later("email change link", async () => {
    // An address mailed its share by any accounts gets no more; the asker is not told (same reply).
    if (!(await claimRecipientEmail(newEmail))) return;
    // A taken address is its holder's, who hears in their own language.
    const content = taken
      ? emailInUseNoticeEmail(
          ctx.appUrl,
          asLocale((await addressHolder(newEmail))?.locale) ?? locale,
        )
      : emailChangeLinkEmail(
          linkUrl(ctx.appUrl, "/verify-email/change", token),
          CHANGE_EMAIL_LINK_TTL_SECONDS,
          own,
        );
    await mailer.sendEmail({ to: newEmail, ...content });
  });
  return { ok: true, email: newEmail };
}

/**
 * The link was opened: the address it reached replaces the account's, verified, if the session
 * that asked is still signed in; then every other session ends. Refused with the same answer as a
 * used link when the address was taken meanwhile or that session ended, so the link tells nothing
 * more; either way it is spent.
 */
export async function confirmEmailChange(
  ctx: StepContext,
  token: string,
): Promise<Outcome> {
  const link = await spendEmailLink(token, "change_email");
  if (!link?.sessionId) return refuse("EMAIL_LINK_INVALID");
  if (!(await isSessionLive(link.userId, link.sessionId, ctx.now())))
    return refuse("EMAIL_LINK_INVALID");
  const swap = await swapEmail(link.userId, link.email, {
    purposes: linksSpentBy("email_changed"),
    at: new Date(ctx.now()),
  });
  if (!swap.ok) return refuse("EMAIL_LINK_INVALID");
  await applySecurityChange(
    { ...ctx, session: { id: link.sessionId } },
    "email_changed",
    {
      userId: link.userId,
      emails: { previous: swap.oldEmail, current: link.email },
    },
  );
  // The address is proven now: sign-ups still waiting for its link can never have it.
  await releaseAddressToProver(ctx, link.userId, link.email);
  return { ok: true };
}
