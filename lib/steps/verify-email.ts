import "server-only";
import { findAccountById, markEmailVerified } from "@/lib/account/email";
import { recordEvent } from "@/lib/audit";
import type { StepContext } from "@/lib/context";
import {
  linkUrl,
  newLinkToken,
  saveEmailLink,
  spendEmailLink,
} from "@/lib/email-links";
import { VERIFY_EMAIL_LINK_TTL_SECONDS } from "@/lib/email-links/policy";
import { refuse, type Outcome } from "@/lib/errors";
import {
  checkVerificationEmailLimit,
  claimRecipientEmail,
} from "@/lib/limits/decide";
import { verificationEmail } from "@/lib/mail/messages";

/** What sending an email uses, of a step's context. */
export type MailContext = Pick<StepContext, "mailer" | "appUrl" | "later">;

/**
 * Sends a link that proves the address: once the account exists, and on "Resend". Stored and
 * sent after the reply, so the sign-up's code step waits for neither. With `counted` false the
 * address's per-recipient limits are checked there, and a full one sends nothing (the account page
 * offers to send it again).
 */
export async function sendVerificationEmail(
  ctx: MailContext,
  user: { id: string; email: string },
  counted = false,
): Promise<Outcome> {
  const { mailer } = ctx;
  if (!mailer) return refuse("MAIL_UNAVAILABLE");
  const { token, tokenHash } = newLinkToken();
  await ctx.later("verification email", async () => {
    if (!counted && !(await claimRecipientEmail(user.email))) return;
    await saveEmailLink({
      userId: user.id,
      email: user.email,
      purpose: "verify_email",
      tokenHash,
      ttlSeconds: VERIFY_EMAIL_LINK_TTL_SECONDS,
    });
    const link = linkUrl(ctx.appUrl, "/verify-email", token);
    await mailer.sendEmail({
      to: user.email,
      ...verificationEmail(link, VERIFY_EMAIL_LINK_TTL_SECONDS),
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
  user: { id: string; email: string },
): Promise<void> {
  if (ctx.mailer) await sendVerificationEmail(ctx, user);
}

/** "Resend verification email" on the account page. */
export async function resendVerificationEmail(
  ctx: MailContext,
  userId: string,
): Promise<Outcome> {
  if (!ctx.mailer) return refuse("MAIL_UNAVAILABLE");
  const user = await findAccountById(userId);
  if (!user) return refuse("NOT_SIGNED_IN");
  if (user.emailVerifiedAt) return refuse("EMAIL_ALREADY_VERIFIED");
  // The person asking owns the address: telling them it had its share of mail reveals nothing.
  const limited = await checkVerificationEmailLimit(user.id, user.email);
  if (limited) return limited;
  return sendVerificationEmail(ctx, user, true);
}

/** The link was opened: it proves the address it was sent to, while that is still the account's. */
export async function confirmEmail(
  ctx: Pick<StepContext, "request">,
  token: string,
): Promise<Outcome> {
  const link = await spendEmailLink(token, "verify_email");
  if (!link || !(await markEmailVerified(link.userId, link.email)))
    return refuse("EMAIL_LINK_INVALID");
  await recordEvent({
    type: "email_verified",
    userId: link.userId,
    ...ctx.request,
  });
  return { ok: true };
}
