import { randomInt, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as signup } from "@/app/api/signup/route";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { ERRORS } from "@/lib/errors";
import { listOutbox } from "@/lib/messaging/outbox";
import { readMessageFigures } from "@/lib/steps/message-figures";
import { createNextAuthClient } from "@/test/support/next-auth";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";

// A simulated SMS pumping wave through the sign-up route: many sign-ups to one country's numbers,
// none of which ever enters its code, from many addresses (the per-address limits never see it).
// The breaker trips, the operator hears of it once, and a person elsewhere still gets their text.

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.hoisted(() => {
  process.env.BREAKER_MIN_SENDS_PER_HOUR = "10";
  process.env.BREAKER_MAX_CONVERSION_PERCENT = "20";
  process.env.BREAKER_PAUSE_MINUTES = "60";
  process.env.LIMIT_MESSAGES_PER_HOUR = "1000";
  process.env.OPERATOR_EMAIL = "Ops@Example.com";
  process.env.TRUSTED_PROXY_HOPS = "1";
});

installNextHeadersForCjs();
const nextAuth = createNextAuthClient(
  await import("@/app/api/auth/[...nextauth]/route"),
);

const OPERATOR = "ops@example.com";
/** German mobiles (+49 1511…): every number in the block is valid. */
const pumped = () => `+491511${String(randomInt(10_000_000)).padStart(7, "0")}`;
const anIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;

async function signUp(phone: string) {
  cookieJar.clear();
  const body = {
    email: `${randomUUID()}@example.com`,
    password: "correct horse battery",
    phone,
  };
  const res = await signup(jsonRequest("/api/signup", body, { ip: anIp() }));
  return { status: res.status, json: await res.json() };
}

const operatorEmails = () => listOutbox(OPERATOR);

describe("an SMS pumping wave", () => {
  beforeEach(() => cookieJar.clear());

  it("trips the breaker of the country it pumps, tells the operator once, and spares a sign-up elsewhere", async () => {
    const wave = Array.from({ length: 25 }, pumped);
    const replies = [];
    for (const phone of wave) replies.push(await signUp(phone));

    // The first ten go out; the eleventh finds a country where none was entered, and trips.
    expect(replies.slice(0, 10).map((r) => r.status)).toEqual(
      Array(10).fill(200),
    );
    for (const refused of replies.slice(10)) {
      expect(refused.status).toBe(503);
      // What anyone refused reads: nothing about other people's numbers or the breaker.
      expect(refused.json.error).toMatchObject({
        code: "CODES_PAUSED",
        message: ERRORS.CODES_PAUSED.message,
      });
      // The pause's hour, less the seconds the wave has taken since it tripped.
      expect(refused.json.error.retryAfterSeconds).toBeGreaterThan(3500);
      expect(refused.json.error.retryAfterSeconds).toBeLessThanOrEqual(3600);
    }
    expect(wave.filter((p) => listOutbox(p).length > 0)).toHaveLength(10);

    // One email for the one trip, however many sends it refused since.
    const told = operatorEmails();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      channel: "email",
      subject: "Codes to numbers in DE are paused",
    });
    expect(told[0]!.text).toContain("10 codes went to numbers in DE");

    // A real person in France still gets their code.
    const person = randomMobile("+3362");
    expect((await signUp(person)).status).toBe(200);
    expect(listOutbox(person)).toHaveLength(1);
    expect(operatorEmails()).toHaveLength(1);

    // The operator's figures show the wave and what stopped it.
    const figures = await readMessageFigures({ now: Date.now });
    const today = figures.days.at(-1)!;
    expect(today.countries.find((c) => c.country === "DE")).toMatchObject({
      sms: 10,
      sent: 10,
      verified: 0,
      conversionPercent: 0,
    });
    expect(today.countries.find((c) => c.country === "FR")).toMatchObject({
      sent: 1,
    });
    expect(today.refused.breaker).toBe(15);
    expect(figures.breakers).toEqual([
      expect.objectContaining({
        scope: "cc:DE",
        place: { kind: "country", country: "DE" },
        sends: 10,
        verified: 0,
        conversionPercent: 0,
      }),
    ]);
  });
});

describe("a country whose people enter their codes", () => {
  it("stays open however many sign-ups it gets: a code that opens a session counts as entered", async () => {
    const spain = () =>
      `+3461${String(randomInt(10_000_000)).padStart(7, "0")}`;
    for (let i = 0; i < 15; i++) {
      const phone = spain();
      expect((await signUp(phone)).status).toBe(200);
      const code = listOutbox(phone)[0]!.text.match(/#(\d{6})$/)![1]!;
      const checked = await verify(jsonRequest("/api/otp/verify", { code }));
      expect(checked.status).toBe(200);
      const id = cookieJar.get(challengeCookieName())!;
      expect((await nextAuth.signIn(id)).cookie).not.toBeNull();
    }
    const figures = await readMessageFigures({ now: Date.now });
    expect(
      figures.days.at(-1)!.countries.find((c) => c.country === "ES"),
    ).toMatchObject({ sent: 15, verified: 15, conversionPercent: 100 });
    expect(figures.breakers.map((b) => b.scope)).not.toContain("cc:ES");
  });
});
