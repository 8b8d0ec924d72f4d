import { recordEvent } from "@/lib/audit";
import {
  isDeliveryFailure,
  readStatusRef,
  recordDelivery,
  toDeliveryStatus,
} from "@/lib/challenge/delivery";
import { getEnv } from "@/lib/env";
import { verifySmsSignature } from "@/lib/messaging/plivo-signature";
import { apiHandler } from "@/lib/http";
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
  const form = await request.formData().catch(() => null);
  const status = toDeliveryStatus(form?.get("Status"));
  // Anything Plivo cannot fix by retrying is acknowledged, so it stops asking.
  if (!ref || !status) return reply(200);
  const changed = await recordDelivery(getChallengeStore(), ref, status);
  if (changed && isDeliveryFailure(status)) {
    await recordEvent({
      type: "code_failed",
      userId: changed.userId,
      detail: { channel: "sms", delivery: status },
    });
  }
  return reply(200);
});
