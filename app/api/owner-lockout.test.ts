import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as signup } from "@/app/api/signup/route";
import {
  LOGINS_PER_ACCOUNT_PER_15_MIN,
  SENDS_PER_PHONE_PER_HOUR,
} from "@/lib/limits/policy";
import { listOutbox } from "@/lib/messaging/outbox";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables } from "@/test/support/db";
import { codeFromSmsText } from "@/test/support/messenger";
import { clearBrowser, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { recordExact } from "@/test/security/figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Behind one trusted proxy, so each client's address is its own; a small daily budget for
// unverified numbers, so spending it all takes a few dozen sign-ups rather than 500.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
  process.env.LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET = "12";
});

// Strangers trying to keep a person from signing in, through the real routes (embedded code store
// and limiters, real Postgres, the outbox): none of it may cost the owner a code or a try. The
// security report (`npm run test:security`) runs this file too and prints what it recorded.

const SECTION = "owner not locked out";
const PASSWORD = "plum-ferry-quartz-71";
const frMobile = () => randomMobile("+3361");
let addresses = 0;
const newAddress = () =>
  `198.51.${100 + (addresses >> 8)}.${addresses++ % 256}`;

// Limit windows are aligned (hour, UTC day): a clock frozen early in both keeps a test inside one.
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  const day = 86_400_000;
  vi.setSystemTime(Math.floor(Date.now() / day) * day + 3_660_000);
  await resetTables();
});
afterAll(() => vi.useRealTimers());

async function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
  ip: string,
) {
  const response = await handler(jsonRequest(path, body, { ip }));
  return { status: response.status, json: await response.json() };
}

async function owner() {
  const person = {
    email: `owner-${randomUUID()}@example.com`,
    phone: frMobile(),
  };
  await createTestAccount({ ...person, password: PASSWORD });
  return { ...person, address: newAddress() };
}

/** The owner's password step from a new browser; then the code it sent, entered. */
async function ownerSignsIn(o: Awaited<ReturnType<typeof owner>>) {
  clearBrowser();
  const sentBefore = listOutbox(o.phone).length;
  const step = await post(
    login,
    "/api/login",
    { email: o.email, password: PASSWORD },
    o.address,
  );
  if (step.status !== 200) return { step, codeSent: false, verified: false };
  const codeSent = listOutbox(o.phone).length === sentBefore + 1;
  const code = codeFromSmsText(listOutbox(o.phone)[0]!.text);
  const checked = await post(verify, "/api/otp/verify", { code }, o.address);
  return { step, codeSent, verified: checked.status === 200 };
}

/** A reply as the report shows it: "200", or the status and the error code. */
const outcome = (r: { status: number; json: { error?: { code?: string } } }) =>
  r.status === 200 ? "200" : `${r.status} ${r.json.error?.code}`;

/** A sign-in as the report shows it: "signed in", or where it stopped. */
const signInOutcome = (s: Awaited<ReturnType<typeof ownerSignsIn>>) =>
  s.step.status !== 200
    ? outcome(s.step)
    : s.verified
      ? "signed in"
      : "code refused";

