import "server-only";
import {
  canResetByEmail,
  findAccountById,
  setPasswordAfterReset,
} from "@/lib/account/email";
import type { StepContext } from "@/lib/context";
import { restoreEmailLink, spendEmailLink } from "@/lib/email-links";
import { acceptedFactors } from "@/lib/factors/records";
import { ERRORS, refuse, type Outcome } from "@/lib/errors";
import { asLocale } from "@/lib/i18n/locales";
import { hashPassword } from "@/lib/password/hash";
import { checkNewPassword } from "@/lib/password/check";
import {
  applySecurityChange,
  linksSpentBy,
} from "@/lib/security-changes/apply";
import { countCodeEntered } from "./message-figures";
import { startCodeStep, type FirstSend } from "./start-code-step";

// A reset never bypasses the second factor (ASVS 5.0 V6.4.3): the link only starts the account's
// second-factor step (the authenticator app first when it has one, else a texted code; never a
// text when the person turned text codes off), as the password would; the new password is taken only from the browser that then
// passed it, once. What follows is the security-change table's "password_reset" row: every
// session ends, every remembered browser is forgotten, and the person is told by email and text.

/** The link was opened: spend it and send a code to the account's verified phone. */
export async function startPasswordReset(
  ctx: StepContext,
  token: string,
): Promise<FirstSend> {
  const openedAt = ctx.now(); // before the account's phone and factors are read
  const link = await spendEmailLink(token, "reset_password");
  if (!link) return refuse("EMAIL_LINK_INVALID");
  const user = await findAccountById(link.userId);
  if (!canResetByEmail(user, link.email)) return refuse("EMAIL_LINK_INVALID");
  const phone = user.phones[0]!.number;
  // The account's own second factors, strongest first, exactly as its sign-in asks for them.
  const factors = await acceptedFactors(user);
  const outcome = await startCodeStep(ctx, {
    purpose: "reset",
    account: `user:${user.id}`,
    userId: user.id,
    pending: null,
    phone,
    factors,
    openedAt,
    locale: asLocale(user.locale),
  });
  // Refused before any code went out (a limit, the account's lock): the link works again later.
  if (!outcome.ok) await restoreEmailLink(link.id);
  return outcome;
}

/** "Set new password", from the browser whose reset challenge passed its code step. */
export async function finishPasswordReset(
  ctx: StepContext,
  challengeId: string,
  password: string,
): Promise<Outcome> {
  const challenge = await ctx.store.getChallenge(challengeId);
  if (
    challenge?.purpose !== "reset" ||
    challenge.status !== "verified" ||
    !challenge.userId
  )
    return refuse("NO_CHALLENGE");
  const user = await findAccountById(challenge.userId);
  if (!user) return refuse("NO_CHALLENGE");
  const weak = await checkNewPassword(password, { email: user.email });
  if (!weak.ok)
    return refuse(weak.error, {
      fields: { password: ERRORS[weak.error].message },
    });
  const passwordHash = await hashPassword(password);
  // Spent here, atomically: of two submissions, one sets the password and the other is refused.
  const spent = await ctx.store.redeemChallenge(challengeId);
  if (spent?.purpose !== "reset" || spent.userId !== user.id)
    return refuse("NO_CHALLENGE");
  await countCodeEntered(ctx, spent);
  await setPasswordAfterReset(user.id, passwordHash, {
    purposes: linksSpentBy("password_reset"),
    at: new Date(ctx.now()),
  });
  // The text goes to the phone the reset's code went to; neither notice carries a link or a code.
  await applySecurityChange(ctx, "password_reset", {
    userId: user.id,
    textTo: spent.phone,
  });
  return { ok: true };
}
