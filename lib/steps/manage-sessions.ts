import "server-only";
import type { AccountContext } from "@/lib/context";
import { nameDevice } from "@/lib/devices/name";
import { refuse, type Outcome } from "@/lib/errors";
import { keyedHash } from "@/lib/keys";
import { applySecurityChange } from "@/lib/security-changes/apply";
import { getSessionStore } from "@/lib/sessions";

// "Signed-in devices" on the account page: see every live session of the account and end any of
// them (ASVS 5.0 7.4.3, 7.5.2). Their routes declare a second factor passed in the last 10 minutes,
// so a stolen, older session cannot sign its owner out everywhere and keep the account to itself.

/** The key (lib/keys.ts) that turns a session id into the handle the page shows. */
export const SESSION_HANDLE_PURPOSE = "session-handle";

/**
 * The page names a session by a keyed hash of its id, never the id itself: the list shows every
 * session of the account, and a session id is what the server trusts a signed cookie to carry.
 */
export const sessionHandle = (sessionId: string) =>
  keyedHash(SESSION_HANDLE_PURPOSE, sessionId);

export interface SignedInDevice {
  /** sessionHandle() of the session's id. */
  id: string;
  /** Browser and system from the user agent, e.g. "Chrome on Linux". */
  name: string;
  /** The approximate place: the address the session signed in from. */
  ip: string | null;
  signedInAt: Date;
  lastSeenAt: Date;
  /** The session of the browser asking. */
  current: boolean;
}

/** The person's live sessions, this browser's first, then most recently seen. */
export async function listSignedInDevices(
  userId: string,
  currentId: string | null,
  now = Date.now(),
): Promise<SignedInDevice[]> {
  const sessions = await getSessionStore().listSessions(userId, now);
  return sessions
    .map((s) => ({
      id: sessionHandle(s.id),
      name: nameDevice(s.userAgent),
      ip: s.ip,
      signedInAt: new Date(s.createdAt),
      lastSeenAt: new Date(s.lastSeenAt),
      current: s.id === currentId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * "Sign out" on one row (named by its handle): that session is refused from its next request on.
 * Answers whether it was this browser's own session.
 */
export async function signOutDevice(
  ctx: AccountContext,
  handle: string,
): Promise<Outcome<{ current: boolean }>> {
  const userId = ctx.user.id;
  const store = getSessionStore();
  const target = (await store.listSessions(userId, ctx.now())).find(
    (s) => sessionHandle(s.id) === handle,
  );
  if (!target || !(await store.revokeSession(userId, target.id)))
    return refuse("SESSION_NOT_FOUND");
  await applySecurityChange(ctx, "signed_out_device", {
    userId,
    detail: { ended: "device", name: nameDevice(target.userAgent) },
  });
  return { ok: true, current: target.id === ctx.session.id };
}

/**
 * "Sign out everywhere else": every session but this browser's ends. A browser whose session has
 * no id (an older cookie) cannot say which is its own: it signs in again first.
 */
export async function signOutEverywhereElse(
  ctx: AccountContext,
): Promise<Outcome<{ ended: number }>> {
  if (!ctx.session.id) return refuse("REAUTH_REQUIRED");
  const done = await applySecurityChange(ctx, "signed_out_everywhere_else", {
    userId: ctx.user.id,
    detail: { ended: "others" },
  });
  return { ok: true, ended: done.sessionsEnded };
}
