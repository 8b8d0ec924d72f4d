import "server-only";
import { cookies } from "next/headers";
import { authCookies } from "@/lib/auth/cookies";
import { getEnv } from "@/lib/env";

/**
 * Whether this page's browser sent next-auth's session cookie (whole, or in the chunks next-auth
 * splits a large one into). Without it there is no session, and the page need not load next-auth
 * to learn so: a signed-out page's cold start, /login's included, never does.
 */
export async function sentSessionCookie(): Promise<boolean> {
  const name = authCookies(getEnv().appUrl).cookies.sessionToken.name;
  const sent = (await cookies()).getAll();
  return sent.some((c) => c.name === name || c.name.startsWith(`${name}.`));
}
