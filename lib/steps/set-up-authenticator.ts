import "server-only";
import type { AccountContext } from "@/lib/context";
import { refuse, type Outcome } from "@/lib/errors";
import {
  confirmTotp,
  deleteTotp,
  findActiveTotp,
  findPendingTotp,
  saveTotpSetup,
} from "@/lib/factors/records";
import {
  formatSetupKey,
  matchTotpStep,
  newTotpSecret,
  totpUri,
} from "@/lib/factors/totp";
import { seal, unseal, type KeyPurpose } from "@/lib/keys";
import { applySecurityChange } from "@/lib/security-changes/apply";

/** The key (lib/keys.ts) that seals authenticator secrets, and nothing else. */
export const TOTP_SEAL_PURPOSE = "totp-secret" satisfies KeyPurpose;

export interface AuthenticatorSetup {
  /** The secret as text, in groups of 4, for apps that cannot scan. */
  setupKey: string;
  /** The otpauth:// URI as a QR code: an SVG data URL (the page's CSP allows data: images). */
  qrCode: string;
}

/**
 * "Set up authenticator app": a new secret, stored sealed and not yet in use; it counts only once
 * the person proves their app has it (turnOnAuthenticator). Starting again replaces it. Like every
 * change of factors its route declares a fresh second factor: an older stolen session cannot bind
 * its own app to the account.
 */
export async function startAuthenticatorSetup(
  ctx: AccountContext<string>,
): Promise<Outcome<AuthenticatorSetup>> {
  const { user } = ctx;
  if (await findActiveTotp(user.id)) return refuse("AUTHENTICATOR_EXISTS");
  const secret = newTotpSecret();
  await saveTotpSetup(user.id, seal(TOTP_SEAL_PURPOSE, secret));
  // Loaded here only: the sign-in steps that share this module's graph never draw a QR code.
  const { renderSVG } = await import("uqr");
  const svg = renderSVG(totpUri(secret, user.email), { border: 2 });
  return {
    ok: true,
    setupKey: formatSetupKey(secret),
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

/**
 * "Turn on": only with a valid code from the app, whose time step is then spent (its route asks
 * the second factor to be still fresh: the setup may have been started by a session fresh then).
 */
export async function turnOnAuthenticator(
  ctx: AccountContext,
  code: string,
): Promise<Outcome> {
  const { user } = ctx;
  const pending = await findPendingTotp(user.id);
  const secret = pending && unseal(TOTP_SEAL_PURPOSE, pending.secretSealed);
  if (!pending || !secret) return refuse("NO_SETUP");
  const step = matchTotpStep(secret, code);
  if (step === null) return refuse("WRONG_CODE");
  if (!(await confirmTotp(user.id, pending.factorId, step)))
    return refuse("AUTHENTICATOR_EXISTS");
  await applySecurityChange(ctx, "authenticator_added", {
    userId: user.id,
    detail: { factor: "totp" },
  });
  return { ok: true };
}

/**
 * "Remove": its route declares a fresh second factor (a stolen session that is older cannot
 * weaken the account); never the last factor.
 */
export async function removeAuthenticator(
  ctx: AccountContext,
): Promise<Outcome> {
  const userId = ctx.user.id;
  const removed = await deleteTotp(userId);
  if (removed === "last") return refuse("LAST_FACTOR");
  if (removed === "none") return { ok: true };
  await applySecurityChange(ctx, "authenticator_removed", {
    userId,
    detail: { factor: "totp" },
  });
  return { ok: true };
}
