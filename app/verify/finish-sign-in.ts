import { signIn } from "next-auth/react";
import { ERRORS } from "@/lib/errors";
import type { ApiError } from "@/lib/http/types";

/** What a passed second factor's reply says comes next (lib/http/next-step.ts decides it). */
export interface AfterSecondFactor {
  /** Where the browser goes. */
  next: string;
  /** Whether next-auth first turns the completed challenge into a session. */
  signIn: boolean;
}

/**
 * Once the second factor passed, follows the server's reply: when it says so, next-auth redeems
 * the completed challenge (from its httpOnly cookie) into a session; then the page moves on to
 * `next`. Returns the error to show when the session could not be made.
 */
export async function finishSignIn(
  after: AfterSecondFactor,
): Promise<ApiError | null> {
  if (!after.signIn) {
    window.location.assign(after.next);
    return null;
  }
  const signedIn = await signIn("twostep", { redirect: false });
  if (signedIn?.ok) {
    window.location.assign(after.next);
    return null;
  }
  const code =
    signedIn?.error === "SERVICE_UNAVAILABLE"
      ? "SERVICE_UNAVAILABLE"
      : "SIGN_IN_FAILED";
  return { code, message: ERRORS[code].message, final: false };
}
