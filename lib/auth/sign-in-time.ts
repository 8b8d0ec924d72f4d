import "server-only";
import { cookies } from "next/headers";
import { decode, type JWT } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import type { SessionFacts } from "@/lib/context";
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

/** This browser's session as its signed cookie says: its id, and when it passed its second factor. */
export async function readSessionFacts(): Promise<SessionFacts> {
  const token = await sessionToken();
  return {
    id: typeof token?.sid === "string" ? token.sid : null,
    // The claim keeps next-auth's OIDC name (auth_time) so cookies already issued stay valid.
    secondFactorAt:
      typeof token?.authTime === "number" ? token.authTime * 1000 : null,
  };
}

/** This browser's server-side session id (the sid claim), or null. */
export async function currentSessionId(): Promise<string | null> {
  return (await readSessionFacts()).id;
}
