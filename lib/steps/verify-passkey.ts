import "server-only";
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from "@simplewebauthn/server";
import { recordEvent } from "@/lib/audit";
import type { SendDeps } from "@/lib/challenge/send";
import { settleFactor } from "@/lib/challenge/verify";
import { refuse, type ErrorCode, type Outcome } from "@/lib/errors";
import {
  findPasskey,
  listPasskeys,
  takePasskeyUse,
} from "@/lib/factors/passkey-records";
import { authenticationOptions, checkAssertion } from "@/lib/factors/webauthn";
import type { RequestMeta } from "@/lib/http/request-meta";
import { notifyLockout } from "@/lib/notices/lockout";
import type { NoticeDeps } from "@/lib/notices/notify";
import type { Challenge } from "@/lib/store";

const ENDED: Partial<Record<Challenge["status"], ErrorCode>> = {
  verified: "ALREADY_VERIFIED",
  locked: "TOO_MANY_ATTEMPTS",
};

async function passkeyChallenge(deps: SendDeps, id: string) {
  const challenge = await deps.store.getChallenge(id);
  if (!challenge) return refuse("NO_CHALLENGE");
  const ended = ENDED[challenge.status];
  if (ended) return refuse(ended);
  if (!challenge.userId || !challenge.factors.includes("passkey"))
    return refuse("FACTOR_NOT_AVAILABLE");
  return { ok: true as const, userId: challenge.userId };
}

/** "Use a passkey": the browser's request options, their challenge sealed for this sign-in. */
export async function startPasskeyStep(
  deps: SendDeps,
  id: string,
): Promise<Outcome<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  const found = await passkeyChallenge(deps, id);
  if (!found.ok) return found;
  const passkeys = await listPasskeys(found.userId);
  const options = await authenticationOptions(deps.appUrl, id, passkeys);
  return { ok: true, options };
}

/**
 * The second-factor step by a passkey. The assertion is verified (signature, origin, RP id, user
 * verification, a challenge sealed for this very sign-in and still live), spent in the database
 * (its counter moves forward once), then settled on the challenge in the same atomic round trip
 * as an authenticator code: a pass completes it, a failure counts on the challenge and on the
 * account's failures in a row shared with every factor. A replayed assertion counts nothing.
 */
export async function verifyPasskeyStep(
  deps: SendDeps & NoticeDeps,
  id: string,
  response: AuthenticationResponseJSON,
  meta: RequestMeta,
): Promise<Outcome> {
  const found = await passkeyChallenge(deps, id);
  if (!found.ok) return found;
  const { userId } = found;
  const passkey = await findPasskey(userId, response.id);
  const checked =
    passkey && (await checkAssertion(deps.appUrl, id, passkey, response));
  if (
    checked &&
    passkey &&
    !(await takePasskeyUse(passkey.factorId, checked.newCounter))
  )
    return refuse("PASSKEY_ALREADY_USED");

  const result = await settleFactor(
    deps.store,
    id,
    checked ? "passkey" : null,
    deps.now,
  );
  if (result.ok) return { ok: true };
  if (result.counted) {
    const locked = result.retryAfterSeconds || result.error !== "WRONG_CODE";
    const detail = {
      factor: "passkey",
      attemptsLeft: result.attemptsLeft ?? 0,
    };
    const type = locked ? "lockout" : "code_failed";
    await recordEvent({ type, userId, ...meta, detail });
    await notifyLockout(deps, userId, result);
  }
  const { attemptsLeft, retryAfterSeconds } = result;
  const error = result.error === "WRONG_CODE" ? "PASSKEY_FAILED" : result.error;
  return refuse(error, { attemptsLeft, retryAfterSeconds });
}
