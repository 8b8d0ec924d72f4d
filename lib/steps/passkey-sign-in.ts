import "server-only";
import { randomBytes } from "node:crypto";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { findAccountById } from "@/lib/account/email";
import { recordEvent } from "@/lib/audit";
import type { StepContext } from "@/lib/context";
import { refuse, type Outcome } from "@/lib/errors";
import {
  findPasskey,
  findPasskeyOwner,
  takePasskeyUse,
} from "@/lib/factors/passkey-records";
import {
  PASSKEY_CHALLENGE_BYTES,
  PASSKEY_TIMEOUT_SECONDS,
} from "@/lib/factors/policy";
import {
  checkAssertion,
  discoverableOptions,
  isUserHandleOf,
  passkeySignInNonce,
} from "@/lib/factors/webauthn";
import { addressBucket } from "@/lib/limits/address-bucket";
import { checkPasswordAttempts } from "@/lib/limits/decide";
import { completeWithFactor } from "./remembered-device";

/** "Sign in with a passkey" (or the email field's passkey autofill): options that name no account. */
export async function startPasskeySignIn(
  ctx: Pick<StepContext, "appUrl" | "now">,
): Promise<Outcome<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  const nonce = randomBytes(PASSKEY_CHALLENGE_BYTES).toString("base64url");
  const options = await discoverableOptions(ctx.appUrl, nonce, ctx.now());
  return { ok: true, options };
}

/**
 * A sign-in by a discoverable passkey alone. A passkey that verified its user (a fingerprint, a
 * face, a PIN) is something the person has and something they are or know: NIST SP 800-63B-4
 * counts it as a multi-factor authenticator (AAL2), so no password is asked. It passes the same
 * guards as the password step: the address limit, the account's bar (switched off or paused after
 * wrong codes, checked atomically as the challenge opens), one use per assertion; then a challenge
 * of its own purpose ("passkey", lib/challenge/purposes.ts) completed by "passkey", which next-auth redeems like any other, so the
 * session records it (amr "passkey") and counts it as a fresh second factor. A passkey that is not
 * discoverable never gets here (the browser cannot offer it); it serves as the second step.
 */
export async function checkPasskeySignIn(
  ctx: StepContext,
  response: AuthenticationResponseJSON,
): Promise<Outcome<{ challengeId: string }>> {
  const { request } = ctx;
  const limited = await checkPasswordAttempts(addressBucket(request.ip));
  if (limited) return limited;
  const failed = async (userId?: string) => {
    await recordEvent({
      type: "login_failure",
      userId,
      ...request,
      detail: { step: "passkey" },
    });
    return refuse("PASSKEY_FAILED");
  };
  const nonce = passkeySignInNonce(response, ctx.now());
  if (!nonce) return refuse("PASSKEY_EXPIRED");
  const userId = await findPasskeyOwner(response.id);
  if (!userId || !isUserHandleOf(response.response.userHandle, userId))
    return failed(userId ?? undefined);
  const passkey = await findPasskey(userId, response.id);
  const checked =
    passkey &&
    (await checkAssertion(
      ctx.appUrl,
      { passkeyOnly: nonce },
      passkey,
      response,
    ));
  if (!passkey || !checked) return failed(userId);
  // A passkey that keeps no counter would let its assertion pass twice: the challenge is spent once.
  const first = await ctx.store.claimOnce(
    `passkey-sign-in:${nonce}`,
    PASSKEY_TIMEOUT_SECONDS,
  );
  if (!first || !(await takePasskeyUse(passkey.factorId, checked.newCounter)))
    return refuse("PASSKEY_ALREADY_USED");
  const user = await findAccountById(userId);
  const phone = user?.phones[0]?.number;
  if (!user || !phone) return failed(userId);
  return completeWithFactor(ctx, "passkey", {
    account: `user:${user.id}`,
    userId: user.id,
    phone,
  });
}
