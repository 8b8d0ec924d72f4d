import "server-only";
import type { AccountContext } from "@/lib/context";
import { refuse, type Outcome } from "@/lib/errors";
import { refusesTextCodes } from "@/lib/factors/policy";
import { summarizeFactors } from "@/lib/factors/records";
import { saveTextCodesChoice } from "@/lib/factors/text-codes";
import { applySecurityChange } from "@/lib/security-changes/apply";
import { isProvenNumber, type Challenge } from "@/lib/store";

// "Don't accept text-message codes": a person with a passkey or an authenticator app and recovery
// codes takes the phone out of their sign-in and reset, so a SIM swap or a redirected call opens
// nothing. The number stays on the account for notices and is still proven when it changes.

/** Turns text-message codes off (`off`) or back on; what follows is the table's row for either. */
export async function chooseTextCodes(
  ctx: AccountContext,
  off: boolean,
): Promise<Outcome<{ textCodesOff: boolean }>> {
  const userId = ctx.user.id;
  const saved = await saveTextCodesChoice(userId, off);
  if (saved === "not-allowed") return refuse("TEXT_CODES_NEEDED");
  if (saved === "saved")
    await applySecurityChange(
      ctx,
      off ? "text_codes_turned_off" : "text_codes_turned_on",
      { userId, detail: { factor: "phone" } },
    );
  return { ok: true, textCodesOff: off };
}

/**
 * Whether this challenge refuses a phone code, a text or a call: it is an account's sign-in or reset
 * and the account refuses text codes now, asked at each use since a challenge opened before the
 * choice was made still lists the phone. A sign-up or a phone change proves a number being added:
 * never refused here.
 */
export async function refusesPhone(c: Challenge): Promise<boolean> {
  if (!c.userId || !isProvenNumber(c.purpose)) return false;
  if (!c.factors.includes("phone")) return true;
  return refusesTextCodes(await summarizeFactors(c.userId));
}

/**
 * refusesPhone for a code that just passed or a text about to go, without a database read when none
 * can change the answer: a challenge that listed only the phone belongs to an account that then had
 * neither a stronger factor nor recovery codes (the sign-in code's and the resend's paths stay free
 * of queries, and a send's cold start loads no database client). Turning text codes off also ends
 * every challenge opened before it (its security-change row), so this is the second line: a stored
 * choice that becomes honoured again when a stronger factor comes back.
 */
export async function refusesPhoneCode(c: Challenge): Promise<boolean> {
  if (c.factors.length === 1 && c.factors[0] === "phone") return false;
  return refusesPhone(c);
}
