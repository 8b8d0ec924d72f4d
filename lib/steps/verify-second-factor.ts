import "server-only";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { StepContext } from "@/lib/context";
import type { Refusal } from "@/lib/errors";
import { checkPhoneCode, type Passed } from "./verify-code";
import { checkFactorCode } from "./verify-factor";
import { checkPasskey } from "./verify-passkey";

// The second-factor step, one entry for every factor on the same challenge: each is checked its
// own way, then settled and counted alike (./factor-outcome.ts).

export type SecondFactorAttempt =
  | { factor: "phone" | "totp" | "recovery"; code: string }
  | { factor: "passkey"; response: AuthenticationResponseJSON };

export type SecondFactorOutcome =
  | (Passed & { recoveryCodesLeft?: number })
  | Refusal
  | (Refusal & { challengeDeleted: true });

export function verifySecondFactor(
  ctx: StepContext,
  id: string,
  attempt: SecondFactorAttempt,
): Promise<SecondFactorOutcome> {
  switch (attempt.factor) {
    case "phone":
      return checkPhoneCode(ctx, id, attempt.code);
    case "totp":
    case "recovery":
      return checkFactorCode(ctx, id, attempt.factor, attempt.code);
    case "passkey":
      return checkPasskey(ctx, id, attempt.response);
  }
}
