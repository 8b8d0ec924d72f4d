import "server-only";
import { randomToken, seal, unseal } from "@/lib/keys";
import type { Messenger, SendReceipt } from "@/lib/messaging/types";
import { spokenCode } from "@/lib/messaging/voice";
import type { CodeStore } from "@/lib/store/types";

// The answer URL Plivo fetches carries only a random call token, never the code or the challenge
// id; the code waits in the store, encrypted, for as long as the code itself is valid.
const callKey = (token: string) => `call:${token}`;

export async function startCodeCall(
  deps: { store: CodeStore; messenger: Messenger; appUrl: string },
  to: string,
  code: string,
  ttlSeconds: number,
): Promise<SendReceipt> {
  const token = randomToken();
  await deps.store.setValue(
    callKey(token),
    seal("voice-code", code),
    ttlSeconds,
  );
  const answerUrl = `${deps.appUrl}/api/voice/answer?call=${token}`;
  return deps.messenger.placeCall({
    to,
    answerUrl,
    spokenText: spokenCode(code).text,
  });
}

/** The code a call should speak, or null when the token is unknown or expired. */
export async function readCallCode(
  store: CodeStore,
  token: string,
): Promise<string | null> {
  const sealed = await store.getValue(callKey(token));
  return sealed ? unseal("voice-code", sealed) : null;
}
