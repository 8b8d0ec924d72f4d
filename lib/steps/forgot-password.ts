import "server-only";
import {
  canResetByEmail,
  findVerifiedAccountByEmail,
} from "@/lib/account/email";
import { linkUrl, newLinkToken, saveEmailLink } from "@/lib/email-links";
import { RESET_LINK_TTL_SECONDS } from "@/lib/email-links/policy";
import { refuse, type Outcome } from "@/lib/errors";
import { asLocale, DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import type { StepContext } from "@/lib/context";
import { addressBucket } from "@/lib/limits/address-bucket";
import { checkResetRequestLimits } from "@/lib/limits/decide";
import { resetEmail } from "@/lib/mail/messages";

/**
 * "Forgot password?": the answer is the same for every address, after the same work (the limits,
 * one lookup, a token and its keyed hash), so neither the reply nor its timing tells whether the
 * address has an account (ASVS 5.0 V6.3.8). Only after the reply is sent, and only for a verified
 * address of an account with a second factor, is the link stored and emailed: in the language the
 * account saved, else the request's (`locale`).
 */
export async function requestPasswordReset(
  ctx: StepContext,
  email: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Outcome> {
  const { mailer } = ctx;
  if (!mailer) return refuse("MAIL_UNAVAILABLE");
  const limited = await checkResetRequestLimits(
    email,
    addressBucket(ctx.request.ip),
  );
  if (limited) return limited;
  // Only the account that proved the address: sign-ups still waiting for its link never get one.
  const user = await findVerifiedAccountByEmail(email);
  const { token, tokenHash } = newLinkToken();
  const eligible = canResetByEmail(user) ? user : null;
  await ctx.later("reset link", async () => {
    if (!eligible) return;
    await saveEmailLink({
      userId: eligible.id,
      email: eligible.email,
      purpose: "reset_password",
      tokenHash,
      ttlSeconds: RESET_LINK_TTL_SECONDS,
    });
    const link = linkUrl(ctx.appUrl, "/reset-password", token);
    await mailer.sendEmail({
      to: eligible.email,
      ...resetEmail(
        link,
        RESET_LINK_TTL_SECONDS,
        asLocale(eligible.locale) ?? locale,
      ),
    });
  });
  return { ok: true };
}
