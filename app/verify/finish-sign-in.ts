import { browserError } from "@/app/ui/describe-error";
import type { ApiError } from "@/lib/http/types";
import { establishSession } from "./establish-session";

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
  if (after.signIn) {
    const result = await establishSession();
    if (result !== "signed-in") {
      const code =
        result === "unavailable" ? "SERVICE_UNAVAILABLE" : "SIGN_IN_FAILED";
      return browserError(code);
    }
  }
  window.location.assign(after.next);
  return null;
}
