import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { isAdmin } from "@/lib/account/role";
import { getAuthOptions } from "./options";

/**
 * The signed-in user, or null. Each call checks the server-side session (one store round trip);
 * React's cache makes it once per request, so a page view whose layout and page both ask costs one.
 */
export const getSessionUser = cache(async () => {
  const session = await getServerSession(getAuthOptions());
  return session?.user?.id ? session.user : null;
});

/** For pages behind sign-in: sends a signed-out visitor to /login and back here afterwards. */
export async function requireUser(returnTo: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * Whether the signed-in user holds the admin role, read once per page view: the header's Admin link
 * and the 403 page Next renders into every page both ask.
 */
export const isSessionAdmin = cache(async (userId: string) => isAdmin(userId));
