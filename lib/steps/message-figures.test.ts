import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { ERRORS } from "@/lib/errors";
import { dayName, dayNumber } from "@/lib/limits/messages";
import { listOutbox } from "@/lib/messaging/outbox";
import { testContext } from "@/test/support/context";
import { randomMobile } from "@/test/support/phones";
import {
  changeBreaker,
  countCodeEntered,
  countDeliveryReport,
  placeOf,
  readMessageFigures,
} from "./message-figures";
import { signUp } from "./sign-up";
import { verifyCodeStep } from "./verify-code";

// The operator's figures and the hourly ceiling, through the use cases on a clock the test sets:
// sends, deliveries and verified codes land on the day and country they happened in.

vi.hoisted(() => {
  process.env.LIMIT_MESSAGES_PER_HOUR = "5";
  process.env.BREAKER_MIN_SENDS_PER_HOUR = "1000";
  process.env.OPERATOR_EMAIL = "night-shift@example.com";
});

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Days ahead of today, so each test's hours and days are its own. */
const dayAhead = (n: number) => (dayNumber(Date.now()) + n) * DAY;
const at = (ms: number) => testContext({ now: () => ms });

const person = () => ({
  email: `${randomUUID()}@example.com`,
  password: "correct horse battery",
});
const latestCode = (phone: string) =>
  listOutbox(phone)[0]!.text.match(/#(\d{6})$/)![1]!;

describe("the hourly ceiling", () => {
  it("pauses every code once the hour's messages reach it, tells the operator once, and goes on when lifted", async () => {
    const t = dayAhead(20) + 9 * HOUR;
    for (let i = 0; i < 5; i++) {
      const sent = await signUp(at(t + i * 1000), {
        ...person(),
        phone: randomMobile("+3364"),
      });
      expect(sent.ok).toBe(true);
    }
    const refused = [];
    for (let i = 0; i < 3; i++)
      refused.push(
        await signUp(at(t + 10_000), {
          ...person(),
          phone: randomMobile("+3365"),
        }),
      );
    for (const r of refused)
      expect(r).toMatchObject({
        ok: false,
        error: "CODES_PAUSED",
        retryAfterSeconds: 3600,
      });
    const told = listOutbox("night-shift@example.com");
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe(
      "Codes to every destination (the hourly ceiling) are paused",
    );

    const { breakers } = await readMessageFigures(at(t + 20_000));
    expect(breakers).toEqual([
      expect.objectContaining({
        scope: "all",
        place: { kind: "all" },
        sends: 5,
        until: t + 10_000 + HOUR,
      }),
    ]);
    expect(
      await changeBreaker(at(t + 30_000), {
        scope: "all",
        action: "extend",
        minutes: 120,
        reason: "Plivo bill looks wrong; checking before resuming",
      }),
    ).toMatchObject({
      ok: true,
      breaker: { scope: "all", until: t + 30_000 + 2 * HOUR },
    });
    expect(
      await changeBreaker(at(t + 40_000), {
        scope: "all",
        action: "lift",
        reason: "",
      }),
    ).toMatchObject({ ok: false, error: "INVALID_INPUT" });
    expect(
      await changeBreaker(at(t + 40_000), {
        scope: "all",
        action: "lift",
        reason: "A launch, not pumping",
      }),
    ).toEqual({ ok: true, breaker: null });
    expect(
      await changeBreaker(at(t + 41_000), {
        scope: "all",
        action: "lift",
        reason: "again",
      }),
    ).toMatchObject({ ok: false, error: "BREAKER_NOT_TRIPPED" });

    const after = await signUp(at(t + 50_000), {
      ...person(),
      phone: randomMobile("+3366"),
    });
    expect(after.ok).toBe(true);
    expect(ERRORS.CODES_PAUSED.status).toBe(503);
  });
});

describe("the figures", () => {
  it("counts sends, deliveries and verified codes per country and per day, with the conversion", async () => {
    const day1 = dayAhead(40) + 10 * HOUR;
    const day2 = day1 + DAY;
    const fr = randomMobile("+3367");
    const started = await signUp(at(day1), { ...person(), phone: fr });
    if (!started.ok) throw new Error(started.error);
    const ctx = at(day1 + 60_000);
    expect(
      await verifyCodeStep(ctx, started.challengeId, latestCode(fr)),
    ).toEqual({ ok: true });
    const challenge = (await ctx.store.getChallenge(started.challengeId))!;
    await countDeliveryReport(challenge, "delivered", day1 + 30_000);
    await countCodeEntered(ctx, challenge);
    await signUp(at(day1 + HOUR), {
      ...person(),
      phone: randomMobile("+3368"),
    });
    await signUp(at(day2), { ...person(), phone: "+4915112345678" });
    // A number the destination rules refuse is counted by its reason alone.
    const toll = await signUp(at(day2), {
      ...person(),
      phone: "+18005550100",
    });
    expect(toll).toMatchObject({ ok: false, error: "NUMBER_NOT_ALLOWED" });

    const figures = await readMessageFigures(at(day2 + HOUR));
    expect(figures.days).toHaveLength(7);
    const [first, second] = figures.days.slice(-2);
    expect(first).toMatchObject({
      day: dayName(dayNumber(day1)),
      countries: [
        {
          country: "FR",
          sms: 2,
          voice: 0,
          sent: 2,
          delivered: 1,
          verified: 1,
          conversionPercent: 50,
        },
      ],
      total: { sent: 2, verified: 1, conversionPercent: 50 },
      refused: { limits: 0, destination: 0, breaker: 0, ceiling: 0 },
    });
    expect(second).toMatchObject({
      day: dayName(dayNumber(day2)),
      countries: [{ country: "DE", sent: 1, conversionPercent: 0 }],
      refused: { destination: 1 },
    });
    expect(figures.countries.map((c) => [c.country, c.sent])).toEqual([
      ["FR", 2],
      ["DE", 1],
    ]);
  });
});

describe("what a breaker covers", () => {
  it("is given as facts the console words in its reader's language, not as an English sentence", () => {
    expect(placeOf("all")).toEqual({ kind: "all" });
    expect(placeOf("cc:DE")).toEqual({ kind: "country", country: "DE" });
    expect(placeOf("px:336123")).toEqual({ kind: "range", prefix: "336123" });
  });
});
