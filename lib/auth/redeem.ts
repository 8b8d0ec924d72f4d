import "server-only";
import { challengeIdFromCookieHeader } from "@/lib/challenge/cookie";
import { getDb } from "@/lib/db";
import { getCodeStore } from "@/lib/store";

/**
 * Turns a challenge that passed its second factor into the user next-auth signs in. The store
 * deletes it in the same step, so one completed challenge yields at most one session.
 */
export async function redeemSecondFactor(cookieHeader: string | undefined) {
  const id = challengeIdFromCookieHeader(cookieHeader);
  if (!id) return null;
  const challenge = await getCodeStore().redeemChallenge(id);
  if (!challenge?.userId) return null;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: challenge.userId } });
  return user ? { id: user.id, email: user.email } : null;
}
