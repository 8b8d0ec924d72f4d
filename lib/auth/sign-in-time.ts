import "server-only";
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { getEnv } from "@/lib/env";
import { authCookies } from "./cookies";

/**
 * When this browser's session passed its second factor (epoch ms), from the session JWT's
 * authTime claim, read on the server only; null without one. Call after getSessionUser(), which
 * checks that the session is still live.
 */
export async function secondFactorTime(): Promise<number | null> {
  const env = getEnv();
  const name = authCookies(env.appUrl).cookies.sessionToken.name;
  const raw = (await cookies()).get(name)?.value;
  if (!raw) return null;
  const token = await decode({ token: raw, secret: env.authSecret }).catch(
    () => null,
  );
  return typeof token?.authTime === "number" ? token.authTime * 1000 : null;
}
