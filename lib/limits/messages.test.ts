import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestUpstash, startTestUpstash } from "@/test/support/redis";
import type { UpstashRestServer } from "@/test/support/upstash-rest-server";
import { createEmbeddedLimiter } from "./embedded";
import {
  breakerScopes,
  dayName,
  dayNumber,
  type BreakerSettings,
  type SendFacts,
} from "./messages";
import type { Limit, Limiter } from "./types";

// The breakers, the hourly ceiling and the figures, held to one contract on both limiters, on a
// fake clock: T0 starts a UTC day (and so an hour and a ten-minute slot), in the future so the
// figures' absolute expiries keep them in Redis while the test reads them.
const DAY = 86_400_000;
const T0 = (dayNumber(Date.now()) + 2) * DAY;
const MIN = 60_000;

const SETTINGS: BreakerSettings = {
  minSends: 5,
  maxConversionPercent: 20,
  pauseMs: 60 * MIN,
  ceiling: 1000,
};

const FR = "+33612345678";
const FR_OTHER_RANGE = "+33698765432";
const GB = "+447700900123";

function toUnproven(
  phone: string,
  country: string,
  over: Partial<SendFacts> = {},
): SendFacts {
  return {
    country,
    channel: "sms",
    scopes: breakerScopes(phone, country),
    breaker: SETTINGS,
    ...over,
  };
}

const roomy = (): Limit => ({
  name: "ip",
  id: randomUUID(),
  max: 1000,
  windowSeconds: 3600,
});

