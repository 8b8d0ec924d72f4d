import "server-only";
import { findAccountById, markEmailVerified } from "@/lib/account/email";
import { recordEvent } from "@/lib/audit";
import {
  linkUrl,
  newLinkToken,
  saveEmailLink,
  spendEmailLink,
} from "@/lib/email-links";
import { VERIFY_EMAIL_LINK_TTL_SECONDS } from "@/lib/email-links/policy";
import { refuse, type Outcome } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { checkVerificationEmailLimit } from "@/lib/limits/decide";
import { verificationEmail } from "@/lib/mail/messages";
import type { MailDeps } from "./mail-deps";

/**
 * Sends a link that proves the address: once the account exists, and on "Resend". Stored and
 * sent after the reply, so the sign-up's code step waits for neither.
 */
export async function sendVerificationEmail(
  deps: MailDeps,
  user: { id: string; email: string },
): Promise<Outcome> {
  const { mailer } = deps;
  if (!mailer) return refuse("MAIL_UNAVAILABLE");
  const { token, tokenHash } = newLinkToken();
  await deps.later("verification email", async () => {
    await saveEmailLink({
      userId: user.id,
      email: user.email,
      purpose: "verify_email",
      tokenHash,
      ttlSeconds: VERIFY_EMAIL_LINK_TTL_SECONDS,
    });
    const link = linkUrl(deps.appUrl, "/verify-email", token);
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
  deps: MailDeps,
  user: { id: string; email: string },
): Promise<void> {
  if (deps.mailer) await sendVerificationEmail(deps, user);
}

/** "Resend verification email" on the account page. */
export async function resendVerificationEmail(
  deps: MailDeps,
  userId: string,
): Promise<Outcome> {
  if (!deps.mailer) return refuse("MAIL_UNAVAILABLE");
  const user = await findAccountById(userId);
  if (!user) return refuse("NOT_SIGNED_IN");
  if (user.emailVerifiedAt) return refuse("EMAIL_ALREADY_VERIFIED");
  const limited = await checkVerificationEmailLimit(user.id);
  if (limited) return limited;
  return sendVerificationEmail(deps, user);
}

/** The link was opened: it proves the address it was sent to, while that is still the account's. */
export async function confirmEmail(
  token: string,
  meta: RequestMeta,
): Promise<Outcome> {
  const link = await spendEmailLink(token, "verify_email");
  if (!link || !(await markEmailVerified(link.userId, link.email)))
    return refuse("EMAIL_LINK_INVALID");
  await recordEvent({ type: "email_verified", userId: link.userId, ...meta });
  return { ok: true };
}
