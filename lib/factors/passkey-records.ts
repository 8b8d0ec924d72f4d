import "server-only";
import { getDb } from "@/lib/db";
import { PASSKEY_MAX_PER_ACCOUNT } from "./policy";
import { deleteFactors } from "./records";
import type { StoredPasskey } from "./webauthn";

// A person's passkeys in the database: one factor row each (kind "passkey", its lastUsedAt the
// last use) with the credential beside it. A use is a conditional UPDATE of the counter, so two
// requests carrying one assertion cannot both pass.

export interface PasskeyRow extends StoredPasskey {
  factorId: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listPasskeys(userId: string): Promise<PasskeyRow[]> {
  const db = await getDb();
  const rows = await db.factor.findMany({
    where: { userId, kind: "passkey", confirmedAt: { not: null } },
    orderBy: { createdAt: "asc" },
    select: { id: true, createdAt: true, lastUsedAt: true, passkey: true },
  });
  return rows.flatMap((r) =>
    r.passkey
      ? [
          {
            factorId: r.id,
            name: r.passkey.name,
            createdAt: r.createdAt,
            lastUsedAt: r.lastUsedAt,
            credentialId: r.passkey.credentialId,
            publicKey: new Uint8Array(r.passkey.publicKey),
            counter: Number(r.passkey.counter),
            transports: r.passkey.transports,
          },
        ]
      : [],
  );
}

/** The passkey with this credential id, only if it is this user's. */
export async function findPasskey(
  userId: string,
  credentialId: string,
): Promise<PasskeyRow | null> {
  const all = await listPasskeys(userId);
  return all.find((p) => p.credentialId === credentialId) ?? null;
}

/** Whose passkey this credential id is, for "Sign in with a passkey" (no account named first). */
export async function findPasskeyOwner(
  credentialId: string,
): Promise<string | null> {
  const db = await getDb();
  const row = await db.passkey.findUnique({
    where: { credentialId },
    select: { factor: { select: { userId: true, confirmedAt: true } } },
  });
  return row?.factor.confirmedAt ? row.factor.userId : null;
}

/** Saves a verified new passkey: "added", "exists" (its credential is on file) or "limit". */
export async function savePasskey(
  userId: string,
  name: string,
  p: StoredPasskey,
): Promise<"added" | "exists" | "limit"> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const taken = await tx.passkey.count({
      where: { credentialId: p.credentialId },
    });
    if (taken) return "exists";
    const count = await tx.factor.count({ where: { userId, kind: "passkey" } });
    if (count >= PASSKEY_MAX_PER_ACCOUNT) return "limit";
    await tx.factor.create({
      data: {
        userId,
        kind: "passkey",
        confirmedAt: new Date(),
        passkey: {
          create: {
            credentialId: p.credentialId,
            publicKey: Buffer.from(p.publicKey),
            counter: BigInt(p.counter),
            transports: p.transports,
            name,
          },
        },
      },
    });
    return "added";
  });
}

/**
 * Spends an assertion: true only for the one request whose counter moves the stored one forward
 * (WebAuthn §6.1.1), or, for an authenticator that keeps no counter (always 0), that finds it
 * still 0. A replay or a regressed counter (a possible clone) changes nothing.
 */
export async function takePasskeyUse(
  factorId: string,
  newCounter: number,
): Promise<boolean> {
  const db = await getDb();
  const counter =
    newCounter > 0 ? { lt: BigInt(newCounter) } : { equals: BigInt(0) };
  const taken = await db.passkey.updateMany({
    where: { factorId, counter },
    data: { counter: BigInt(newCounter) },
  });
  if (taken.count !== 1) return false;
  await db.factor.update({
    where: { id: factorId },
    data: { lastUsedAt: new Date() },
  });
  return true;
}

/** Removes one passkey, under the rule every removal shares (deleteFactors). */
export const deletePasskey = (userId: string, factorId: string) =>
  deleteFactors(userId, { id: factorId, kind: "passkey" });
