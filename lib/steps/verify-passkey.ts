import "server-only";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { settleFactor } from "@/lib/challenge/verify";
import type { StepContext } from "@/lib/context";
import { refuse, type Outcome, type Refusal } from "@/lib/errors";
import {
  findPasskey,
  listPasskeys,
  takePasskeyUse,
} from "@/lib/factors/passkey-records";
import { authenticationOptions, checkAssertion } from "@/lib/factors/webauthn";
import {
  countFactorFailure,
  failureClient,
  openFactorChallenge,
} from "./factor-outcome";
import type { Passed } from "./verify-code";

/** "Use a passkey": the browser's request options, their challenge sealed for this sign-in. */
export async function startPasskeyStep(
  ctx: Pick<StepContext, "store" | "appUrl">,
  id: string,
): Promise<Outcome<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  const found = await openFactorChallenge(ctx.store, id, "passkey");
  if (!found.ok) return found;
  const passkeys = await listPasskeys(found.userId);
  const options = await authenticationOptions(ctx.appUrl, id, passkeys);
  return { ok: true, options };
}

/**
 * The second-factor step by a passkey. The assertion is verified (signature, origin, RP id, user
 * verification, a challenge sealed for this very sign-in and still live), spent in the database
 * (its counter moves forward once), then settled on the challenge in the same atomic round trip
 * as an authenticator code: a pass completes it, a failure counts on the challenge alone. A
 * replayed assertion counts nothing.
 */
export async function checkPasskey(
  ctx: StepContext,
  id: string,
  response: AuthenticationResponseJSON,
): Promise<Passed | Refusal> {
  const found = await openFactorChallenge(ctx.store, id, "passkey");
  if (!found.ok) return found;
  const { userId, challenge } = found;
  const passkey = await findPasskey(userId, response.id);
  const checked =
    passkey && (await checkAssertion(ctx.appUrl, id, passkey, response));
  if (
    checked &&
    passkey &&
    !(await takePasskeyUse(passkey.factorId, checked.newCounter))
  )
    return refuse("PASSKEY_ALREADY_USED");

  // A junk assertion is no guess (nothing about a passkey can be guessed): it is refused and
  // counted on this challenge alone, never toward any pause.
  const result = await settleFactor(
    ctx.store,
    id,
    checked ? "passkey" : null,
    ctx.now(),
    { client: failureClient(ctx), tried: "passkey" },
  );
  if (result.ok) return { ok: true, purpose: challenge.purpose };
  const failed = await countFactorFailure(ctx, result, {
    userId,
    factor: "passkey",
  });
  // A passkey is not typed: its failure says so, not "wrong code".
  return failed.error === "WRONG_CODE"
    ? { ...failed, error: "PASSKEY_FAILED" }
    : failed;
}

/** The passkey step, answering only whether it passed. */
export async function verifyPasskeyStep(
  ctx: StepContext,
  id: string,
  response: AuthenticationResponseJSON,
): Promise<Outcome> {
  const outcome = await checkPasskey(ctx, id, response);
  return outcome.ok ? { ok: true } : outcome;
}
