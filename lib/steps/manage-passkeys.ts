import "server-only";
import { isAdmin } from "@/lib/account/role";
import { FRESH_SECOND_FACTOR_MINUTES } from "@/lib/factors/policy";
import { checkSecondFactor } from "./fresh-second-factor";
import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import type { AccountContext } from "@/lib/context";
import { refuse, type Outcome } from "@/lib/errors";
import {
  deletePasskey,
  listPasskeys,
  savePasskey,
} from "@/lib/factors/passkey-records";
import { PASSKEY_MAX_PER_ACCOUNT } from "@/lib/factors/policy";
import { checkRegistration, registrationOptions } from "@/lib/factors/webauthn";
import { applySecurityChange } from "@/lib/security-changes/apply";

/**
 * "Add a passkey": the browser's creation options, its challenge sealed for this user. Like every
 * change of factors its route declares a fresh second factor.
 */
export async function startAddingPasskey(
  ctx: AccountContext<string>,
): Promise<Outcome<{ options: PublicKeyCredentialCreationOptionsJSON }>> {
  const { user, appUrl } = ctx;
  // A passkey opens the operators' console: an admin adds one only with a passkey just used, so
  // a password and a texted code (phished, or a SIM swap) never enrol the passkey the console asks.
  if (await isAdmin(user.id)) {
    const stale = checkSecondFactor(ctx, {
      withinMinutes: FRESH_SECOND_FACTOR_MINUTES,
      kinds: ["passkey"],
    });
    if (stale) return stale;
  }
  const existing = await listPasskeys(user.id);
  if (existing.length >= PASSKEY_MAX_PER_ACCOUNT)
    return refuse("PASSKEY_LIMIT");
  const options = await registrationOptions(appUrl, user, existing);
  return { ok: true, options };
}

/**
 * Saves the passkey the browser created, if its response verifies (user verification included)
 * (its route asks the second factor to be still fresh).
 */
export async function finishAddingPasskey(
  ctx: AccountContext,
  input: { name: string; response: RegistrationResponseJSON },
): Promise<Outcome> {
  const { user, appUrl } = ctx;
  const passkey = await checkRegistration(appUrl, user.id, input.response);
  if (!passkey) return refuse("PASSKEY_NOT_ADDED");
  const saved = await savePasskey(user.id, input.name, passkey);
  if (saved === "exists") return refuse("PASSKEY_EXISTS");
  if (saved === "limit") return refuse("PASSKEY_LIMIT");
  await applySecurityChange(ctx, "passkey_added", {
    userId: user.id,
    detail: { factor: "passkey", name: input.name },
    noticeArgs: [input.name],
  });
  return { ok: true };
}

/** "Remove" a passkey: the authenticator app's rules (a fresh second factor, never the last). */
export async function removePasskey(
  ctx: AccountContext,
  factorId: string,
): Promise<Outcome> {
  const userId = ctx.user.id;
  const name = (await listPasskeys(userId)).find(
    (p) => p.factorId === factorId,
  )?.name;
  const removed = await deletePasskey(userId, factorId);
  if (removed === "last") return refuse("LAST_FACTOR");
  if (removed === "none") return { ok: true };
  await applySecurityChange(ctx, "passkey_removed", {
    userId,
    detail: { factor: "passkey", name: name ?? null },
    noticeArgs: [name ?? "A"],
  });
  return { ok: true };
}
