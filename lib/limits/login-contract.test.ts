import { randomUUID } from "node:crypto";
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { createUpstashRedis } from "@/lib/redis/client";
import { makeTestPrefix, startTestUpstash } from "@/test/support/redis";
import { createEmbeddedLimiter } from "./embedded";
import { createEmbeddedLoginLimiter } from "./login-embedded";
import { createUpstashLoginLimiter } from "./login-upstash";
import type { Limit, LoginLimiter } from "./types";

// Both login limiters read Date.now() (as @upstash/ratelimit does), so only Date is faked:
// T0 starts a 15-minute window.
const T0 = Date.UTC(2031, 0, 1);
const MIN = 60_000;
const WINDOW = 900;

const account = (max: number, id: string = randomUUID()): Limit => ({
  name: "login-account",
  id,
  max,
  windowSeconds: WINDOW,
});
const address = (max: number, id: string = randomUUID()): Limit => ({
  name: "login-ip",
  id,
  max,
  windowSeconds: WINDOW,
});
const at = (ms: number) => vi.setSystemTime(ms);

function describeLoginContract(name: string, make: () => LoginLimiter) {
  describe(`Login limits: ${name}`, () => {
    let limiter: LoginLimiter;
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ["Date"], now: T0 });
      limiter = make();
    });
    afterEach(() => vi.useRealTimers());

    it("refuses the attempt past the limit until the window ends, saying when to retry", async () => {
      const email = account(3);
      for (let i = 0; i < 3; i++) {
        at(T0 + i * MIN);
        expect(await limiter.limit([email])).toEqual({ ok: true });
      }
      at(T0 + 10 * MIN);
      expect(await limiter.limit([email])).toEqual({
        ok: false,
        by: "login-account",
        retryAfterSeconds: 5 * 60,
      });
      at(T0 + 15 * MIN);
      expect(await limiter.limit([email])).toEqual({ ok: true });
    });

    it("counts each email on its own", async () => {
      const [full, other] = [account(2), account(2)];
      for (let i = 0; i < 2; i++) await limiter.limit([full]);
      expect(await limiter.limit([full])).toMatchObject({ ok: false });
      expect(await limiter.limit([other])).toEqual({ ok: true });
      expect(await limiter.limit([full])).toMatchObject({ ok: false });
    });

    it("caps attempts per address, across emails", async () => {
      const ip = address(3).id;
      for (let i = 0; i < 3; i++)
        expect(await limiter.limit([account(10), address(3, ip)])).toEqual({
          ok: true,
        });
      expect(await limiter.limit([account(10), address(3, ip)])).toEqual({
        ok: false,
        by: "login-ip",
        retryAfterSeconds: WINDOW,
      });
    });

    it("counts an attempt its email's limit refuses against its address", async () => {
      const [email, ip] = [account(1), address(3).id];
      expect(await limiter.limit([email, address(3, ip)])).toEqual({
        ok: true,
      });
      for (let i = 0; i < 2; i++)
        expect(await limiter.limit([email, address(3, ip)])).toMatchObject({
          ok: false,
          by: "login-account",
        });
      expect(await limiter.limit([account(1), address(3, ip)])).toMatchObject({
        ok: false,
        by: "login-ip",
      });
    });

    it("never lets more attempts through than the limit under concurrency", async () => {
      const email = account(7);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => limiter.limit([email])),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(7);
    });
  });
}

describeLoginContract("embedded", () =>
  createEmbeddedLoginLimiter(createEmbeddedLimiter()),
);

describe("over the Upstash REST protocol, with @upstash/ratelimit", () => {
  let server: Awaited<ReturnType<typeof startTestUpstash>>;
  beforeAll(async () => void (server = await startTestUpstash()));
  afterAll(() => server.close());
  const make = () =>
    createUpstashLoginLimiter(
      createUpstashRedis({ url: server.url, token: server.token }),
      makeTestPrefix("login"),
    );

  describeLoginContract("upstash", make);

  it("checks an email and an address in one HTTP request once its script is cached", async () => {
    const limiter = make();
    const attempt = () => limiter.limit([account(10), address(50)]);
    let before = server.requests();
    await attempt(); // a new client: EVALSHA may miss once, then EVAL
    expect(server.requests() - before).toBeLessThanOrEqual(2);
    before = server.requests();
    for (let i = 0; i < 5; i++) await attempt();
    expect(server.requests() - before).toBe(5);
  });
});
