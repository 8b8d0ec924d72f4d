import { recordEvent } from "@/lib/audit";
import { CHALLENGE_TTL_SECONDS } from "@/lib/challenge/policy";
import {
  deliveryReportKey,
  isDeliveryFailure,
  readStatusRef,
  toDeliveryStatus,
} from "@/lib/challenge/delivery";
import { getEnv } from "@/lib/env";
import { apiHandler, readBodyText } from "@/lib/http";
import { verifySmsSignature } from "@/lib/messaging/plivo-signature";
import { countDeliveryReport } from "@/lib/steps/message-figures";
import { getChallengeStore } from "@/lib/store";

export const dynamic = "force-dynamic";

const reply = (status: number) => new Response(null, { status });

// Plivo's delivery report for a code text (see lib/challenge/delivery.ts). Only Plivo can report:
// X-Plivo-Signature-V2 over the exact public URL, whose last segment names the challenge.
export const POST = apiHandler(async (request) => {
  const env = getEnv();
  const { pathname } = new URL(request.url);
  const nonce = request.headers.get("x-plivo-signature-v2-nonce");
  const authentic =
    !!env.plivo &&
    verifySmsSignature({
      url: `${env.appUrl}${pathname}`,
      nonce,
      signature: request.headers.get("x-plivo-signature-v2"),
      authToken: env.plivo.authToken,
    });
  if (!authentic || !nonce) return reply(401);
  const segment = pathname.split("/").at(-1) ?? "";
  const store = getChallengeStore();
  // The signature does not cover the body: a signed request seen before is a replay, acknowledged
  // and ignored, whatever Status it now carries.
  const key = deliveryReportKey(segment, nonce);
  if (!(await store.claimOnce(key, CHALLENGE_TTL_SECONDS))) return reply(200);
  const ref = readStatusRef(segment);
  const body = await readBodyText(request);
  const status = toDeliveryStatus(
    new URLSearchParams(body ?? "").get("Status"),
  );
  // Anything Plivo cannot fix by retrying is acknowledged, so it stops asking.
  if (!ref || !status) return reply(200);
  // Atomic: a report on an earlier send, or one that would step back, changes nothing.
  const changed = await store.recordDelivery(ref.challengeId, ref.send, status);
  if (changed) await countDeliveryReport(changed, status);
  if (changed && isDeliveryFailure(status)) {
    const detail = { channel: "sms", delivery: status };
    await recordEvent({ type: "code_failed", userId: changed.userId, detail });
  }
  return reply(200);
});
