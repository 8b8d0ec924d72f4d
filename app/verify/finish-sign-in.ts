import { signIn } from "next-auth/react";
import { ERRORS } from "@/lib/errors";
import type { ApiError } from "@/lib/http/types";
import type { ChallengePurpose } from "@/lib/store/types";

/**
 * Once the second factor passed: next-auth redeems the completed challenge (from its httpOnly
 * cookie) into a session, and the page moves on. Returns the error to show when it could not.
 * A reset's challenge is never a session: its page moves on to the new password.
 */
export async function finishSignIn(
  next: string,
  purpose: ChallengePurpose,
): Promise<ApiError | null> {
  if (purpose === "reset") {
    window.location.assign(next);
    return null;
  }
  const signedIn = await signIn("twostep", { redirect: false });
  if (signedIn?.ok) {
    window.location.assign(next);
    return null;
  }
  const code =
    signedIn?.error === "SERVICE_UNAVAILABLE"
      ? "SERVICE_UNAVAILABLE"
      : "SIGN_IN_FAILED";
  return { code, message: ERRORS[code].message, final: false };
}
