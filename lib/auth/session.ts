import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getAuthOptions } from "./options";

export async function getSessionUser() {
  const session = await getServerSession(getAuthOptions());
  return session?.user?.id ? session.user : null;
}

/** For pages behind sign-in: sends a signed-out visitor to /login and back here afterwards. */
export async function requireUser(returnTo: string) {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
