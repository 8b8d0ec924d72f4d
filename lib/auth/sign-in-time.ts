import "server-only";
import { cookies } from "next/headers";
import { decode, type JWT } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { revokeUserSessions } from "@/lib/sessions";
import { authCookies } from "./cookies";

// Claims of this browser's session JWT, read on the server only. Call after getSessionUser(),
// which checks that the session is still live.

async function sessionToken(): Promise<JWT | null> {
  const env = getEnv();
  const name = authCookies(env.appUrl).cookies.sessionToken.name;
  const raw = (await cookies()).get(name)?.value;
  if (!raw) return null;
  return decode({ token: raw, secret: env.authSecret }).catch(() => null);
}

/** When this browser's session passed its second factor (epoch ms), from its authTime claim. */
export async function secondFactorTime(): Promise<number | null> {
  const token = await sessionToken();
  return typeof token?.authTime === "number" ? token.authTime * 1000 : null;
}

/** This browser's server-side session id (the sid claim), or null. */
export async function currentSessionId(): Promise<string | null> {
  const token = await sessionToken();
  return typeof token?.sid === "string" ? token.sid : null;
}

/**
 * After a factor changed: every other session of the person ends (a stolen session cannot outlive
 * the change), this one stays. Returns how many ended.
 */
export async function endOtherSessions(userId: string): Promise<number> {
  const keep = await currentSessionId();
  return revokeUserSessions(userId, keep ?? undefined);
}
