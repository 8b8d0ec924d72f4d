import "server-only";
import { getDb, type Prisma } from "@/lib/db";
import type { ChallengeFactor } from "@/lib/store";
import { refusesTextCodes, type TextCodesFacts } from "./policy";

// The factors a person has, in the database. Single use is a conditional UPDATE each time (the
// row changes only while the condition still holds), so concurrent uses cannot both pass. Plain
// data access: what a change of factors sets off is lib/security-changes'.

export interface FactorSummary extends TextCodesFacts {
  totp: { confirmedAt: Date } | null;
  recoveryCodes: { left: number; createdAt: Date } | null;
  passkeys: number;
}

export async function summarizeFactors(userId: string): Promise<FactorSummary> {
  const db = await getDb();
  const [account, factors] = await Promise.all([
    db.user.findUnique({
      where: { id: userId },
      select: { textCodesOff: true },
    }),
    readFactors(userId),
  ]);
  return { ...factors, textCodesOff: account?.textCodesOff ?? false };
}

/** The confirmed factors, in one query: everything of the summary but the account's own choice. */
async function readFactors(
  userId: string,
): Promise<Omit<FactorSummary, "textCodesOff">> {
  const db = await getDb();
  const rows = await db.factor.findMany({
    where: { userId, confirmedAt: { not: null } },
    select: {
      kind: true,
      confirmedAt: true,
      createdAt: true,
      _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
    },
  });
  const totp = rows.find((r) => r.kind === "totp");
  const codes = rows.find((r) => r.kind === "recovery_codes");
  return {
    passkeys: rows.filter((r) => r.kind === "passkey").length,
    totp: totp ? { confirmedAt: totp.confirmedAt! } : null,
    recoveryCodes: codes
      ? { left: codes._count.recoveryCodes, createdAt: codes.createdAt }
      : null,
  };
}

/**
 * What the second-factor step offers, strongest first; the phone as the fallback, unless the person
 * refused text-message codes (./policy.ts refusesTextCodes). The account row the caller has already
 * read carries that choice, so this costs one query.
 */
export async function acceptedFactors(account: {
  id: string;
  textCodesOff: boolean;
}): Promise<ChallengeFactor[]> {
  const factors = await readFactors(account.id);
  const summary = { ...factors, textCodesOff: account.textCodesOff };
  const { passkeys, totp, recoveryCodes } = summary;
  return [
    ...(passkeys ? (["passkey"] as const) : []),
    ...(totp ? (["totp"] as const) : []),
    ...(refusesTextCodes(summary) ? [] : (["phone"] as const)),
    ...(recoveryCodes?.left ? (["recovery"] as const) : []),
  ];
}

export interface TotpRecord {
  factorId: string;
  secretSealed: string;
}

async function findTotp(userId: string, confirmed: boolean) {
  const db = await getDb();
  const factor = await db.factor.findFirst({
    where: {
      userId,
      kind: "totp",
      confirmedAt: confirmed ? { not: null } : null,
    },
    orderBy: { createdAt: "desc" },
    select: { id: true, totp: { select: { secretSealed: true } } },
  });
  return factor?.totp
    ? { factorId: factor.id, secretSealed: factor.totp.secretSealed }
    : null;
}

/** The authenticator app in use, if any. */
export const findActiveTotp = (userId: string): Promise<TotpRecord | null> =>
  findTotp(userId, true);

/** The authenticator app being set up, if any. */
export const findPendingTotp = (userId: string): Promise<TotpRecord | null> =>
  findTotp(userId, false);

/** Starts (or restarts) a setup: any earlier unfinished one is dropped. */
export async function saveTotpSetup(
  userId: string,
  secretSealed: string,
): Promise<void> {
  const db = await getDb();
  await db.$transaction([
    db.factor.deleteMany({
      where: { userId, kind: "totp", confirmedAt: null },
    }),
    db.factor.create({
      data: { userId, kind: "totp", totp: { create: { secretSealed } } },
    }),
  ]);
}

