import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LOCK_LADDER_SECONDS } from "@/lib/challenge/policy";
import { closeDb, getDb } from "@/lib/db";
import { listOutbox } from "@/lib/messaging/outbox";
import { resetTables } from "@/test/support/db";
import { codeFromSmsText } from "@/test/support/messenger";
import {
  clearBrowser,
  cookieJar,
  jsonRequest,
} from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as login } from "../login/route";
import { POST as verify } from "./verify/route";
import { createTestAccount } from "@/test/support/accounts";
import { withoutLockDownLink } from "@/test/support/lock-down-link";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// This person signs in more often than an hour's sends allow; those limits are not tested here.
vi.hoisted(() => {
  process.env.LIMIT_SENDS_PER_PHONE_PER_HOUR = "100";
  process.env.LIMIT_SENDS_PER_ACCOUNT_PER_HOUR = "100";
});

// Wrong codes through the real routes until the client typing them is paused: the person hears of
// it by email and by text, not once per wrong code, and at most once a day however many pauses.

const COOKIE = "twostep_challenge";
const PASSWORD = "plum-ferry-quartz-72";
const SUBJECT = "Someone who knows your Twostep password is trying to sign in";

beforeAll(async () => {
  await resetTables();
  // The pause ends on the clock: only Date is faked, so the store sees the time move. Early in a
  // UTC day, so the day's notice and the next pause fall in the same one.
  vi.useFakeTimers({ toFake: ["Date"] });
  const day = 86_400_000;
  vi.setSystemTime(Math.ceil(Date.now() / day) * day + 60_000);
});
afterAll(async () => {
  vi.useRealTimers();
  await closeDb(await getDb());
});

async function person() {
  const email = `paused-${randomUUID()}@example.com`;
  const phone = randomMobile("+3362");
  return createTestAccount({
    email,
    phone,
    password: PASSWORD,
    emailVerified: true,
  });
}

async function startLogin(p: { email: string; phone: string }) {
  clearBrowser();
  const r = await login(
    jsonRequest("/api/login", { email: p.email, password: PASSWORD }),
  );
  expect(r.status).toBe(200);
  const code = codeFromSmsText(listOutbox(p.phone)[0]!.text);
  return { cookie: cookieJar.get(COOKIE)!, code };
}

async function guessWrong(l: { cookie: string; code: string }) {
  clearBrowser();
  cookieJar.set(COOKIE, l.cookie);
  const wrong = String((Number(l.code) + 1) % 1_000_000).padStart(6, "0");
  const r = await verify(jsonRequest("/api/otp/verify", { code: wrong }));
  return ((await r.json()).error?.code as string) ?? "none";
}

describe("the lockout notice", () => {
  it("is sent once when wrong codes pause sign-in, not per wrong code, nor at the next pause that day", async () => {
    const p = await person();
    const logins = [];
    for (let i = 0; i < 3; i++) logins.push(await startLogin(p));
    const pausedEmails = () =>
      listOutbox(p.email).filter((e) => e.subject === SUBJECT);
    const pausedTexts = () =>
      listOutbox(p.phone).filter((e) => /entered wrong codes/.test(e.text));

    const seen: string[] = [];
    for (const l of logins.slice(0, 3))
      for (let g = 0; g < 4; g++) {
        seen.push(await guessWrong(l));
        const notices = seen.includes("ACCOUNT_LOCKED") ? 1 : 0;
        expect(pausedEmails()).toHaveLength(notices);
        expect(pausedTexts()).toHaveLength(notices);
      }
    expect(seen).toEqual([
      ...Array(9).fill("WRONG_CODE"),
      ...Array(3).fill("ACCOUNT_LOCKED"),
    ]);
    const [email] = pausedEmails();
    expect(email!.text).toContain("paused for a minute");
    expect(withoutLockDownLink(email!.text)).not.toMatch(/https?:|\b\d{6}\b/);

    expect(email!.text).toContain("change your password");
    // Each pause over, one more wrong code pauses it again, for longer: audited, not told, for
    // the rest of the day (here past the hour).
    for (const seconds of LOCK_LADDER_SECONDS) {
      vi.setSystemTime(Date.now() + (seconds + 1) * 1000);
      expect(await guessWrong(await startLogin(p))).toBe("ACCOUNT_LOCKED");
    }
    expect(pausedEmails()).toHaveLength(1);
    expect(pausedTexts()).toHaveLength(1);

    const db = await getDb();
    const rows = await db.authEvent.findMany({
      where: { userId: p.id, type: "lockout" },
    });
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});
