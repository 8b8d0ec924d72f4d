import "server-only";
import { randomToken, seal, unseal } from "@/lib/keys";
import type { CallRequest } from "@/lib/messaging/types";
import { spokenCode } from "@/lib/messaging/voice";
import type { ChallengeStore } from "@/lib/store";

// The answer URL Plivo fetches carries only a random call token, never the code or the challenge
// id; the code waits in the store, encrypted, for as long as the code itself is valid, and is
// handed out once (Plivo fetches the answer URL once per call).

/** What to store (with the code, in the same step) and what to ask the provider for a call. */
export function prepareCodeCall(appUrl: string, code: string) {
  const token = randomToken();
  return {
    stored: { token, sealed: seal("voice-code", code) },
    request: {
      answerUrl: `${appUrl}/api/voice/answer?call=${token}`,
      spokenText: spokenCode(code).text,
    } satisfies Omit<CallRequest, "to">,
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
