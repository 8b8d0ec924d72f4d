import "server-only";
import { getDb } from "@/lib/db";
import type { Refusal } from "@/lib/errors";
import { claimPasswordPause } from "@/lib/limits/decide";
import type { ChangeContext } from "@/lib/security-changes/apply";
import { tellOfPause } from "./lockout";

/**
 * The password step refused `email` because its attempts from every address together filled the
 * account's cap (lib/limits/policy.ts): its sign-in by password is paused for every browser the
 * account has not remembered. The account (if the address has one) gets what the security-change
 * table says of a pause: its audit row once per pause, its notice at most once a day
 * (./lockout.ts).
 * All of it runs after the reply, so a refusal takes the same time whether the address has an
 * account.
 */
export async function notifyPasswordPause(
  ctx: ChangeContext,
  email: string,
  refusal: Refusal & { accountPaused?: true },
): Promise<void> {
  if (!refusal.accountPaused) return;
  const seconds = refusal.retryAfterSeconds ?? 0;
  await ctx.later("password pause notice", async () => {
    if (!(await claimPasswordPause(email))) return;
    const db = await getDb();
    // Every account the address signs in is paused: the one that proved it, and any sign-up still
    // waiting for its link (bounded per address).
    const users = await db.user.findMany({
      where: { email },
      select: { id: true },
    });
    for (const user of users)
      await tellOfPause({ ...ctx, later: run }, "password_attempts_paused", {
        userId: user.id,
        detail: { step: "password", retryAfterSeconds: seconds },
        noticeArgs: [seconds],
      });
  });
}

/** Already after the reply: the notice goes out in the same task. */
const run = async (_: string, task: () => Promise<void>) => task();
