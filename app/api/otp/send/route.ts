import { apiHandler } from "@/lib/http";
import { recordEvent } from "@/lib/audit";
import { readChallengeCookie } from "@/lib/challenge/cookie";
import { replyToSend, sendDeps } from "@/lib/challenge/reply";
import { sendCode } from "@/lib/challenge/send";
import { fail, parseBody, requestMeta } from "@/lib/http";
import { limitResend } from "@/lib/limits/challenge";
import { sendSchema } from "@/lib/validation";

// Resend or "Call me instead". It only ever reaches the phone of this browser's own challenge:
// there is no way to name a destination here.
export const POST = apiHandler(async (request) => {
  const parsed = await parseBody(request, sendSchema);
  if ("reply" in parsed) return parsed.reply;
  const id = await readChallengeCookie();
  if (!id) return fail(401, "NO_CHALLENGE");
  const deps = sendDeps();
  const { channel } = parsed.data;
  const limited = await limitResend(request, deps.store, id, channel);
  if (limited) return limited;
  const outcome = await sendCode(deps, id, channel);
  // A cookie naming no challenge passes no limit and reaches no one: auditing it would let anyone
  // write rows at will (found by `npm run test:security`).
  if (!outcome.ok && outcome.error === "NO_CHALLENGE")
    return replyToSend(outcome);
  const userId = outcome.ok ? outcome.challenge.userId : null;
  await recordEvent({
    type: "code_sent",
    userId,
    ...requestMeta(request),
    detail: { channel: parsed.data.channel, ok: outcome.ok },
  });
  return replyToSend(outcome);
});
