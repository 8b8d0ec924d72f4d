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

// Wrong codes through the real routes until the account's sign-in is paused: the person hears of
// it once per pause, by email and by text, not once per wrong code; the next pause tells again.

const COOKIE = "twostep_challenge";
const PASSWORD = "plum-ferry-quartz-72";
const SUBJECT = "Sign-in to your Twostep account was paused";

beforeAll(async () => {
  await resetTables();
  // The pause ends on the clock: only Date is faked, so the store sees the time move.
  vi.useFakeTimers({ toFake: ["Date"] });
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
  it("is sent once when wrong codes pause sign-in, not per wrong code, and again at the next pause", async () => {
    const p = await person();
    const logins = [];
    for (let i = 0; i < 4; i++) logins.push(await startLogin(p));
    const pausedEmails = () =>
      listOutbox(p.email).filter((e) => e.subject === SUBJECT);
    const pausedTexts = () =>
      listOutbox(p.phone).filter((e) => /too many wrong codes/.test(e.text));

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

    // The first pause over, one more wrong code pauses it again, for longer: a second notice.
    vi.setSystemTime(Date.now() + (LOCK_LADDER_SECONDS[0] + 1) * 1000);
    expect(await guessWrong(logins[3]!)).toBe("ACCOUNT_LOCKED");
    expect(pausedEmails()).toHaveLength(2);
    expect(pausedEmails()[0]!.text).toContain("paused for 5 minutes");
    expect(pausedTexts()).toHaveLength(2);

    const db = await getDb();
    const rows = await db.authEvent.findMany({
      where: { userId: p.id, type: "lockout" },
    });
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });
});
