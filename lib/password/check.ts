import "server-only";
import { getEnv } from "@/lib/env";
import { isCommonPassword } from "@/lib/password/breach/common";
import { checkPwnedPassword } from "@/lib/password/breach/hibp";
import { containsContextWord, passwordContextWords } from "./context";

// Every new password (signup now; password change and reset reuse it) passes here after the
// schema's length check. Context words first (no I/O), then the shipped list, then, when
// PASSWORD_BREACH_CHECK=hibp, Have I Been Pwned.

export type PasswordRefusal = "PASSWORD_TOO_COMMON" | "PASSWORD_CONTAINS_NAME";
export type PasswordCheck =
  { ok: true } | { ok: false; error: PasswordRefusal };

export async function checkNewPassword(
  password: string,
  context: { email?: string },
): Promise<PasswordCheck> {
  const appHost = new URL(getEnv().appUrl).hostname;
  const words = passwordContextWords({ email: context.email, appHost });
  if (containsContextWord(password, words))
    return { ok: false, error: "PASSWORD_CONTAINS_NAME" };
  if (await isCommonPassword(password))
    return { ok: false, error: "PASSWORD_TOO_COMMON" };
  if (getEnv().passwordBreachCheck === "hibp") {
    const answer = await checkPwnedPassword(password);
    if (answer === "breached")
      return { ok: false, error: "PASSWORD_TOO_COMMON" };
    // Fail open on the shipped list: an outage of a third party must not stop every signup, and
    // the list has already refused the passwords an online guesser would try first.
    if (answer === "unavailable")
      console.warn(
        "password check: Have I Been Pwned unreachable; accepted on the shipped list alone",
      );
  }
  return { ok: true };
}