describe("a stranger using the owner's number", () => {
  it("asks for six resends on a sign-up with it, all refused, and the owner keeps every one of their sends", async () => {
    const o = await owner();
    const stranger = newAddress();
    clearBrowser();
    const first = await post(
      signup,
      "/api/signup",
      {
        email: `stranger-${randomUUID()}@example.com`,
        password: PASSWORD,
        phone: o.phone,
      },
      stranger,
    );
    const resends = [];
    for (let i = 0; i < 6; i++)
      resends.push(
        await post(send, "/api/otp/send", { channel: "sms" }, stranger),
      );
    // The refusals spent nothing: the owner signs in as often as the number's own limit allows…
    const logins = [];
    for (let i = 0; i < SENDS_PER_PHONE_PER_HOUR; i++)
      logins.push(await ownerSignsIn(o));
    const refused = resends.filter(
      (r) => outcome(r) === "429 RESEND_TOO_SOON",
    ).length;
    const signedIn = logins.filter(
      (l) => signInOutcome(l) === "signed in",
    ).length;
    recordExact(
      SECTION,
      "stranger's sign-up with the owner's number, then 6 resends: refused",
      `${outcome(first)}; ${refused}/6 refused`,
      "200; 6/6 refused",
    );
    recordExact(
      SECTION,
      "resends refused by a stranger's challenge spend none of the owner's sends: owner's logins with a code",
      `${signedIn}/${SENDS_PER_PHONE_PER_HOUR}`,
      `${SENDS_PER_PHONE_PER_HOUR}/${SENDS_PER_PHONE_PER_HOUR}`,
    );
    expect(first.status).toBe(200);
    expect(resends.map((r) => `${r.status} ${r.json.error?.code}`)).toEqual(
      Array(6).fill("429 RESEND_TOO_SOON"),
    );
    expect(logins).toEqual(
      Array(SENDS_PER_PHONE_PER_HOUR).fill({
        step: { status: 200, json: expect.objectContaining({ ok: true }) },
        codeSent: true,
        verified: true,
      }),
    );
    // …and that limit is the owner's own: the next login is the one refused.
    const over = await ownerSignsIn(o);
    expect(`${over.step.status} ${over.step.json.error?.code}`).toBe(
      "429 PHONE_SEND_LIMIT",
    );
  });

  it("refuses nothing for the sign-ups a refused resend would have spent", async () => {
    const phone = frMobile();
    const address = newAddress();
    const signUp = () => {
      clearBrowser();
      const email = `stranger-${randomUUID()}@example.com`;
      return post(
        signup,
        "/api/signup",
        { email, password: PASSWORD, phone },
        address,
      );
    };
    expect((await signUp()).status).toBe(200);
    for (let i = 0; i < 6; i++)
      expect(
        (await post(send, "/api/otp/send", { channel: "sms" }, address)).status,
      ).toBe(429);
    const more = [];
    for (let i = 1; i < SENDS_PER_PHONE_PER_HOUR; i++)
      more.push((await signUp()).status);
    expect(more).toEqual(Array(SENDS_PER_PHONE_PER_HOUR - 1).fill(200));
    const next = await signUp();
    expect(`${next.status} ${next.json.error?.code}`).toBe(
      "429 PHONE_SEND_LIMIT",
    );
  });
});

describe("password guesses from another address", () => {
  it("lock that address out of the owner's account, never the owner's own password step", async () => {
    const o = await owner();
    const attacker = newAddress();
    const guesses = [];
    for (let i = 0; i <= LOGINS_PER_ACCOUNT_PER_15_MIN; i++) {
      clearBrowser();
      const guess = { email: o.email, password: `wrong-guess-${i}-xyz` };
      guesses.push(await post(login, "/api/login", guess, attacker));
    }
    const mine = await ownerSignsIn(o);
    recordExact(
      SECTION,
      `${LOGINS_PER_ACCOUNT_PER_15_MIN + 1} wrong passwords from another address: the last`,
      outcome(guesses.at(-1)!),
      "429 LOGIN_LIMITED",
    );
    recordExact(
      SECTION,
      "then the owner, from their own address",
      signInOutcome(mine),
      "signed in",
    );
    expect(guesses.map((g) => g.status)).toEqual([
      ...Array(LOGINS_PER_ACCOUNT_PER_15_MIN).fill(401),
      429,
    ]);
    expect(mine).toMatchObject({
      step: { status: 200 },
      codeSent: true,
      verified: true,
    });
  });
});

describe("sign-ups spending the daily budget for unverified numbers", () => {
  it("pause sign-ups, never a verified owner's login", async () => {
    const o = await owner();
    const outcomes: string[] = [];
    for (let i = 0; i < 40 && !outcomes.includes("503 SENDING_PAUSED"); i++) {
      clearBrowser();
      const body = {
        email: `pump-${randomUUID()}@example.com`,
        password: PASSWORD,
        phone: frMobile(),
      };
      outcomes.push(
        outcome(await post(signup, "/api/signup", body, newAddress())),
      );
    }
    const mine = await ownerSignsIn(o);
    recordExact(
      SECTION,
      "sign-ups from many addresses until the unverified budget is spent",
      outcomes.at(-1)!,
      "503 SENDING_PAUSED",
    );
    recordExact(
      SECTION,
      "then a verified owner's login",
      signInOutcome(mine),
      "signed in",
    );
    expect(outcomes.at(-1)).toBe("503 SENDING_PAUSED");
    expect(outcomes.slice(0, -1).every((o) => o === "200")).toBe(true);
    expect(mine).toMatchObject({
      step: { status: 200 },
      codeSent: true,
      verified: true,
    });
  });
});
