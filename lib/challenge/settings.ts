import { getEnv } from "@/lib/env";
import { CODE_TTL_SECONDS, RESEND_COOLDOWN_SECONDS } from "./policy";

// Tests shorten these through env to exercise expiry and resend without waiting minutes;
// the env schema only allows values at or below the policy's.
export const codeTtlSeconds = () => getEnv().codeTtlSeconds ?? CODE_TTL_SECONDS;
export const resendCooldownSeconds = () =>
  getEnv().resendCooldownSeconds ?? RESEND_COOLDOWN_SECONDS;
