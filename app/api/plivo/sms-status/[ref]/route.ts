import { recordEvent } from "@/lib/audit";
import {
  isDeliveryFailure,
  readStatusRef,
  toDeliveryStatus,
} from "@/lib/challenge/delivery";
import { getEnv } from "@/lib/env";
import { apiHandler, readBodyText } from "@/lib/http";
import { verifySmsSignature } from "@/lib/messaging/plivo-signature";
import { getChallengeStore } from "@/lib/store";

export const dynamic = "force-dynamic";

const reply = (status: number) => new Response(null, { status });

// Plivo's delivery report for a code text (see lib/challenge/delivery.ts). Only Plivo can report:
// X-Plivo-Signature-V2 over the exact public URL, whose last segment names the challenge.
export const POST = apiHandler(async (request) => {
  const env = getEnv();
  const { pathname } = new URL(request.url);
  const authentic =
    !!env.plivo &&
    verifySmsSignature({
      url: `${env.appUrl}${pathname}`,
      nonce: request.headers.get("x-plivo-signature-v2-nonce"),
      signature: request.headers.get("x-plivo-signature-v2"),
      authToken: env.plivo.authToken,
    });
  if (!authentic) return reply(401);
  const ref = readStatusRef(pathname.split("/").at(-1) ?? "");
  const body = await readBodyText(request);
  const status = toDeliveryStatus(
    new URLSearchParams(body ?? "").get("Status"),
  );
  // Anything Plivo cannot fix by retrying is acknowledged, so it stops asking.
  if (!ref || !status) return reply(200);
  // Atomic: a report on an earlier send, or one that would step back, changes nothing.
  const changed = await getChallengeStore().recordDelivery(
    ref.challengeId,
    ref.send,
    status,
  );
  if (changed && isDeliveryFailure(status)) {
    const detail = { channel: "sms", delivery: status };
    await recordEvent({ type: "code_failed", userId: changed.userId, detail });
  }
  return reply(200);
});
