import "server-only";
import type { Locale } from "@/lib/i18n/locales";
import { randomToken, seal, unseal } from "@/lib/keys";
import type { CallRequest } from "@/lib/messaging/types";
import { spokenCode } from "@/lib/messaging/voice";
import type { ChallengeStore } from "@/lib/store";

// The answer URL Plivo fetches carries only a random call token and the call's language, never
// the code or the challenge id; the code waits in the store, encrypted, for as long as the code
// itself is valid, and is handed out once (Plivo fetches the answer URL once per call).

/** What to store with the code, in the same step as its issue: a fresh call token, the sealed code. */
export function sealCallCode(code: string) {
  return { token: randomToken(), sealed: seal("voice-code", code) };
}

/**
 * What to ask the provider for, once the issue has answered with the challenge and so its
 * language. The language rides in the answer URL (Plivo signs the whole URL, so it arrives as
 * sent) so that even "this code has expired" is said in it.
 */
export function codeCallRequest(
  appUrl: string,
  token: string,
  code: string,
  locale: Locale | null,
): Omit<CallRequest, "to"> {
  const lang = locale ? `&lang=${encodeURIComponent(locale)}` : "";
  return {
    answerUrl: `${appUrl}/api/voice/answer?call=${token}${lang}`,
    spokenText: spokenCode(code, locale ?? undefined).text,
  };
}

/** The code a call should speak, or null when the token is unknown, used or expired. */
export async function takeCallCode(
  store: ChallengeStore,
  token: string,
): Promise<string | null> {
  const sealed = await store.takeCallCode(token);
  return sealed ? unseal("voice-code", sealed) : null;
}
