import "server-only";
import { replaceVerifiedPhone } from "@/lib/account/phone";
import type { AccountContext } from "@/lib/context";
import { refuse, type Outcome } from "@/lib/errors";
import { challengePhoneFacts } from "@/lib/challenge/phone-facts";
import { maskPhone } from "@/lib/phone/facts";
import { applySecurityChange } from "@/lib/security-changes/apply";
import { countCodeEntered } from "./message-figures";
import { verifyCodeStep } from "./verify-code";

// The code sent to the new number: a wrong one counts toward the account's failures like any
// other factor's (one atomic store script). Only once it is proven does the number on file change,
// and only then is a number another account has verified refused: saying so any earlier would
// tell anyone whose number it is. What follows is the security-change table's "phone_changed" row:
// other sessions end, remembered devices are forgotten (each skipped a factor that has changed),
// the trail records it, and the old number and a verified address are told (no code; the email's one link locks the account down).

export async function confirmPhoneChange(
  ctx: AccountContext,
  id: string,
  code: string,
): Promise<Outcome<{ maskedPhone: string }>> {
  const userId = ctx.user.id;
  const challenge = await ctx.store.getChallenge(id);
  if (challenge?.purpose !== "phone-change" || challenge.userId !== userId)
    return refuse("NO_CHALLENGE");
  const checked = await verifyCodeStep(ctx, id, code);
  // Already verified: a confirmation whose database write failed may finish now.
  if (!checked.ok && checked.error !== "ALREADY_VERIFIED") return checked;
  // Spent here, atomically: of two confirmations at once, one changes the number.
  const spent = await ctx.store.redeemChallenge(id);
  if (spent?.purpose !== "phone-change" || spent.userId !== userId)
    return refuse("NO_CHALLENGE");
  await countCodeEntered(ctx, spent);
  const replaced = await replaceVerifiedPhone(userId, spent.phone);
  if (!replaced.ok) return refuse(replaced.error);
  const maskedPhone = maskPhone(spent.phone, await challengePhoneFacts(spent));
  await applySecurityChange(ctx, "phone_changed", {
    userId,
    detail: { to: maskedPhone },
    noticeArgs: [spent.phone.slice(-4)],
    // The number going away is texted; without one there is no one to text (the new one knows).
    textTo: replaced.previous,
  });
  return { ok: true, maskedPhone };
}
