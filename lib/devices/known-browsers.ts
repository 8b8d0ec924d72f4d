import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { keyedHash } from "@/lib/keys";
import {
  BROWSER_TOKEN_BYTES,
  BROWSER_TOKEN_PURPOSE,
  MAX_KNOWN_BROWSERS,
} from "./browser-policy";

// The browsers an account has signed in from. The browser holds a random token (one per browser,
// whoever signs in there); the table holds its keyed hash per account, so a copy of the table
// names no browser, and one account's list says nothing about another's.

const TOKEN_SHAPE = /^[\w-]{43}$/;

export const isBrowserToken = (value: string | null | undefined) =>
  !!value && TOKEN_SHAPE.test(value);

export const newBrowserToken = () =>
  randomBytes(BROWSER_TOKEN_BYTES).toString("base64url");

/**
 * Notes that `userId` signed in from the browser holding `token`; true when the account had not
 * seen it before. Two sign-ins racing from one new browser: one of them says so.
 */
export async function noteBrowser(
  userId: string,
  token: string,
  now = Date.now(),
): Promise<boolean> {
  const db = await getDb();
  const tokenHash = keyedHash(BROWSER_TOKEN_PURPOSE, token);
  const at = new Date(now);
  const seen = await db.knownBrowser.updateMany({
    where: { userId, tokenHash },
    data: { lastSeenAt: at },
  });
  if (seen.count > 0) return false;
  try {
    await db.knownBrowser.create({
      data: { userId, tokenHash, createdAt: at, lastSeenAt: at },
    });
  } catch (error) {
    if ((error as { code?: string })?.code === "P2002") return false;
    throw error;
  }
  const keep = await db.knownBrowser.findMany({
    where: { userId },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true },
    take: MAX_KNOWN_BROWSERS,
  });
  await db.knownBrowser.deleteMany({
    where: { userId, id: { notIn: keep.map((b) => b.id) } },
  });
  return true;
}
