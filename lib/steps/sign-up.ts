import "server-only";
import type { StepContext } from "@/lib/context";
import { addressBucket } from "@/lib/limits/address-bucket";
import { checkPasswordAttempts } from "@/lib/limits/decide";
import { ERRORS, refuse } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { hashPassword } from "@/lib/password/hash";
import { checkNewPassword } from "@/lib/password/check";
import { checkProofOfWork } from "@/lib/proof-of-work";
import { randomToken } from "@/lib/keys";
import { startCodeStep, type FirstSend } from "./start-code-step";

export interface SignUpInput {
  email: string;
  password: string;
  phone: string;
  /** The browser's proof of work (lib/proof-of-work); not asked when PROOF_OF_WORK=off. */
  proof?: string;
  /** The language the person is reading the sign-up in: their texts' and, once made, the account's. */
  locale?: Locale;
}

/**
 * Sign-up: nothing reaches the database here. The pending account waits in the challenge until
 * the phone is proven (verifyCodeStep), so an abandoned sign-up never holds the email or number.
 * Whether the address already has an account changes nothing here nor at the code step: the
 * account is created either way, and only an email after the reply differs.
 */
export async function signUp(
  ctx: StepContext,
  input: SignUpInput,
): Promise<FirstSend> {
  // Each attempt costs an argon2id hash: counted per address like password guesses.
  const limited = await checkPasswordAttempts(addressBucket(ctx.request.ip));
  if (limited) return limited;
  // Before the hash and the text: a script pays for each number it would have texted.
  const unproven = await checkProofOfWork(ctx, input.proof, "signup");
  if (unproven) return unproven;
  const { email, phone } = input;
  const weak = await checkNewPassword(input.password, { email });
  if (!weak.ok)
    return refuse(weak.error, {
      fields: { password: ERRORS[weak.error].message },
    });
  const passwordHash = await hashPassword(input.password);
  return startCodeStep(ctx, {
    purpose: "signup",
    account: `email:${email}`,
    // Wrong codes count toward this sign-up alone, so they end with it: counted toward the address,
    // enough of them would switch its sign-ups off for good, for an owner who was never asked.
    failuresCountedAs: `signup:${randomToken()}`,
    userId: null,
    pending: { email, passwordHash },
    phone,
    locale: input.locale,
  });
}
