import "server-only";
import { decode } from "next-auth/jwt";
import { endSession } from "@/lib/sessions";

/**
 * A sign-in from a browser that is already signed in replaces its session: the one its cookie
 * names ends on the server, so a copy of the old cookie stops working too (ASVS 5.0 7.2.4).
 * next-auth itself would only overwrite the cookie.
 */
export async function endPreviousSession(
  cookieHeader: string | undefined,
  cookieName: string,
  secret: string,
): Promise<void> {
  const value = cookieHeader
    ?.split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${cookieName}=`))
    ?.slice(cookieName.length + 1);
  if (!value) return;
  const token = await decode({ token: value, secret }).catch(() => null);
  if (token?.sub && typeof token.sid === "string")
    await endSession(token.sub, token.sid);
}
