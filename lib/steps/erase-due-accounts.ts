import "server-only";
import { ERASURES_PER_RUN } from "@/lib/account/deletion-policy";
import { eraseAccount, findDueDeletions } from "@/lib/account/lifecycle";
import { recordEvent } from "@/lib/audit";
import { challengeAccountOf } from "@/lib/challenge/id";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import type { StepContext } from "@/lib/context";
import { revokeUserSessions } from "@/lib/sessions";

// The end of a deletion's grace period: the account, its phones, factors and their secrets,
// remembered and known browsers, email links and notices sent are erased; its challenges and
// sessions end; the address and the number are free for anyone to sign up with again. Audit rows
// stay, with no owner, address, browser or detail (lib/account/lifecycle.ts).

export interface ErasureRun {
  erased: number;
}

/** Erases every account whose grace period ended by ctx.now() (at most ERASURES_PER_RUN a run). */
export async function eraseDueAccounts(
  ctx: Pick<StepContext, "store" | "now">,
): Promise<ErasureRun> {
  const now = new Date(ctx.now());
  let erased = 0;
  for (const { id } of await findDueDeletions(now, ERASURES_PER_RUN)) {
    // Its sessions ended when the deletion was asked for; any since would have cancelled it.
    await revokeUserSessions(id);
    await ctx.store.markCredentialsChanged(
      challengeAccountOf(`user:${id}`),
      ctx.now(),
      CHALLENGE_TTL_SECONDS,
    );
    if (!(await eraseAccount(id, now))) continue;
    erased++;
    await recordEvent({ type: "account_erased" });
  }
  return { erased };
}
