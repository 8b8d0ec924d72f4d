import "server-only";
import { renderSVG } from "uqr";
import { recordEvent } from "@/lib/audit";
import { refuse, type Outcome } from "@/lib/errors";
import { isFreshSecondFactor } from "@/lib/factors/policy";
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
import type { RequestMeta } from "@/lib/http/request-meta";
import { seal, unseal } from "@/lib/keys";
import { NOTICES } from "@/lib/notices/catalogue";
import { notifyAccount, type NoticeDeps } from "@/lib/notices/notify";

/** The key (lib/keys.ts) that seals authenticator secrets, and nothing else. */
export const TOTP_SEAL_PURPOSE = "totp-secret";

export interface SignedInUser {
  id: string;
  email: string;
}

export interface AuthenticatorSetup {
  /** The secret as text, in groups of 4, for apps that cannot scan. */
  setupKey: string;
  /** The otpauth:// URI as a QR code: an SVG data URL (the page's CSP allows data: images). */
  qrCode: string;
}

/**
 * "Set up authenticator app": a new secret, stored sealed and not yet in use; it counts only once
 * the person proves their app has it (turnOnAuthenticator). Starting again replaces it. Like every
 * change of factors it needs a second factor passed in the last 10 minutes: an older stolen
 * session cannot bind its own app to the account.
 */
export async function startAuthenticatorSetup(
  user: SignedInUser,
  secondFactorAt: number | null,
  now = Date.now(),
): Promise<Outcome<AuthenticatorSetup>> {
  if (!isFreshSecondFactor(secondFactorAt, now))
    return refuse("REAUTH_REQUIRED");
  if (await findActiveTotp(user.id)) return refuse("AUTHENTICATOR_EXISTS");
  const secret = newTotpSecret();
  await saveTotpSetup(user.id, seal(TOTP_SEAL_PURPOSE, secret));
  const svg = renderSVG(totpUri(secret, user.email), { border: 2 });
  return {
    ok: true,
    setupKey: formatSetupKey(secret),
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
  };
}

/**
 * "Turn on": only with a valid code from the app, whose time step is then spent, and with the
 * second factor still fresh (the setup may have been started by a session that was fresh then).
 */
export async function turnOnAuthenticator(
  notices: NoticeDeps,
  user: SignedInUser,
  code: string,
  secondFactorAt: number | null,
  meta: RequestMeta,
  now = Date.now(),
): Promise<Outcome> {
  if (!isFreshSecondFactor(secondFactorAt, now))
    return refuse("REAUTH_REQUIRED");
  const pending = await findPendingTotp(user.id);
  const secret = pending && unseal(TOTP_SEAL_PURPOSE, pending.secretSealed);
  if (!pending || !secret) return refuse("NO_SETUP");
  const step = matchTotpStep(secret, code);
  if (step === null) return refuse("WRONG_CODE");
  if (!(await confirmTotp(user.id, pending.factorId, step)))
    return refuse("AUTHENTICATOR_EXISTS");
  await recordEvent({
    type: "factor_added",
    userId: user.id,
    ...meta,
    detail: { factor: "totp" },
  });
  await notifyAccount(notices, user.id, NOTICES.authenticatorAdded());
  return { ok: true };
}

/**
 * "Remove": only with a second factor passed in the last 10 minutes (a stolen session that is
 * older cannot weaken the account), and never the last factor.
 */
export async function removeAuthenticator(
  notices: NoticeDeps,
  userId: string,
  secondFactorAt: number | null,
  meta: RequestMeta,
  now = Date.now(),
): Promise<Outcome> {
  if (!isFreshSecondFactor(secondFactorAt, now))
    return refuse("REAUTH_REQUIRED");
  const removed = await deleteTotp(userId);
  if (removed === "last") return refuse("LAST_FACTOR");
  if (removed === "none") return { ok: true };
  await recordEvent({
    type: "factor_removed",
    userId,
    ...meta,
    detail: { factor: "totp" },
  });
  await notifyAccount(notices, userId, NOTICES.authenticatorRemoved());
  return { ok: true };
}
