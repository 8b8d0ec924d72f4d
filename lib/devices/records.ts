import "server-only";
import { randomBytes } from "node:crypto";
import { recordEvent } from "@/lib/audit";
import { getDb } from "@/lib/db";
import { keyedHash } from "@/lib/keys";
import { nameDevice } from "./name";
import {
  DEVICE_TOKEN_BYTES,
  DEVICE_TOKEN_PURPOSE,
  MAX_REMEMBERED_DEVICES,
  REMEMBER_DEVICE_SECONDS,
} from "./policy";

// The server's record of remembered browsers. The browser holds a random token; the table holds
// only its keyed hash, so neither a copy of the table nor a guessed token names a device.

export interface RememberedDevice {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
}

const TOKEN_SHAPE = /^[\w-]{43}$/;
const hashToken = (token: string) => keyedHash(DEVICE_TOKEN_PURPOSE, token);

/** Remembers this browser for `userId`; returns the token for its cookie (shown nowhere else). */
export async function rememberDevice(
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null },
  now = Date.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(DEVICE_TOKEN_BYTES).toString("base64url");
  const expiresAt = new Date(now + REMEMBER_DEVICE_SECONDS * 1000);
  const name = nameDevice(meta.userAgent);
  const db = await getDb();
  await db.rememberedDevice.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      name,
      createdAt: new Date(now),
      lastUsedAt: new Date(now),
      expiresAt,
    },
  });
  // Past the cap, the least recently used go: a loop of "remember" cannot grow the table.
  const keep = await db.rememberedDevice.findMany({
    where: { userId },
    orderBy: { lastUsedAt: "desc" },
    select: { id: true },
    take: MAX_REMEMBERED_DEVICES,
  });
  await db.rememberedDevice.deleteMany({
    where: { userId, id: { notIn: keep.map((d) => d.id) } },
  });
  await recordEvent({
    type: "device_remembered",
    userId,
    ...meta,
    detail: { name },
  });
  return { token, expiresAt };
}

/**
 * Whether `token` is a live remembered device of `userId` at `now`; a match counts as its use.
 * Another person's token, an expired or forgotten one, or anything malformed is refused.
 */
export async function recognizeDevice(
  userId: string,
  token: string | null | undefined,
  now = Date.now(),
): Promise<boolean> {
  if (!token || !TOKEN_SHAPE.test(token)) return false;
  const db = await getDb();
  const used = await db.rememberedDevice.updateMany({
    where: {
      tokenHash: hashToken(token),
      userId,
      expiresAt: { gt: new Date(now) },
    },
    data: { lastUsedAt: new Date(now) },
  });
  return used.count === 1;
}

export async function listDevices(
  userId: string,
  now = Date.now(),
): Promise<RememberedDevice[]> {
  const db = await getDb();
  return db.rememberedDevice.findMany({
    where: { userId, expiresAt: { gt: new Date(now) } },
    orderBy: { lastUsedAt: "desc" },
    select: {
      id: true,
      name: true,
      createdAt: true,
      lastUsedAt: true,
      expiresAt: true,
    },
  });
}

/** "Forget": one device of this person (another person's id forgets nothing). */
export async function forgetDevice(
  userId: string,
  id: string,
  meta: { ip?: string | null; userAgent?: string | null } = {},
): Promise<boolean> {
  const db = await getDb();
  const device = await db.rememberedDevice.findFirst({
    where: { id, userId },
    select: { name: true },
  });
  if (!device) return false;
  const gone = await db.rememberedDevice.deleteMany({ where: { id, userId } });
  if (gone.count === 0) return false;
  const detail = { name: device.name };
  await recordEvent({ type: "device_forgotten", userId, ...meta, detail });
  return true;
}

/** Forgets every remembered device of a person; returns how many were forgotten. */
export async function forgetAllDevices(userId: string): Promise<number> {
  const db = await getDb();
  const gone = await db.rememberedDevice.deleteMany({ where: { userId } });
  return gone.count;
}