function describeMessagesContract(name: string, make: () => Limiter) {
  describe(`Breakers and figures: ${name}`, () => {
    let limiter: Limiter;
    beforeEach(() => void (limiter = make()));

    const send = (facts: SendFacts, at: number, limits = [roomy()]) =>
      limiter.consumeSend(limits, facts, at);
    const verify = (phone: string, country: string, at: number) =>
      limiter.messages.count(
        { kind: "verified", country, scopes: breakerScopes(phone, country) },
        at,
      );

    it("pauses a number range once its hour reaches the minimum of sends with too few verified, telling only the send that tripped it", async () => {
      const fr = toUnproven(FR, "FR");
      for (let i = 0; i < 5; i++)
        expect(await send(fr, T0 + i * MIN)).toEqual({ ok: true });
      const tripped = await send(fr, T0 + 5 * MIN);
      expect(tripped).toEqual({
        ok: false,
        by: "breaker",
        retryAfterSeconds: 3600,
        tripped: {
          scope: "cc:FR",
          until: T0 + 65 * MIN,
          trippedAt: T0 + 5 * MIN,
          sends: 5,
          verified: 0,
        },
      });
      expect(await send(fr, T0 + 6 * MIN)).toMatchObject({
        ok: false,
        by: "breaker",
        retryAfterSeconds: 59 * 60,
        tripped: null,
      });
      // Another country is not held back.
      expect(await send(toUnproven(GB, "GB"), T0 + 6 * MIN)).toEqual({
        ok: true,
      });
      // A sign-in's send to the account's proven phone meets no breaker but the ceiling.
      const proven = { ...fr, scopes: [] };
      expect(await send(proven, T0 + 6 * MIN)).toEqual({ ok: true });
      const { trips } = await limiter.messages.read(T0 + 6 * MIN);
      expect(trips.map((t) => t.scope)).toEqual(["cc:FR"]);
    });

    it("judges a range on its own, so a wave in one range leaves the rest of the country alone", async () => {
      const wave = toUnproven(FR, "FR", {
        breaker: { ...SETTINGS, minSends: 3 },
      });
      // The country also has people entering their codes in other ranges.
      const people = toUnproven(FR_OTHER_RANGE, "FR", {
        breaker: wave.breaker,
      });
      for (let i = 0; i < 6; i++) {
        expect(await send(people, T0 + i * MIN)).toEqual({ ok: true });
        await verify(FR_OTHER_RANGE, "FR", T0 + i * MIN);
      }
      for (let i = 0; i < 3; i++)
        expect(await send(wave, T0 + 10 * MIN)).toEqual({ ok: true });
      expect(await send(wave, T0 + 11 * MIN)).toMatchObject({
        by: "breaker",
        tripped: { scope: `px:${FR.slice(1, 7)}`, sends: 3, verified: 0 },
      });
      expect(await send(people, T0 + 11 * MIN)).toEqual({ ok: true });
    });

    it("lets a destination whose codes are entered go on, however many it gets", async () => {
      const fr = toUnproven(FR, "FR");
      for (let i = 0; i < 30; i++) {
        expect(await send(fr, T0 + i * 10_000)).toEqual({ ok: true });
        if (i % 2 === 0) await verify(FR, "FR", T0 + i * 10_000);
      }
    });

    it("counts only the last hour: sends an hour old no longer weigh", async () => {
      const fr = toUnproven(FR, "FR");
      for (let i = 0; i < 5; i++)
        expect(await send(fr, T0 + i * MIN)).toEqual({ ok: true });
      expect(await send(fr, T0 + 70 * MIN)).toEqual({ ok: true });
    });

    it("judges a fresh hour once a pause ends, and when an operator lifts or extends it", async () => {
      const fr = toUnproven(FR, "FR");
      for (let i = 0; i <= 5; i++) await send(fr, T0 + i * MIN);
      const extended = await limiter.messages.setTrip(
        "cc:FR",
        T0 + 120 * MIN,
        T0 + 10 * MIN,
      );
      expect(extended).toMatchObject({ scope: "cc:FR", until: T0 + 120 * MIN });
      expect(await send(fr, T0 + 90 * MIN)).toMatchObject({
        by: "breaker",
        retryAfterSeconds: 30 * 60,
      });
      expect(
        await limiter.messages.setTrip("cc:FR", null, T0 + 91 * MIN),
      ).toMatchObject({ scope: "cc:FR", sends: 5, verified: 0 });
      // The hour that tripped it is forgotten: five more go before it is judged again.
      for (let i = 0; i < 5; i++)
        expect(await send(fr, T0 + 92 * MIN)).toEqual({ ok: true });
      expect(await send(fr, T0 + 93 * MIN)).toMatchObject({
        by: "breaker",
        tripped: { scope: "cc:FR" },
      });
      // Nothing in force: nothing to lift or extend.
      expect(
        await limiter.messages.setTrip("cc:GB", null, T0 + 93 * MIN),
      ).toBeNull();
    });

    it("pauses every send at the hourly ceiling, proven numbers too, and tells the operator once", async () => {
      const ceiling = { ...SETTINGS, ceiling: 4, minSends: 1000 };
      const proven = (phone: string, country: string): SendFacts => ({
        country,
        channel: "voice",
        scopes: [],
        breaker: ceiling,
      });
      for (let i = 0; i < 4; i++)
        expect(await send(proven(GB, "GB"), T0 + i * MIN)).toEqual({
          ok: true,
        });
      expect(await send(proven(FR, "FR"), T0 + 5 * MIN)).toMatchObject({
        ok: false,
        by: "ceiling",
        tripped: { scope: "all", sends: 4 },
      });
      expect(
        await send(toUnproven(FR, "FR", { breaker: ceiling }), T0 + 6 * MIN),
      ).toMatchObject({ by: "ceiling", tripped: null });
      expect(await send(proven(FR, "FR"), T0 + 66 * MIN)).toEqual({
        ok: true,
      });
    });

    it("counts nothing for a send its limits refuse, and says which limit", async () => {
      const one: Limit = { ...roomy(), name: "phone", max: 1 };
      const fr = toUnproven(FR, "FR");
      expect(await send(fr, T0, [one])).toEqual({ ok: true });
      for (let i = 0; i < 10; i++)
        expect(await send(fr, T0, [one])).toMatchObject({
          ok: false,
          by: "phone",
        });
      // Only the one send weighs in the hour: four more go before the breaker judges.
      for (let i = 0; i < 4; i++)
        expect(await send(fr, T0 + MIN)).toEqual({ ok: true });
      const { days } = await limiter.messages.read(T0 + MIN);
      expect(days.at(-1)).toMatchObject({
        countries: { FR: { sms: 5, voice: 0, delivered: 0, verified: 0 } },
        refused: { limits: 10, destination: 0, breaker: 0, ceiling: 0 },
      });
    });

    it("keeps the figures per country and per UTC day for seven days, with refusals by reason", async () => {
      const fr = toUnproven(FR, "FR");
      await send(fr, T0);
      await send({ ...fr, channel: "voice" }, T0 + MIN);
      await send(toUnproven(GB, "GB"), T0 + 2 * MIN);
      await limiter.messages.count({ kind: "delivered", country: "FR" }, T0);
      await verify(FR, "FR", T0 + 3 * MIN);
      await limiter.messages.count(
        { kind: "refused", reason: "destination" },
        T0,
      );
      await send(fr, T0 + DAY + MIN);

      const week = await limiter.messages.read(T0 + DAY + 2 * MIN);
      expect(week.days.map((d) => d.day)).toEqual(
        Array.from({ length: 7 }, (_, i) => dayName(dayNumber(T0) - 5 + i)),
      );
      expect(week.days.at(-2)).toEqual({
        day: dayName(dayNumber(T0)),
        countries: {
          FR: { sms: 1, voice: 1, delivered: 1, verified: 1 },
          GB: { sms: 1, voice: 0, delivered: 0, verified: 0 },
        },
        refused: { limits: 0, destination: 1, breaker: 0, ceiling: 0 },
      });
      expect(week.days.at(-1)?.countries).toEqual({
        FR: { sms: 1, voice: 0, delivered: 0, verified: 0 },
      });
      // Seven days on, T0's day has left the week.
      const later = await limiter.messages.read(T0 + 7 * DAY);
      expect(later.days.map((d) => d.day)).not.toContain(
        dayName(dayNumber(T0)),
      );
      expect(later.days.at(-7)?.countries).toEqual({
        FR: { sms: 1, voice: 0, delivered: 0, verified: 0 },
      });
    });
  });
}

describeMessagesContract("embedded", () => createEmbeddedLimiter());

let server: UpstashRestServer;
beforeAll(async () => void (server = await startTestUpstash()));
afterAll(() => server.close());
describeMessagesContract(
  "upstash",
  () => createTestUpstash(server, "messages").limiter,
);