/**
 * Turns the app on with the step of its first accepted code, which is then spent. False when
 * another request finished this setup first, or the person already has an app on.
 */
export async function confirmTotp(
  userId: string,
  factorId: string,
  step: number,
): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // One account at a time: two setups finishing together cannot both turn on.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const active = await tx.factor.count({
      where: { userId, kind: "totp", confirmedAt: { not: null } },
    });
    if (active) return false;
    const now = new Date();
    const done = await tx.factor.updateMany({
      where: { id: factorId, userId, confirmedAt: null },
      data: { confirmedAt: now, lastUsedAt: now },
    });
    if (done.count !== 1) return false;
    await tx.totpSecret.update({
      where: { factorId },
      data: { lastUsedStep: step },
    });
    return true;
  });
}

/** Spends a time step: true only for the one request that moves lastUsedStep forward to it. */
export async function takeTotpStep(
  factorId: string,
  step: number,
): Promise<boolean> {
  const db = await getDb();
  const taken = await db.totpSecret.updateMany({
    where: { factorId, lastUsedStep: { lt: step } },
    data: { lastUsedStep: step },
  });
  if (taken.count !== 1) return false;
  await db.factor.update({
    where: { id: factorId },
    data: { lastUsedAt: new Date() },
  });
  return true;
}

/**
 * A new set of recovery codes (their hashes) in place of any old set, whose codes stop working in
 * the same transaction. Returns whether an old set was replaced.
 */
export async function replaceRecoveryCodes(
  userId: string,
  codeHashes: string[],
): Promise<{ replaced: boolean }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const old = await tx.factor.deleteMany({
      where: { userId, kind: "recovery_codes" },
    });
    await tx.factor.create({
      data: {
        userId,
        kind: "recovery_codes",
        confirmedAt: new Date(),
        recoveryCodes: {
          createMany: { data: codeHashes.map((codeHash) => ({ codeHash })) },
        },
      },
    });
    return { replaced: old.count > 0 };
  });
}

export type RecoveryUse = "ok" | "used" | "wrong";

/** Spends a recovery code: "ok" only for the one request that marks it used. */
export async function takeRecoveryCode(codeHash: string): Promise<RecoveryUse> {
  const db = await getDb();
  const taken = await db.recoveryCode.updateMany({
    where: { codeHash, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (taken.count === 1) return "ok";
  const known = await db.recoveryCode.count({ where: { codeHash } });
  return known ? "used" : "wrong";
}

/** Gives back a code whose sign-in did not happen after all (the challenge refused it). */
export async function restoreRecoveryCode(codeHash: string): Promise<void> {
  const db = await getDb();
  await db.recoveryCode.updateMany({
    where: { codeHash },
    data: { usedAt: null },
  });
}

export async function countRecoveryCodesLeft(userId: string): Promise<number> {
  const db = await getDb();
  return db.recoveryCode.count({
    where: { usedAt: null, factor: { userId, kind: "recovery_codes" } },
  });
}

/**
 * Removes the authenticator app, only while another everyday factor remains (the verified phone),
 * so a person can never remove their last one. "removed", "last" or "none".
 */
export const deleteTotp = (userId: string) =>
  deleteFactors(userId, { kind: "totp" });

/**
 * Removes the factors `where` picks among the person's, in one transaction that holds their row,
 * only while the verified phone remains: the rule every removal shares.
 */
export async function deleteFactors(
  userId: string,
  where: Prisma.FactorWhereInput,
): Promise<"removed" | "last" | "none"> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    const phones = await tx.phone.count({
      where: { userId, verifiedAt: { not: null } },
    });
    if (phones === 0) return "last";
    const gone = await tx.factor.deleteMany({ where: { ...where, userId } });
    return gone.count > 0 ? "removed" : "none";
  });
}
