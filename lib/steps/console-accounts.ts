import "server-only";
import { listRecentEvents, type RecentEvent } from "@/lib/audit";
import type { AccountContext } from "@/lib/context";
import { getDb } from "@/lib/db";
import { listDevices } from "@/lib/devices/records";
import { nameDevice } from "@/lib/devices/name";
import { refuse, type Outcome } from "@/lib/errors";
import { getSessionStore } from "@/lib/sessions";
import { readLockout, type Lockout } from "./lockout";
import { sessionHandle } from "./manage-sessions";

// What the operators' console reads: accounts found by email or phone, and one account's state.
// Each query selects its fields by name: no code, token, secret or hash ever leaves this file.

/** Accounts a search page shows; the next page is one click away. */
export const CONSOLE_PAGE_SIZE = 20;
/** How far back "sends in the last 24 h" looks. */
const DAY_MS = 86_400_000;
/** Audit rows the account's page shows, newest first. */
const AUDIT_ROWS_SHOWN = 50;

export interface FoundAccount {
  id: string;
  email: string;
  phone: string | null;
  createdAt: Date;
  switchedOff: boolean;
}

/**
 * Accounts whose email or verified phone is `query` or starts with it: a query with a letter or an
 * "@" is an address (matched lower-cased), else a number (spaces and dashes dropped, "+" added).
 */
export async function findAccounts(
  query: string,
  page: number,
): Promise<{ accounts: FoundAccount[]; more: boolean }> {
  const q = query.trim();
  if (!q) return { accounts: [], more: false };
  const db = await getDb();
  const byEmail = /[a-z@]/i.test(q);
  const digits = q.replace(/[\s().-]/g, "");
  const number = digits.startsWith("+") ? digits : `+${digits}`;
  const rows = await db.user.findMany({
    where: byEmail
      ? { email: { startsWith: q.toLowerCase() } }
      : { phones: { some: { verifiedNumber: { startsWith: number } } } },
    orderBy: [{ email: "asc" }],
    skip: page * CONSOLE_PAGE_SIZE,
    take: CONSOLE_PAGE_SIZE + 1,
    select: {
      id: true,
      email: true,
      createdAt: true,
      switchedOffAt: true,
      phones: {
        where: { verifiedAt: { not: null } },
        select: { number: true },
      },
    },
  });
  return {
    accounts: rows.slice(0, CONSOLE_PAGE_SIZE).map((r) => ({
      id: r.id,
      email: r.email,
      phone: r.phones[0]?.number ?? null,
      createdAt: r.createdAt,
      switchedOff: r.switchedOffAt !== null,
    })),
    more: rows.length > CONSOLE_PAGE_SIZE,
  };
}

export interface ConsoleFactor {
  /** The factor row's id: what "Remove" names. */
  id: string;
  kind: "totp" | "passkey" | "recovery_codes";
  /** A passkey's name; recovery codes left; nothing for the app. */
  name: string | null;
  codesLeft: number | null;
  addedAt: Date;
  lastUsedAt: Date | null;
}

export interface ConsoleAccount {
  id: string;
  email: string;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  admin: boolean;
  phone: { number: string; verifiedAt: Date } | null;
  textCodesOff: boolean;
  factors: ConsoleFactor[];
  sessions: {
    id: string;
    name: string;
    ip: string | null;
    signedInAt: Date;
    lastSeenAt: Date;
  }[];
  devices: { id: string; name: string; createdAt: Date; lastUsedAt: Date }[];
  lock: Lockout;
  switchedOff: { at: Date; reason: string } | null;
  sendsLastDay: number;
  events: RecentEvent[];
}

/** One account as the console shows it. */
export async function viewAccount(
  ctx: Pick<AccountContext, "store" | "now">,
  userId: string,
): Promise<Outcome<{ account: ConsoleAccount }>> {
  const db = await getDb();
  const now = ctx.now();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      emailVerifiedAt: true,
      createdAt: true,
      role: true,
      textCodesOff: true,
      switchedOffAt: true,
      switchedOffReason: true,
      phones: {
        where: { verifiedAt: { not: null } },
        select: { number: true, verifiedAt: true },
      },
    },
  });
  if (!user) return refuse("ACCOUNT_NOT_FOUND");
  const [factors, sessions, devices, lock, sendsLastDay, events] =
    await Promise.all([
      db.factor.findMany({
        where: { userId, confirmedAt: { not: null } },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          kind: true,
          createdAt: true,
          lastUsedAt: true,
          passkey: { select: { name: true } },
          _count: {
            select: { recoveryCodes: { where: { usedAt: null } } },
          },
        },
      }),
      getSessionStore().listSessions(userId, now),
      listDevices(userId, now),
      readLockout(ctx, userId),
      db.authEvent.count({
        where: {
          userId,
          type: "code_sent",
          createdAt: { gte: new Date(now - DAY_MS) },
        },
      }),
      listRecentEvents(userId, AUDIT_ROWS_SHOWN, { consoleRequests: true }),
    ]);
  const phone = user.phones[0];
  return {
    ok: true,
    account: {
      id: user.id,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt,
      createdAt: user.createdAt,
      admin: user.role === "admin",
      phone: phone
        ? { number: phone.number, verifiedAt: phone.verifiedAt! }
        : null,
      textCodesOff: user.textCodesOff,
      factors: factors.map((f) => ({
        id: f.id,
        kind: f.kind,
        name: f.passkey?.name ?? null,
        codesLeft: f.kind === "recovery_codes" ? f._count.recoveryCodes : null,
        addedAt: f.createdAt,
        lastUsedAt: f.lastUsedAt,
      })),
      sessions: sessions.map((s) => ({
        id: sessionHandle(s.id),
        name: nameDevice(s.userAgent),
        ip: s.ip,
        signedInAt: new Date(s.createdAt),
        lastSeenAt: new Date(s.lastSeenAt),
      })),
      devices: devices.map(({ id, name, createdAt, lastUsedAt }) => ({
        id,
        name,
        createdAt,
        lastUsedAt,
      })),
      lock,
      switchedOff: user.switchedOffAt
        ? { at: user.switchedOffAt, reason: user.switchedOffReason ?? "" }
        : null,
      sendsLastDay,
      events,
    },
  };
}
