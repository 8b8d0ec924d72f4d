import { readCallCode } from "@/lib/challenge/voice-call";
import { getEnv } from "@/lib/env";
import { verifyVoiceSignature } from "@/lib/messaging/plivo-signature";
import { buildSpeakXml, spokenCode } from "@/lib/messaging/voice";
import { getChallengeStore } from "@/lib/store";

export const dynamic = "force-dynamic";

const xml = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: { "content-type": "application/xml; charset=utf-8" },
  });

// Plivo fetches this when the "Call me instead" call is answered. Only Plivo can ask (signature
// V3 over the exact public URL), and the URL holds a random call token, never the code.
export async function POST(request: Request) {
  const env = getEnv();
  const incoming = new URL(request.url);
  const publicUrl = `${env.appUrl}${incoming.pathname}${incoming.search}`;
  const form = await request.formData().catch(() => null);
  const params: Record<string, string> = {};
  form?.forEach((value, key) => {
    if (typeof value === "string") params[key] = value;
  });
  const authentic =
    !!env.plivo &&
    verifyVoiceSignature({
      method: "POST",
      url: publicUrl,
      nonce: request.headers.get("x-plivo-signature-v3-nonce"),
      signature: request.headers.get("x-plivo-signature-v3"),
      params,
      authToken: env.plivo.authToken,
    });
  if (!authentic) return new Response("Unauthorized", { status: 401 });
  const token = incoming.searchParams.get("call");
  const code = token ? await readCallCode(getChallengeStore(), token) : null;
  if (!code)
    return xml(
      buildSpeakXml("Sorry, this code has expired. Please ask for a new one."),
    );
  return xml(spokenCode(code).xml);
}
