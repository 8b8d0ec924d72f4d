import { randomInt, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { phoneFacts } from "@/lib/phone";
import {
  checkLoginLimits,
  checkVerificationEmailLimit,
  claimRecipientEmail,
} from "./decide";
import { consumeSendLimits, type SendTarget } from "./sends";
import {
  LINK_EMAILS_PER_RECIPIENT_PER_DAY,
  LINK_EMAILS_PER_RECIPIENT_PER_HOUR,
} from "./policy";
import { limitSettings } from "./settings";

// The decisions each step asks for, on the process's limiters (the in-process ones here: no
// Upstash configured). Budgets lowered so they are reached quickly; the others are the defaults.
vi.hoisted(() => {
  process.env.LIMIT_DAILY_MESSAGE_BUDGET = "12";
  process.env.LIMIT_DAILY_UNVERIFIED_MESSAGE_BUDGET = "8";
});

// Only Date is faked (the limiters read it per call); each test starts on a UTC day of its own,
// so the shared daily budgets start empty.
let day = 0;
beforeEach(() =>
  vi.useFakeTimers({ toFake: ["Date"], now: Date.UTC(2033, 0, ++day) }),
);
afterEach(() => vi.useRealTimers());

const usNumber = () => `+1415555${String(randomInt(10_000)).padStart(4, "0")}`;
const anAddress = () =>
  `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;

/** A sign-up by a stranger (a number not yet proven), each from an account and address of its own. */
const stranger = (phone: string): SendTarget => ({
  phone,
  facts: phoneFacts(phone),
  account: `email:${randomUUID()}@example.com`,
  verified: false,
  addressBucket: anAddress(),
});
/** A sign-in: the account's own verified phone. */
const owner = (phone: string, user = randomUUID()): SendTarget => ({
  phone,
  facts: phoneFacts(phone),
  account: `user:${user}`,
  verified: true,
  addressBucket: anAddress(),
});

describe("send limits", () => {
  it("lets strangers signing up with a number not spend the sends its owner needs to sign in", async () => {
    const phone = usNumber();
    const { sendsPerPhonePerHour } = limitSettings();
    for (let i = 0; i < sendsPerPhonePerHour; i++)
      expect(await consumeSendLimits(stranger(phone))).toBeNull();
    expect(await consumeSendLimits(stranger(phone))).toMatchObject({
      ok: false,
      error: "PHONE_SEND_LIMIT",
    });
    for (let i = 0; i < sendsPerPhonePerHour; i++)
      expect(await consumeSendLimits(owner(phone))).toBeNull();
    expect(await consumeSendLimits(owner(phone))).toMatchObject({
      ok: false,
      error: "PHONE_SEND_LIMIT",
      retryAfterSeconds: 3600,
    });
  });

  it("keeps the verified phones' daily budget when sign-ups spend theirs", async () => {
    for (let i = 0; i < 8; i++)
      expect(await consumeSendLimits(stranger(usNumber()))).toBeNull();
    expect(await consumeSendLimits(stranger(usNumber()))).toEqual({
      ok: false,
      error: "SENDING_PAUSED",
      retryAfterSeconds: 86_400,
    });
    for (let i = 0; i < 12; i++)
      expect(await consumeSendLimits(owner(usNumber()))).toBeNull();
    expect(await consumeSendLimits(owner(usNumber()))).toEqual({
      ok: false,
      error: "SENDING_PAUSED",
      retryAfterSeconds: 86_400,
    });
    expect(await consumeSendLimits(stranger(usNumber()))).toMatchObject({
      error: "SENDING_PAUSED",
    });
  });

  it("counts nothing against the address for sends the budget refuses", async () => {
    const address = anAddress();
    const { sendsPerIpPerHour } = limitSettings();
    for (let i = 0; i < 8; i++)
      expect(await consumeSendLimits(stranger(usNumber()))).toBeNull();
    for (let i = 0; i < sendsPerIpPerHour; i++)
      expect(
        await consumeSendLimits({
          ...stranger(usNumber()),
          addressBucket: address,
        }),
      ).toMatchObject({ error: "SENDING_PAUSED" });
    for (let i = 0; i < 12; i++)
      expect(
        await consumeSendLimits({
          ...owner(usNumber()),
          addressBucket: address,
        }),
      ).toBeNull();
  });
});

describe("password attempts", () => {
  it("lets 10 wrong passwords from one address not stop the same email from another", async () => {
    const email = `${randomUUID()}@example.com`;
    const [a, b] = [anAddress(), anAddress()];
    const { loginsPerAccountPer15Min } = limitSettings();
    expect(loginsPerAccountPer15Min).toBe(10);
    for (let i = 0; i < 10; i++)
      expect(await checkLoginLimits(email, a)).toBeNull();
    expect(await checkLoginLimits(email, a)).toEqual({
      ok: false,
      error: "LOGIN_LIMITED",
      retryAfterSeconds: 900,
    });
    expect(await checkLoginLimits(email, b)).toBeNull();
  });

  it("stops an email at the all-addresses cap, and only that email", async () => {
    const email = `${randomUUID()}@example.com`;
    const max = limitSettings().loginsPerAccountAllAddressesPer15Min;
    expect(max).toBe(100);
    // Spread over addresses, each below its own per-address cap.
    for (let i = 0; i < max; i++)
      expect(await checkLoginLimits(email, `10.0.${i % 20}.1`)).toBeNull();
    const fresh = anAddress();
    // Paused for every address: marked so its owner is told (lib/steps/notify-password-pause.ts).
    expect(await checkLoginLimits(email, fresh)).toEqual({
      ok: false,
      error: "LOGIN_LIMITED",
      retryAfterSeconds: 900,
      accountPaused: true,
    });
    expect(
      await checkLoginLimits(`${randomUUID()}@example.com`, fresh),
    ).toBeNull();
    vi.setSystemTime(Date.now() + 900_000);
    expect(await checkLoginLimits(email, fresh)).toBeNull();
  });

  it("counts toward the all-addresses cap only the attempts an address's own limit let through, so one address cannot pause the owner", async () => {
    const email = `${randomUUID()}@example.com`;
    const attacker = anAddress();
    const all = limitSettings().loginsPerAccountAllAddressesPer15Min;
    // A whole cap's worth of attempts from one address: only the first 10 are let through.
    for (let i = 0; i < all + 5; i++) await checkLoginLimits(email, attacker);
    const refused = await checkLoginLimits(email, attacker);
    expect(refused).toMatchObject({ error: "LOGIN_LIMITED" });
    expect(refused).not.toHaveProperty("accountPaused");
    expect(await checkLoginLimits(email, anAddress())).toBeNull();
  });
});

describe("link emails per recipient", () => {
  it("lets one address be mailed 4 an hour and 10 a day, however many accounts ask", async () => {
    const victim = `victim.${randomUUID()}@example.com`;
    let sent = 0;
    // One UTC day, hour by hour (each test starts at a UTC midnight).
    for (let hour = 0; hour < 24; hour++) {
      for (let i = 0; i < 10; i++)
        if (await claimRecipientEmail(victim.toUpperCase())) sent++;
      if (hour === 0) expect(sent).toBe(LINK_EMAILS_PER_RECIPIENT_PER_HOUR);
      vi.advanceTimersByTime(3600_000);
    }
    expect(sent).toBe(LINK_EMAILS_PER_RECIPIENT_PER_DAY);
    expect(await claimRecipientEmail(`other.${victim}`)).toBe(true);
  });

  it("refuses the owner's resend with the usual answer once the address had its share, counting nothing on the account", async () => {
    const email = `owner.${randomUUID()}@example.com`;
    for (let i = 0; i < LINK_EMAILS_PER_RECIPIENT_PER_HOUR; i++)
      expect(await claimRecipientEmail(email)).toBe(true);
    const user = randomUUID();
    expect(await checkVerificationEmailLimit(user, email)).toMatchObject({
      ok: false,
      error: "VERIFY_EMAIL_LIMIT",
    });
    expect(await checkVerificationEmailLimit(user)).toBeNull();
  });
});
