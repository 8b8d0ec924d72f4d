import { takeCallCode } from "@/lib/challenge/voice-call";
import { getEnv } from "@/lib/env";
import { readBodyText } from "@/lib/http";
import { verifyVoiceSignature } from "@/lib/messaging/plivo-signature";
import { asLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { spokenCode, spokenNotice } from "@/lib/messaging/voice";
import { getChallengeStore } from "@/lib/store";

export const dynamic = "force-dynamic";

const xml = (body: string) =>
  new Response(body, {
    headers: { "content-type": "application/xml; charset=utf-8" },
  });

// Plivo fetches this when the "Call me instead" call is answered. Only Plivo can ask (signature
// V3 over the exact public URL and its form parameters), the URL holds a random call token, never
// the code, and the token is spent by the first answer.
export async function POST(request: Request) {
  const env = getEnv();
  const incoming = new URL(request.url);
  const nonce = request.headers.get("x-plivo-signature-v3-nonce");
  const signature = request.headers.get("x-plivo-signature-v3");
  const unauthorized = () => new Response("Unauthorized", { status: 401 });
  if (!env.plivo || !nonce || !signature) return unauthorized();
  // The signature covers the form's parameters, so the (capped) body is read first.
  const body = await readBodyText(request);
  if (body === null) return unauthorized();
  const params = Object.fromEntries(new URLSearchParams(body));
  const authentic = verifyVoiceSignature({
    method: "POST",
    url: `${env.appUrl}${incoming.pathname}${incoming.search}`,
    nonce,
    signature,
    params,
    authToken: env.plivo.authToken,
  });
  if (!authentic) return unauthorized();
  const token = incoming.searchParams.get("call");
  // The challenge's language, as the call was placed (signed with the rest of the URL).
  const locale = asLocale(incoming.searchParams.get("lang")) ?? DEFAULT_LOCALE;
  try {
    const code = token ? await takeCallCode(getChallengeStore(), token) : null;
    return xml(
      code ? spokenCode(code, locale).xml : spokenNotice("expired", locale),
    );
  } catch (error) {
    // The caller hears why and what to do; Plivo gets valid XML rather than a bare 500.
    console.error(
      "voice answer: code store failed: %s",
      (error as Error).message,
    );
    return xml(spokenNotice("tryAgain", locale));
  }
}
