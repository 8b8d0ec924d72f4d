import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as signup } from "@/app/api/signup/route";
import { createAccount } from "@/lib/account/records";
import {
  LOGINS_PER_ACCOUNT_PER_15_MIN,
  SENDS_PER_PHONE_PER_HOUR,
} from "@/lib/limits/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { hashPassword } from "@/lib/password/hash";
import { closeDb, getDb } from "@/lib/db";
import { resetTables } from "@/test/support/db";
import { codeFromSmsText } from "@/test/support/messenger";
import { clearBrowser, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { recordExact } from "./figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// One trusted proxy, so each client's address is its own; a small daily budget for unverified
// numbers, so spending all of it takes a few dozen sign-ups instead of 500.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
  process.env.LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET = "20";
});

// Strangers trying to keep a person from signing in, each way the review found, through the real
// routes (embedded store and limiters, real Postgres, the outbox). The owner must still get a code.

const SECTION = "owner not locked out";
const PASSWORD = "plum-ferry-quartz-71";
const frMobile = () => randomMobile("+3361");
let addresses = 0;
const newAddress = () =>
  `198.51.${100 + (addresses >> 8)}.${addresses++ % 256}`;

beforeAll(async () => {
  // Aligned windows (hour, UTC day): a clock frozen early in both keeps the run inside one.
  vi.useFakeTimers({ toFake: ["Date"] });
  const day = 86_400_000;
  vi.setSystemTime(Math.floor(Date.now() / day) * day + 3_660_000);
  await resetTables();
});
afterAll(async () => {
  vi.useRealTimers();
  await closeDb(await getDb());
});

const post = async (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
  ip: string,
) => {
  const response = await handler(jsonRequest(path, body, { ip }));
  const json = await response.json();
  return response.status === 200
    ? "200"
    : `${response.status} ${json.error?.code}`;
};

async function owner() {
  const email = `owner-${randomUUID()}@example.com`;
  const phone = frMobile();
  const passwordHash = await hashPassword(PASSWORD);
  const made = await createAccount({ email, phone, passwordHash });
  if (!made.ok) throw new Error(made.error);
  const address = newAddress();
  /** A password step from a new browser, then its code: "signed in", or why not. */
  const signIn = async () => {
    clearBrowser();
    const step = await post(
      login,
      "/api/login",
      { email, password: PASSWORD },
      address,
    );
    if (step !== "200") return step;
    const code = codeFromSmsText(listOutbox(phone)[0]!.text);
    const checked = await post(verify, "/api/otp/verify", { code }, address);
    return checked === "200" ? "signed in" : checked;
  };
  return { email, phone, signIn };
}

const strangerSignsUp = (phone: string, address: string) => {
  clearBrowser();
  const email = `stranger-${randomUUID()}@example.com`;
  return post(
    signup,
    "/api/signup",
    { email, password: PASSWORD, phone },
    address,
  );
};

describe("strangers against an owner's sign-in", () => {
  it("a sign-up with the owner's number and six refused resends spend none of the owner's sends", async () => {
    const o = await owner();
    const stranger = newAddress();
    const started = await strangerSignsUp(o.phone, stranger);
    const resends: string[] = [];
    for (let i = 0; i < 6; i++)
      resends.push(
        await post(send, "/api/otp/send", { channel: "sms" }, stranger),
      );
    const refused = resends.filter((r) => r === "429 RESEND_TOO_SOON").length;
    const logins: string[] = [];
    for (let i = 0; i < SENDS_PER_PHONE_PER_HOUR; i++)
      logins.push(await o.signIn());
    const signedIn = logins.filter((l) => l === "signed in").length;
    recordExact(
      SECTION,
      "stranger's sign-up with the owner's number, then 6 resends: refused",
      `${started}; ${refused}/6 refused`,
      "200; 6/6 refused",
    );
    recordExact(
      SECTION,
      "resends refused by a stranger's challenge spend none of the owner's sends: owner's logins with a code",
      `${signedIn}/${SENDS_PER_PHONE_PER_HOUR}`,
      `${SENDS_PER_PHONE_PER_HOUR}/${SENDS_PER_PHONE_PER_HOUR}`,
    );
    expect(started).toBe("200");
    expect(refused).toBe(6);
    expect(signedIn).toBe(SENDS_PER_PHONE_PER_HOUR);
  });

  it("password guesses from another address do not lock the owner's password step", async () => {
    const o = await owner();
    const attacker = newAddress();
    const guesses: string[] = [];
    for (let i = 0; i <= LOGINS_PER_ACCOUNT_PER_15_MIN; i++) {
      clearBrowser();
      const body = { email: o.email, password: `wrong-guess-${i}-xyz` };
      guesses.push(await post(login, "/api/login", body, attacker));
    }
    const mine = await o.signIn();
    recordExact(
      SECTION,
      `${LOGINS_PER_ACCOUNT_PER_15_MIN + 1} wrong passwords from another address: the last`,
      guesses.at(-1)!,
      "429 LOGIN_LIMITED",
    );
    recordExact(
      SECTION,
      "then the owner, from their own address",
      mine,
      "signed in",
    );
    expect(guesses.at(-1)).toBe("429 LOGIN_LIMITED");
    expect(mine).toBe("signed in");
  });

  it("sign-ups spending the unverified daily budget do not pause a verified owner's login", async () => {
    const o = await owner();
    const outcomes: string[] = [];
    while (outcomes.length < 60 && !outcomes.includes("503 SENDING_PAUSED"))
      outcomes.push(await strangerSignsUp(frMobile(), newAddress()));
    const mine = await o.signIn();
    recordExact(
      SECTION,
      "sign-ups from many addresses until the unverified budget is spent",
      outcomes.at(-1)!,
      "503 SENDING_PAUSED",
    );
    recordExact(SECTION, "then a verified owner's login", mine, "signed in");
    expect(outcomes.at(-1)).toBe("503 SENDING_PAUSED");
    expect(mine).toBe("signed in");
  });
});
