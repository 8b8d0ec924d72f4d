import "server-only";
import { setDeviceCookie } from "@/lib/http/device-cookie";
import type { RequestMeta } from "@/lib/http/request-meta";
import { rememberVerifiedDevice } from "@/lib/steps/remembered-device";
import type { ChallengeStore } from "@/lib/store";

/**
 * "Remember this device for 30 days", ticked at a second factor that passed on challenge `id`
 * (a code or a passkey alike): a new device token, kept in this browser's device cookie, so its
 * next password step skips the second factor.
 */
export async function rememberThisBrowser(
  store: ChallengeStore,
  id: string,
  meta: RequestMeta,
) {
  const token = await rememberVerifiedDevice(store, id, meta);
  if (token) await setDeviceCookie(token);
}
