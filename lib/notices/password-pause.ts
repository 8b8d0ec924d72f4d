import "server-only";
import { runAfterReply } from "@/lib/runtime/after-reply";
import { recordEvent } from "@/lib/audit";
import { getDb } from "@/lib/db";
import type { Refusal } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { claimPauseNotice } from "@/lib/limits/decide";
import { NOTICES } from "./catalogue";
import { notifyAccount, type NoticeDeps } from "./notify";

/**
 * The password step refused `email` because its attempts from every address together filled the
 * account's cap (lib/limits/policy.ts): its sign-in is paused for everyone, its owner included.
 * Once per pause, the account (if the address has one) gets an audit row and a notice. All of it
 * runs after the reply, so a refusal takes the same time whether the address has an account.
 */
export async function notifyPasswordPause(
  deps: NoticeDeps,
  email: string,
  refusal: Refusal & { accountPaused?: true },
  meta: RequestMeta,
): Promise<void> {
  if (!refusal.accountPaused) return;
  const seconds = refusal.retryAfterSeconds ?? 0;
  const later = deps.later ?? runAfterReply;
  await later("password pause notice", async () => {
    if (!(await claimPauseNotice(email))) return;
    const db = await getDb();
    const user = await db.user.findUnique({
      where: { email },
      select: { id: true },
    });
    if (!user) return;
    const detail = { step: "password", retryAfterSeconds: seconds };
    await recordEvent({ type: "lockout", userId: user.id, ...meta, detail });
    const notice = NOTICES.passwordAttemptsPaused(seconds);
    await notifyAccount({ ...deps, later: run }, user.id, notice);
  });
}

/** Already after the reply: the notice goes out in the same task. */
const run = async (_: string, task: () => Promise<void>) => task();
