import "server-only";
import { getDb, type Prisma } from "@/lib/db";
import { keyedHash, randomToken } from "@/lib/keys";
import { LINK_TOKEN_PATTERN } from "./policy";

// Single-use links sent by email. The database keeps only a keyed hash of each token, so a copy of
// the table opens nothing; the token itself exists only in the email. The token travels in the
// link's fragment (#token=…), which browsers never send to a server nor put in a Referer.

/** The EmailLinkPurpose enum of prisma/schema.prisma. */
export type EmailLinkPurpose =
  | "verify_email"
  | "reset_password"
  | "change_email"
  | "lock_down"
  | "recover_account";

const hashToken = (token: string) => keyedHash("email-link", token);

/** A fresh token and the hash to store. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomToken();
  return { token, tokenHash: hashToken(token) };
}

export function linkUrl(appUrl: string, path: string, token: string): string {
  return `${appUrl}${path}#token=${token}`;
}

/** Stores a link; then the person's earlier unused links for the same purpose stop working. */
export async function saveEmailLink(link: {
  userId: string;
  email: string;
  purpose: EmailLinkPurpose;
  tokenHash: string;
  ttlSeconds: number;
  /** An email change's: the session that asked. */
  sessionId?: string;
  /** The link that undoes it instead (an email change's cancel, a sign-up's refusal). */
  cancelTokenHash?: string;
}): Promise<void> {
  const { ttlSeconds, ...fields } = link;
  const db = await getDb();
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const { id } = await db.emailLink.create({ data: { ...fields, expiresAt } });
  await db.emailLink.deleteMany({
    where: {
      userId: link.userId,
      purpose: link.purpose,
      usedAt: null,
      id: { not: id },
    },
  });
}

export interface SpentLink {
  id: string;
  userId: string;
  /** The address the link was sent to. */
  email: string;
  /** An email change's: the session that asked for it, which must still be signed in. */
  sessionId: string | null;
}

/**
 * Spends a link in one UPDATE … RETURNING that matches only an unused, unexpired link: Postgres
 * lets one of any number of simultaneous uses change the row, and the others then match nothing.
 */
export async function spendEmailLink(
  token: string,
  purpose: EmailLinkPurpose,
  now = new Date(),
  /** Spends it only when it was sent for this account. */
  userId?: string,
): Promise<SpentLink | null> {
  if (!LINK_TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const [link] = await db.emailLink.updateManyAndReturn({
    where: {
      tokenHash: hashToken(token),
      purpose,
      ...(userId === undefined ? {} : { userId }),
      usedAt: null,
      expiresAt: { gt: now },
    },
    data: { usedAt: now },
    select: { id: true, userId: true, email: true, sessionId: true },
  });
  return link ?? null;
}

/**
 * The link that undoes one: an email change's cancel link, mailed to the current address, or a
 * sign-up's "I didn't sign up". Spends the link it names, once, by the same single UPDATE as a use of
 * that link itself, so the two can never both succeed.
 */
export async function spendByCancelToken(
  token: string,
  now = new Date(),
  purpose: EmailLinkPurpose = "change_email",
): Promise<SpentLink | null> {
  if (!LINK_TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  const [link] = await db.emailLink.updateManyAndReturn({
    where: {
      cancelTokenHash: hashToken(token),
      purpose,
      usedAt: null,
      expiresAt: { gt: now },
    },
    data: { usedAt: now },
    select: { id: true, userId: true, email: true, sessionId: true },
  });
  return link ?? null;
}

/** Whose live, unused link of `purpose` this is, without spending it (a step before the last). */
export async function findEmailLink(
  token: string,
  purpose: EmailLinkPurpose,
  now = new Date(),
): Promise<Omit<SpentLink, "id"> | null> {
  if (!LINK_TOKEN_PATTERN.test(token)) return null;
  const db = await getDb();
  return db.emailLink.findFirst({
    where: {
      tokenHash: hashToken(token),
      purpose,
      usedAt: null,
      expiresAt: { gt: now },
    },
    select: { userId: true, email: true, sessionId: true },
  });
}

/** Gives a spent link back when what it was spent on was refused before it started. */
export async function restoreEmailLink(id: string): Promise<void> {
  const db = await getDb();
  await db.emailLink.updateMany({ where: { id }, data: { usedAt: null } });
}

/** Spends every outstanding link of `purposes` the person has; returns how many. */
export async function spendUserEmailLinks(
  userId: string,
  purposes: readonly EmailLinkPurpose[],
  now = new Date(),
): Promise<number> {
  if (purposes.length === 0) return 0;
  const spent = await emailLinkSpend(await getDb(), userId, purposes, now);
  return spent.count;
}

/**
 * The same spending as one statement of `db` (a client or an open transaction), so a change can
 * spend its links in the transaction that writes it: no link outlives a committed change.
 */
export function emailLinkSpend(
  db: Pick<Prisma.TransactionClient, "emailLink">,
  userId: string,
  purposes: readonly EmailLinkPurpose[],
  now: Date,
) {
  return db.emailLink.updateMany({
    where: { userId, purpose: { in: [...purposes] }, usedAt: null },
    data: { usedAt: now },
  });
}

/**
 * A lock-down link for one notice email. Unlike saveEmailLink, the person's other lock-down links
 * stay: each notice's link must still work after a later notice (one an intruder set off, maybe to
 * an address of their own), and a lock-down grants nothing to whoever holds it.
 */
export async function saveLockDownLink(
  userId: string,
  email: string,
  ttlSeconds: number,
  now: Date,
): Promise<string> {
  const { token, tokenHash } = newLinkToken();
  const db = await getDb();
  await db.emailLink.create({
    data: {
      userId,
      email,
      purpose: "lock_down",
      tokenHash,
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    },
  });
  return token;
}
