import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeTestPrefix, startTestUpstash } from "@/test/support/redis";
import { createEmbeddedLimiter } from "./embedded";
import type { Limit, Limiter } from "./types";
import { createUpstashLimiter } from "./upstash";

// Windows are aligned to the epoch and the clock is the caller's, so both limiters run on a
// fake clock: T0 is the start of an hour (and of a UTC day).
const T0 = Date.UTC(2031, 0, 1);
const MIN = 60_000;
const LOCKOUT = {
  after: 3,
  ladderSeconds: [60, 300, 900, 3600],
  memorySeconds: 86_400,
};

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
        expect(await limiter.consume([phone], null, T0 + i * MIN)).toEqual({
          ok: true,
        });
      expect(await limiter.consume([phone], null, T0 + 10 * MIN)).toEqual({
        ok: false,
        by: "phone",
        retryAfterSeconds: 50 * 60,
      });
      expect(await limiter.consume([phone], null, T0 + 60 * MIN)).toEqual({
        ok: true,
      });
    });

    it("counts nothing when any limit of the request refuses", async () => {
      const [ip, phone] = [limit("ip", 3), limit("phone", 1)];
      expect(await limiter.consume([phone, ip], null, T0)).toEqual({
        ok: true,
      });
      for (let i = 0; i < 4; i++)
        expect(await limiter.consume([phone, ip], null, T0)).toMatchObject({
          ok: false,
          by: "phone",
        });
      const other = limit("phone", 5);
      expect(await limiter.consume([other, ip], null, T0)).toEqual({
        ok: true,
      });
      expect(await limiter.consume([other, ip], null, T0)).toEqual({
        ok: true,
      });
      expect(await limiter.consume([other, ip], null, T0)).toMatchObject({
        ok: false,
        by: "ip",
      });
    });

    it("never lets more hits through than the limit under concurrency", async () => {
      const budget = limit("budget", 7, 86_400);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => limiter.consume([budget], null, T0)),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(7);
    });

    it("locks an account after the third failed challenge for 1, 5, 15, then 60 minutes", async () => {
      const account = randomUUID();
      const fail = (now: number) =>
        limiter.recordFailure(account, randomUUID(), LOCKOUT, now);
      const send = (now: number) =>
        limiter.consume([limit("account", 10)], account, now);
      expect(await fail(T0)).toEqual({ failures: 1, lockedForSeconds: 0 });
      expect(await fail(T0)).toEqual({ failures: 2, lockedForSeconds: 0 });
      expect(await send(T0)).toEqual({ ok: true });
      let now = T0;
      for (const [i, minutes] of [1, 5, 15, 60, 60].entries()) {
        expect(await fail(now)).toEqual({
          failures: 3 + i,
          lockedForSeconds: minutes * 60,
        });
        expect(await send(now + 1000)).toEqual({
          ok: false,
          by: "lockout",
          retryAfterSeconds: minutes * 60 - 1,
        });
        now += minutes * MIN;
        expect(await send(now)).toEqual({ ok: true });
      }
    });

    it("counts a failed challenge once, however often it is reported", async () => {
      const [account, challenge] = [randomUUID(), randomUUID()];
      for (let i = 0; i < 5; i++)
        expect(
          await limiter.recordFailure(account, challenge, LOCKOUT, T0),
        ).toEqual({ failures: 1, lockedForSeconds: 0 });
    });

    it("checks all of a request's limits, or records a failure, in one round trip", async () => {
      await limiter.consume([limit("ip", 1)], null, T0); // loads the script
      await limiter.recordFailure(randomUUID(), randomUUID(), LOCKOUT, T0);
      const before = limiter.roundTrips();
      const limits = [limit("phone", 5), limit("account", 10), limit("ip", 20)];
      await limiter.consume(limits, randomUUID(), T0);
      await limiter.recordFailure(randomUUID(), randomUUID(), LOCKOUT, T0);
      expect(limiter.roundTrips() - before).toBe(2);
    });
  });
}

describeLimiterContract("embedded", createEmbeddedLimiter);

describe("over the Upstash REST protocol", () => {
  let server: Awaited<ReturnType<typeof startTestUpstash>>;
  beforeAll(async () => void (server = await startTestUpstash()));
  afterAll(() => server.close());

  describeLimiterContract("upstash", () =>
    createUpstashLimiter({
      url: server.url,
      token: server.token,
      prefix: makeTestPrefix("limits"),
    }),
  );
});
