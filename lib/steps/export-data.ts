import "server-only";
import type { AccountContext } from "@/lib/context";
import { getDb } from "@/lib/db";
import { nameDevice } from "@/lib/devices/name";
import { getSessionStore } from "@/lib/sessions";

// "Download your data": everything Twostep holds about the person, as one JSON document, each field
// described in docs/account-changes.md. Every query names the columns it reads (a `select`), so a
// column added later stays out until it is chosen here: never a password hash, a sealed TOTP secret,
// a recovery code's hash, a token's hash or a session id. Passkeys are given by name and dates; their
// public keys and credential ids are left out too (not secrets, but nothing a person can read).
// Its route declares a second factor passed in the last 10 minutes.

/** The export's format, so a reader can tell what it holds. */
export const EXPORT_FORMAT = "twostep-export/1";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportAccountData(ctx: AccountContext) {
  const userId = ctx.user.id;
  const db = await getDb();
  const [user, factors, activity, sessions] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        email: true,
        emailVerifiedAt: true,
        createdAt: true,
        updatedAt: true,
        textCodesOff: true,
        lockedDownAt: true,
        deletionDueAt: true,
        phones: {
          select: { number: true, verifiedAt: true, createdAt: true },
          orderBy: { createdAt: "asc" },
        },
        emailLinks: {
          select: {
            purpose: true,
            email: true,
            createdAt: true,
            expiresAt: true,
            usedAt: true,
          },
          orderBy: { createdAt: "asc" },
        },
        devices: {
          select: {
            name: true,
            createdAt: true,
            lastUsedAt: true,
            expiresAt: true,
          },
          orderBy: { createdAt: "asc" },
        },
        browsers: {
          select: { createdAt: true, lastSeenAt: true },
          orderBy: { createdAt: "asc" },
        },
        notices: {
          select: { name: true, channel: true, sentAt: true },
          orderBy: { sentAt: "asc" },
        },
      },
    }),
    db.factor.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        kind: true,
        createdAt: true,
        confirmedAt: true,
        lastUsedAt: true,
        passkey: { select: { name: true, transports: true } },
        recoveryCodes: { select: { usedAt: true } },
      },
    }),
    db.authEvent.findMany({
      where: { userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        type: true,
        ip: true,
        userAgent: true,
        detail: true,
        createdAt: true,
      },
    }),
    getSessionStore().listSessions(userId, ctx.now()),
  ]);
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date(ctx.now()).toISOString(),
    account: {
      email: user.email,
      emailVerifiedAt: iso(user.emailVerifiedAt),
      createdAt: iso(user.createdAt),
      updatedAt: iso(user.updatedAt),
      textCodesOff: user.textCodesOff,
      lockedDownAt: iso(user.lockedDownAt),
      deletionDueAt: iso(user.deletionDueAt),
    },
    phones: user.phones.map((p) => ({
      number: p.number,
      verifiedAt: iso(p.verifiedAt),
      createdAt: iso(p.createdAt),
    })),
    emailHistory: user.emailLinks.map((l) => ({
      purpose: l.purpose,
      sentTo: l.email,
      sentAt: iso(l.createdAt),
      expiresAt: iso(l.expiresAt),
      usedAt: iso(l.usedAt),
    })),
    factors: factors.map((f) => ({
      kind: f.kind,
      name: f.passkey?.name ?? null,
      transports: f.passkey?.transports ?? null,
      createdAt: iso(f.createdAt),
      confirmedAt: iso(f.confirmedAt),
      lastUsedAt: iso(f.lastUsedAt),
      recoveryCodes:
        f.kind === "recovery_codes"
          ? {
              total: f.recoveryCodes.length,
              usedAt: f.recoveryCodes
                .map((c) => iso(c.usedAt))
                .filter((at) => at !== null)
                .sort(),
            }
          : null,
    })),
    sessions: sessions.map((s) => ({
      device: nameDevice(s.userAgent),
      userAgent: s.userAgent,
      ip: s.ip,
      signedInAt: new Date(s.createdAt).toISOString(),
      lastSeenAt: new Date(s.lastSeenAt).toISOString(),
      thisBrowser: s.id === ctx.session.id,
    })),
    rememberedDevices: user.devices.map((d) => ({
      name: d.name,
      rememberedAt: iso(d.createdAt),
      lastUsedAt: iso(d.lastUsedAt),
      expiresAt: iso(d.expiresAt),
    })),
    knownBrowsers: user.browsers.map((b) => ({
      firstSeenAt: iso(b.createdAt),
      lastSeenAt: iso(b.lastSeenAt),
    })),
    activity: activity.map((e) => ({
      type: e.type,
      at: iso(e.createdAt),
      ip: e.ip,
      userAgent: e.userAgent,
      detail: e.detail,
    })),
    noticesSent: user.notices.map((n) => ({
      notice: n.name,
      channel: n.channel,
      sentAt: iso(n.sentAt),
    })),
  };
}

export type AccountExport = Awaited<ReturnType<typeof exportAccountData>>;
