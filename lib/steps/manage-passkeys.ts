import "server-only";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { recordEvent } from "@/lib/audit";
import { forgetAllDevices } from "@/lib/devices/records";
import { refuse, type Outcome } from "@/lib/errors";
import {
  deletePasskey,
  listPasskeys,
  savePasskey,
} from "@/lib/factors/passkey-records";
import {
  isFreshSecondFactor,
  PASSKEY_MAX_PER_ACCOUNT,
} from "@/lib/factors/policy";
import { checkRegistration, registrationOptions } from "@/lib/factors/webauthn";
import type { RequestMeta } from "@/lib/http/request-meta";
import { NOTICES } from "@/lib/notices/catalogue";
import { notifyAccount, type NoticeDeps } from "@/lib/notices/notify";
import type { SignedInUser } from "./set-up-authenticator";

/**
 * "Add a passkey": the browser's creation options, its challenge sealed for this user. Like every
 * change of factors it needs a second factor passed in the last 10 minutes.
 */
export async function startAddingPasskey(
  appUrl: string,
  user: SignedInUser,
  secondFactorAt: number | null,
  now = Date.now(),
): Promise<Outcome<{ options: PublicKeyCredentialCreationOptionsJSON }>> {
  if (!isFreshSecondFactor(secondFactorAt, now))
    return refuse("REAUTH_REQUIRED");
  const existing = await listPasskeys(user.id);
  if (existing.length >= PASSKEY_MAX_PER_ACCOUNT)
    return refuse("PASSKEY_LIMIT");
  const options = await registrationOptions(appUrl, user, existing);
  return { ok: true, options };
}

/**
 * Saves the passkey the browser created, if its response verifies (user verification included)
 * and the second factor is still fresh.
 */
export async function finishAddingPasskey(
  notices: NoticeDeps,
  appUrl: string,
  user: SignedInUser,
  input: { name: string; response: RegistrationResponseJSON },
  secondFactorAt: number | null,
  meta: RequestMeta,
  now = Date.now(),
): Promise<Outcome> {
  if (!isFreshSecondFactor(secondFactorAt, now))
    return refuse("REAUTH_REQUIRED");
  const passkey = await checkRegistration(appUrl, user.id, input.response);
  if (!passkey) return refuse("PASSKEY_NOT_ADDED");
  const saved = await savePasskey(user.id, input.name, passkey);
  if (saved === "exists") return refuse("PASSKEY_EXISTS");
  if (saved === "limit") return refuse("PASSKEY_LIMIT");
  // A new factor: every remembered browser must pass the second factor again.
  await forgetAllDevices(user.id);
  await recordEvent({
    type: "factor_added",
    userId: user.id,
    ...meta,
    detail: { factor: "passkey", name: input.name },
  });
  await notifyAccount(notices, user.id, NOTICES.passkeyAdded(input.name));
  return { ok: true };
}

/** "Remove" a passkey: the authenticator app's rules (a fresh second factor, never the last). */
export async function removePasskey(
  notices: NoticeDeps,
  userId: string,
  factorId: string,
  secondFactorAt: number | null,
  meta: RequestMeta,
  now = Date.now(),
): Promise<Outcome> {
  if (!isFreshSecondFactor(secondFactorAt, now))
    return refuse("REAUTH_REQUIRED");
  const name = (await listPasskeys(userId)).find(
    (p) => p.factorId === factorId,
  )?.name;
  const removed = await deletePasskey(userId, factorId);
  if (removed === "last") return refuse("LAST_FACTOR");
  if (removed === "none") return { ok: true };
  await recordEvent({
    type: "factor_removed",
    userId,
    ...meta,
    detail: { factor: "passkey", name: name ?? null },
  });
  await notifyAccount(notices, userId, NOTICES.passkeyRemoved(name ?? "A"));
  return { ok: true };
}
