import { apiHandler } from "@/lib/http";
import { createAccount } from "@/lib/account";
import { recordEvent } from "@/lib/audit";
import {
  clearChallengeCookie,
  readChallengeCookie,
} from "@/lib/challenge/cookie";
import { CHALLENGE_STATUS } from "@/lib/challenge/reply";
import { verifyCode } from "@/lib/challenge/verify";
import { fail, ok, parseBody, requestMeta } from "@/lib/http";
import { recordFailedChallenge } from "@/lib/limits/challenge";
import { getChallengeStore } from "@/lib/store";
import { verifySchema } from "@/lib/validation";

// Checks the code (one atomic store round trip). Success leaves the challenge "verified" for the
// next-auth provider to redeem into a session; a signup's account is created here, not before.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, verifySchema);
  if ("reply" in parsed) return parsed.reply;
  const id = await readChallengeCookie();
  if (!id) return fail(401, "NO_CHALLENGE");
  const store = getChallengeStore();
  const meta = requestMeta(request);
  const result = await verifyCode(store, id, parsed.data.code);
  if (!result.ok) {
    const lock =
      result.error === "TOO_MANY_ATTEMPTS"
        ? await recordFailedChallenge(store, id)
        : null;
    if (result.error === "WRONG_CODE" || result.error === "TOO_MANY_ATTEMPTS") {
      const type = result.attemptsLeft === 0 ? "lockout" : "code_failed";
      await recordEvent({
        type,
        userId: result.userId,
        ...meta,
        detail: { attemptsLeft: result.attemptsLeft },
      });
    }
    const status = CHALLENGE_STATUS[result.error] ?? 400;
    return fail(status, result.error, {
      attemptsLeft: result.attemptsLeft,
      retryAfterSeconds: lock?.lockedForSeconds || undefined,
    });
  }
  const challenge = result.challenge;
  if (challenge.purpose === "signup" && challenge.pending) {
    const pending = JSON.parse(challenge.pending) as {
      email: string;
      passwordHash: string;
    };
    const account = await createAccount({ ...pending, phone: challenge.phone });
    if (!account.ok) {
      await store.deleteChallenge(id);
      await clearChallengeCookie();
      return fail(409, account.error);
    }
    await store.updateChallenge(id, { userId: account.userId });
    await recordEvent({ type: "signup", userId: account.userId, ...meta });
  }
  return ok({ next: "sign-in" });
});
