import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { countQueries, countRoundTrips } from "@/test/support/count";
import { resetTables } from "@/test/support/db";
import { codeFromSmsText } from "@/test/support/messenger";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { startTestUpstash } from "@/test/support/redis";
import { recordExact, recordFigure } from "./figures";
import { runPool } from "./pool";

// "Forgot password?" as an attacker meets it, through the real routes on the Upstash store over
// the real Redis and the real Postgres. Work a route leaves for after its reply (Next's after())
// is held here and run once the reply is measured, as Next runs it once the reply is sent.

const SECTION = "password reset";

vi.mock("next/headers", () => import("@/test/support/next-request"));
const held = vi.hoisted(() => [] as (() => unknown)[]);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => {
    held.push(task);
  },
}));
// Runs one after another, so a caller returns only once every task held before it is done, even
// one that a concurrent caller took off the list.
let draining = Promise.resolve();
function runHeld(): Promise<void> {
  draining = draining.then(async () => {
    while (held.length > 0) await held.shift()!();
  });
  return draining;
}

const redis = await startTestUpstash();
vi.stubEnv("UPSTASH_REDIS_REST_URL", redis.url);
vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", redis.token);
vi.stubEnv("TRUSTED_PROXY_HOPS", "1"); // each request names its own client address
// The day's message budget lives in the shared Redis and outlasts a run: not what this file measures.
vi.stubEnv("LIMIT_DAILY_MESSAGE_BUDGET", "1000000");
installNextHeadersForCjs();
const { POST: forgot } = await import("@/app/api/password/forgot/route");
const { POST: start } = await import("@/app/api/password/reset/start/route");
const { POST: finish } = await import("@/app/api/password/reset/route");
const { POST: verify } = await import("@/app/api/otp/verify/route");
const { closeDb, getDb } = await import("@/lib/db");
const { listOutbox } = await import("@/lib/messaging/outbox");
const { verifyPassword } = await import("@/lib/password/hash");
const { redeemSecondFactor } = await import("@/lib/auth/redeem");
const { challengeCookieName } = await import("@/lib/http/challenge-cookie");
const { createNextAuthClient, verifiedChallenge } =
  await import("@/test/support/next-auth");
const { createTestAccount } = await import("@/test/support/accounts");
const nextAuth = createNextAuthClient(
  await import("@/app/api/auth/[...nextauth]/route"),
);

beforeAll(() => resetTables());
afterAll(async () => {
  await closeDb(await getDb());
  await redis.close();
  vi.unstubAllEnvs();
});

// Limits outlive a run (Redis): every run gets addresses, numbers and client addresses of its own.
const RUN = randomInt(0x10000);
let requests = 0;
/** A client address of its own per request: IPv6, each in its own /64. */
const nextIp = () =>
  `2001:db8:${RUN.toString(16)}:${(requests++).toString(16)}::1`;
async function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) {
  const response = await handler(jsonRequest(path, body, { ip: nextIp() }));
  return { status: response.status, text: await response.text() };
}

type Person = { id: string; email: string; phone: string };
let people = 0;
/** An account with a verified phone; its address verified unless told otherwise. */
async function account(verified = true): Promise<Person> {
  const n = people++;
  const phone = `+3362${String((RUN * 1000 + n) % 1e7).padStart(7, "0")}`;
  const email = `figures.reset.${RUN}.${n}@example.com`;
  return createTestAccount({ email, phone, emailVerified: verified });
}

