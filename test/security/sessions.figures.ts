import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { resetTables } from "@/test/support/db";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";
import { startTestUpstash } from "@/test/support/redis";
import { recordExact } from "./figures";

// Sessions as an attacker meets them: a cookie copied before "Sign out", and a cookie kept alive
// past the lifetimes. Through next-auth's real route, on the Upstash store over the real Redis.

const SECTION = "sessions";
const MINUTE = 60_000;

const redis = await startTestUpstash();
vi.stubEnv("UPSTASH_REDIS_REST_URL", redis.url);
vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", redis.token);
installNextHeadersForCjs();
const { createTestAccount } = await import("@/test/support/accounts");
const { closeDb, getDb } = await import("@/lib/db");
const { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } =
  await import("@/lib/sessions/policy");
const { createNextAuthClient, verifiedChallenge } =
  await import("@/test/support/next-auth");
const nextAuth = createNextAuthClient(
  await import("@/app/api/auth/[...nextauth]/route"),
);

afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await closeDb(await getDb());
  await redis.close();
  vi.unstubAllEnvs();
});

let phones = 0;
/** A new account, signed in through the code step: its session cookie. */
async function signedIn() {
  const phone = `+1415555${String(190 + phones++).padStart(4, "0")}`;
  const account = await createTestAccount({
    email: `${phone.slice(1)}@example.com`,
    phone,
  });
  const { cookie } = await nextAuth.signIn(
    await verifiedChallenge(account.id, phone),
  );
  if (!cookie) throw new Error("sign-in refused");
  return cookie;
}

const answer = async (cookie: string) =>
  (await nextAuth.session(cookie)).user?.id ? "accepted" : "refused";

describe("sessions", () => {
  it("a session cookie replayed after sign-out is refused", async () => {
    await resetTables();
    const cookie = await signedIn();
    const before = await answer(cookie);
    await nextAuth.signOut(cookie);
    const replayed = await answer(cookie);
    recordExact(
      SECTION,
      "session cookie replayed after sign-out",
      `before: ${before}, after: ${replayed}`,
      "before: accepted, after: refused",
    );
    expect(replayed).toBe("refused");
  });

  it("a session past 12 h from sign-in or 1 h idle is refused", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    const busy = await signedIn();
    const idle = await signedIn();
    const seen: string[] = [];
    for (
      let t = 30 * MINUTE;
      t < SESSION_ABSOLUTE_SECONDS * 1000;
      t += 30 * MINUTE
    ) {
      vi.setSystemTime(start + t);
      seen.push(await answer(busy));
    }
    vi.setSystemTime(start + SESSION_ABSOLUTE_SECONDS * 1000);
    const absolute = await answer(busy);
    const busyValue = `every 30 min: ${[...new Set(seen)].join("/")}; at 12 h: ${absolute}`;
    recordExact(
      SECTION,
      "session past 12 h absolute (used every 30 min)",
      busyValue,
      "every 30 min: accepted; at 12 h: refused",
    );
    // `idle` was never used after sign-in: refused at 1 h although its absolute time is not up.
    vi.setSystemTime(start + SESSION_IDLE_SECONDS * 1000);
    const third = await signedIn();
    vi.setSystemTime(start + SESSION_IDLE_SECONDS * 1000 + 1);
    const idleValue = `${await answer(idle)} (a session started then: ${await answer(third)})`;
    recordExact(
      SECTION,
      "session past 1 h idle",
      idleValue,
      "refused (a session started then: accepted)",
    );
    expect([busyValue, idleValue]).toEqual([
      "every 30 min: accepted; at 12 h: refused",
      "refused (a session started then: accepted)",
    ]);
  });

  it("a session check costs one store round trip", async () => {
    const cookie = await signedIn();
    await answer(cookie); // the check script is sent whole once, then by its hash
    const before = redis.requests();
    await answer(cookie);
    const trips = redis.requests() - before;
    recordExact(SECTION, "store round trips per session check", trips, 1);
    expect(trips).toBe(1);
  });
});
