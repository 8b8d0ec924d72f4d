import "server-only";
import type { StepContext } from "@/lib/context";
import { setDeviceCookie } from "@/lib/http/device-cookie";
import { rememberVerifiedDevice } from "@/lib/steps/remembered-device";

/**
 * "Remember this device for 30 days", ticked at a second factor that passed on challenge `id`
 * (a code or a passkey alike): a new device token, kept in this browser's device cookie, so its
 * next password step skips the second factor.
 */
export async function rememberThisBrowser(ctx: StepContext, id: string) {
  const token = await rememberVerifiedDevice(ctx, id);
  if (token) await setDeviceCookie(token);
}