const tokenFor = (email: string) =>
  listOutbox(email)
    .find((e) => e.text.includes("/reset-password#token="))!
    .text.match(/#token=([\w-]{43})/)![1]!;

async function linkFor(email: string) {
  await post(forgot, "/api/password/forgot", { email });
  await runHeld();
  return tokenFor(email);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

describe("password reset", () => {
  it("answers every address the same, in about the same time, and emails only verified ones", async () => {
    const ROUNDS = 201;
    const known: Person[] = [];
    const unverified: Person[] = [];
    for (let i = 0; i < ROUNDS; i++) known.push(await account());
    for (let i = 0; i < ROUNDS / 3; i++) unverified.push(await account(false));
    const answers = new Set<string>();
    const queries = countQueries();
    const trips = countRoundTrips(redis.url);
    const work = { known: new Set<string>(), unknown: new Set<string>() };
    const ask = async (email: string, kind?: keyof typeof work) => {
      const [q, r] = [queries.count, trips.count];
      const t0 = performance.now();
      const { status, text } = await post(forgot, "/api/password/forgot", {
        email,
      });
      const ms = performance.now() - t0;
      work[kind ?? "unknown"].add(
        `${queries.count - q} SQL + ${trips.count - r} store`,
      );
      answers.add(`${status} ${text}`);
      await runHeld(); // after the reply, as Next does
      return ms;
    };
    for (let i = 0; i < 20; i++) await ask(`warm.up.${RUN}.${i}@example.com`);
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      const pair = [
        async () => times.known.push(await ask(known[i]!.email, "known")),
        async () =>
          times.unknown.push(
            await ask(`nobody.${i}.${randomInt(1e9)}@example.com`),
          ),
      ];
      if (i % 2) pair.reverse();
      for (const run of pair) await run();
      if (i % 3 === 0) await ask(unverified[i / 3]!.email, "known");
    }
    queries.stop();
    trips.stop();
    const [k, u] = [median(times.known), median(times.unknown)];
    const sameWork = [...work.known].join() === [...work.unknown].join();
    const close = Math.abs(k - u) <= Math.max(0.75, 0.2 * u);
    const emailed = known.filter(
      (p) => listOutbox(p.email).length === 1,
    ).length;
    const strays = [...unverified.map((p) => p.email)].filter(
      (e) => listOutbox(e).length > 0,
    ).length;
    recordExact(
      SECTION,
      `distinct answers to ${ROUNDS} known, ${ROUNDS} unknown and ${ROUNDS / 3} unverified addresses`,
      answers.size,
      1,
    );
    recordFigure({
      section: SECTION,
      figure:
        "work per reply (SQL statements, store round trips), address with an account vs without",
      value: `${[...work.known].join(" / ")} vs ${[...work.unknown].join(" / ")}`,
      expected: "the same",
      ok: sameWork,
    });
    recordFigure({
      section: SECTION,
      figure: `median reply, known vs unknown address (${ROUNDS} each, interleaved)`,
      value: `${k.toFixed(2)} ms vs ${u.toFixed(2)} ms`,
      expected: "within 20 % (or 0.75 ms)",
      ok: close,
    });
    recordExact(
      SECTION,
      "reset links emailed to known verified addresses",
      emailed,
      ROUNDS,
    );
    recordExact(
      SECTION,
      "emails to unknown or unverified addresses",
      strays,
      0,
    );
    expect(answers.size).toBe(1);
    expect(sameWork).toBe(true);
    expect(close).toBe(true);
    expect(emailed).toBe(ROUNDS);
    expect(strays).toBe(0);
  });

  it("accepts each link once, however many uses arrive at once, and no expired link", async () => {
    const TRIALS = 50;
    const PARALLEL = 20;
    const owners: Person[] = [];
    for (let i = 0; i < TRIALS; i++) owners.push(await account());
    const accepted = await runPool(TRIALS, 4, async (i) => {
      const token = await linkFor(owners[i]!.email);
      const uses = await Promise.all(
        Array.from({ length: PARALLEL }, () =>
          post(start, "/api/password/reset/start", { token }),
        ),
      );
      const late = await post(start, "/api/password/reset/start", { token });
      return (
        uses.filter((r) => r.status === 200).length +
        (late.status === 200 ? 1 : 0)
      );
    });
    const total = accepted.reduce((a, b) => a + b, 0);
    const codes = owners.filter((p) => listOutbox(p.phone).length === 1).length;

    const expired = [];
    for (let i = 0; i < 20; i++)
      expired.push(await linkFor((await account()).email));
    await (
      await getDb()
    ).emailLink.updateMany({
      where: { usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    let expiredAccepted = 0;
    for (const token of expired)
      if (
        (await post(start, "/api/password/reset/start", { token })).status ===
        200
      )
        expiredAccepted++;

    recordExact(
      SECTION,
      `link uses accepted (${TRIALS} links × ${PARALLEL} at once, then 1 more)`,
      total,
      TRIALS,
    );
    recordExact(SECTION, "reset link replays accepted", total - TRIALS, 0);
    recordExact(
      SECTION,
      "code steps started (one text per link)",
      codes,
      TRIALS,
    );
    recordExact(
      SECTION,
      "expired reset links accepted (of 20)",
      expiredAccepted,
      0,
    );
    expect(accepted).toEqual(Array(TRIALS).fill(1));
    expect(expiredAccepted).toBe(0);
  });

  it("never changes a password or opens a session without the account's second factor", async () => {
    const ATTEMPTS = 20;
    const NEW = "attacker chose this passphrase";
    let changed = 0;
    let sessions = 0;
    for (let i = 0; i < ATTEMPTS; i++) {
      const victim = await account();
      cookieJar.clear();
      const token = await linkFor(victim.email);
      expect(
        (await post(start, "/api/password/reset/start", { token })).status,
      ).toBe(200);
      const id = cookieJar.get(challengeCookieName())!;
      const real = codeFromSmsText(listOutbox(victim.phone)[0]!.text);
      // Skip the code; then guess until the step is dead; then try the phone's own code.
      await post(finish, "/api/password/reset", { password: NEW });
      for (let g = 0; g < 5; g++) {
        const guess = String((Number(real) + 1 + g) % 1e6).padStart(6, "0");
        await post(verify, "/api/otp/verify", { code: guess });
        await post(finish, "/api/password/reset", { password: NEW });
      }
      await post(verify, "/api/otp/verify", { code: real });
      await post(finish, "/api/password/reset", { password: NEW });
      if (await redeemSecondFactor(`${challengeCookieName()}=${id}`))
        sessions++;
      const user = await (
        await getDb()
      ).user.findUniqueOrThrow({ where: { id: victim.id } });
      if (await verifyPassword(user.passwordHash, NEW)) changed++;
    }
    // With the code, a reset's challenge still never becomes a session: only a new password.
    const owner = await account();
    cookieJar.clear();
    const token = await linkFor(owner.email);
    await post(start, "/api/password/reset/start", { token });
    await post(verify, "/api/otp/verify", {
      code: codeFromSmsText(listOutbox(owner.phone)[0]!.text),
    });
    const ownerId = cookieJar.get(challengeCookieName())!;
    const signIn = await nextAuth.signIn(ownerId);
    if (signIn.cookie) sessions++;

    recordExact(
      SECTION,
      `passwords reset with the link but not the code (of ${ATTEMPTS})`,
      changed,
      0,
    );
    recordExact(SECTION, "sessions opened by a reset's code step", sessions, 0);
    expect(changed).toBe(0);
    expect(sessions).toBe(0);
  });

  it("ends every session of the account once the new password is set", async () => {
    const PEOPLE = 5;
    let alive = 0;
    let total = 0;
    for (let i = 0; i < PEOPLE; i++) {
      const person = await account();
      const cookies = [];
      for (let d = 0; d < 2; d++) {
        const { cookie } = await nextAuth.signIn(
          await verifiedChallenge(person.id, person.phone),
        );
        cookies.push(cookie!);
      }
      cookieJar.clear();
      const token = await linkFor(person.email);
      await post(start, "/api/password/reset/start", { token });
      await post(verify, "/api/otp/verify", {
        code: codeFromSmsText(listOutbox(person.phone)[0]!.text),
      });
      expect(
        (
          await post(finish, "/api/password/reset", {
            password: "a fresh passphrase 77",
          })
        ).status,
      ).toBe(200);
      await runHeld();
      for (const cookie of cookies) {
        total++;
        if ((await nextAuth.session(cookie)).user?.id) alive++;
      }
    }
    recordExact(
      SECTION,
      `sessions still accepted after a reset (of ${total})`,
      alive,
      0,
    );
    expect(alive).toBe(0);
  });
});
