import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createTestUpstash,
  roundTripsOf,
  startTestUpstash,
} from "@/test/support/redis";
import { createEmbeddedLimiter } from "./embedded";
import type { Limit, Limiter } from "./types";

// Windows are aligned to the epoch and the clock is the caller's, so both limiters run on a
// fake clock: T0 is the start of an hour (and of a UTC day).
const T0 = Date.UTC(2031, 0, 1);
const MIN = 60_000;

const limit = (
  name: Limit["name"],
  max: number,
  windowSeconds = 3600,
): Limit => ({ name, id: randomUUID(), max, windowSeconds });

function describeLimiterContract(name: string, make: () => Limiter) {
  describe(`Limiter contract: ${name}`, () => {
    let limiter: Limiter;
    beforeEach(() => void (limiter = make()));

    it("allows up to the limit and refuses the next hit until the window ends", async () => {
      const phone = limit("phone", 5);
      for (let i = 0; i < 5; i++)
        expect(await limiter.consume([phone], T0 + i * MIN)).toEqual({
          ok: true,
        });
      expect(await limiter.consume([phone], T0 + 10 * MIN)).toEqual({
        ok: false,
        by: "phone",
        retryAfterSeconds: 50 * 60,
      });
      expect(await limiter.consume([phone], T0 + 60 * MIN)).toEqual({
        ok: true,
      });
    });

    it("counts nothing when any limit of the request refuses", async () => {
      const [ip, phone] = [limit("ip", 3), limit("phone", 1)];
      expect(await limiter.consume([phone, ip], T0)).toEqual({
        ok: true,
      });
      for (let i = 0; i < 4; i++)
        expect(await limiter.consume([phone, ip], T0)).toMatchObject({
          ok: false,
          by: "phone",
        });
      const other = limit("phone", 5);
      expect(await limiter.consume([other, ip], T0)).toEqual({
        ok: true,
      });
      expect(await limiter.consume([other, ip], T0)).toEqual({
        ok: true,
      });
      expect(await limiter.consume([other, ip], T0)).toMatchObject({
        ok: false,
        by: "ip",
      });
    });

    it("never lets more hits through than the limit under concurrency", async () => {
      const budget = limit("budget", 7, 86_400);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => limiter.consume([budget], T0)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(7);
    });

    it("counts nothing for a refused request, so its other limits keep their room", async () => {
      const [account, budget] = [
        limit("account", 3),
        limit("budget", 1, 86_400),
      ];
      expect(await limiter.consume([budget], T0)).toEqual({ ok: true });
      for (let i = 0; i < 5; i++)
        expect(await limiter.consume([account, budget], T0)).toMatchObject({
          ok: false,
          by: "budget",
        });
      for (let i = 0; i < 3; i++)
        expect(await limiter.consume([account], T0)).toEqual({ ok: true });
      expect(await limiter.consume([account], T0)).toMatchObject({
        ok: false,
        by: "account",
      });
    });

    it("counts all of a request's limits or none of them under concurrency", async () => {
      const [phone, ip] = [limit("phone", 5), limit("ip", 8)];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          limiter.consume(i % 2 ? [phone, ip] : [ip], T0),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(8);
      const phoneHits = results.filter((r, i) => r.ok && i % 2).length;
      // The room left on each tells how many hits it counted.
      const room = async (l: Limit) => {
        let n = 0;
        while ((await limiter.consume([l], T0)).ok) n++;
        return n;
      };
      expect(await room(phone)).toBe(5 - phoneHits);
      expect(await room(ip)).toBe(0);
    });

    it("reports the limit that refused and when its window ends", async () => {
      const [phone, day] = [
        limit("phone", 1),
        limit("budget-unverified", 1, 86_400),
      ];
      await limiter.consume([phone, day], T0);
      expect(await limiter.consume([phone, day], T0 + 15 * MIN)).toEqual({
        ok: false,
        by: "phone",
        retryAfterSeconds: 45 * 60,
      });
      expect(await limiter.consume([day], T0 + 60 * MIN)).toEqual({
        ok: false,
        by: "budget-unverified",
        retryAfterSeconds: 23 * 3600,
      });
    });
  });
}

describeLimiterContract("embedded", createEmbeddedLimiter);

describe("over the Upstash REST protocol", () => {
  let server: Awaited<ReturnType<typeof startTestUpstash>>;
  beforeAll(async () => void (server = await startTestUpstash()));
  afterAll(() => server.close());

  describeLimiterContract(
    "upstash",
    () => createTestUpstash(server, "limits").limiter,
  );

  it("checks all of a request's limits in one round trip", async () => {
    const { limiter } = createTestUpstash(server, "limits");
    await limiter.consume([limit("ip", 1)], T0); // sends the script once
    const limits = [limit("phone", 5), limit("account", 10), limit("ip", 20)];
    expect(await roundTripsOf(server, () => limiter.consume(limits, T0))).toBe(
      1,
    );
    const full = [limit("phone", 0), limit("ip", 20)];
    expect(await roundTripsOf(server, () => limiter.consume(full, T0))).toBe(1);
  });
});
