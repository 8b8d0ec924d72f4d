import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  signSmsRequest,
  signVoiceRequest,
} from "@/lib/messaging/plivo-signature";
import type { ChallengeStore } from "@/lib/store/types";
import { startChallengeWithCode } from "@/test/support/messenger";
import { streamedRequest } from "@/test/support/next-request";
import { startTestUpstash } from "@/test/support/redis";
import { recordExact } from "./figures";
import { runPool } from "./pool";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// The smaller holes of the review, each attacked: huge bodies, a replayed call answer URL, late
// delivery reports. The app runs on the Upstash store over real Redis with a public https APP_URL
// and Plivo's signatures checked. The challenge cookie on https is app/api/challenge-cookie.test.ts,
// which records its row in this section.

const SECTION = "bodies, calls, callbacks, cookie";
const APP_URL = "https://twostep.example";
const INTERNAL = "http://127.0.0.1:3000";
const TOKEN = "holes-plivo-auth-token";
const CAP = 8 * 1024;
const CHUNK = 1024;
const N = 50;

type Handler = (r: Request) => Promise<Response>;
let server: Awaited<ReturnType<typeof startTestUpstash>>;
let app: {
  routes: Record<string, Handler>;
  store: ChallengeStore;
};

beforeAll(async () => {
  server = await startTestUpstash();
  const env = {
    APP_URL,
    MESSAGING: "outbox",
    PLIVO_AUTH_ID: "MAHOLESHOLESHOLES000",
    PLIVO_AUTH_TOKEN: TOKEN,
    PLIVO_FROM_NUMBER: "+14155550100",
    UPSTASH_REDIS_REST_URL: server.url,
    UPSTASH_REDIS_REST_TOKEN: server.token,
    // This Redis outlives the run: its own address, limits not measured here raised.
    TRUSTED_PROXY_HOPS: "1",
    LIMIT_DAILY_MESSAGE_BUDGET: "1000000",
  };
  for (const [key, value] of Object.entries(env)) vi.stubEnv(key, value);
  vi.resetModules();
  app = {
    routes: {
      "/api/signup": (await import("@/app/api/signup/route")).POST,
      "/api/login": (await import("@/app/api/login/route")).POST,
      "/api/otp/send": (await import("@/app/api/otp/send/route")).POST,
      "/api/otp/verify": (await import("@/app/api/otp/verify/route")).POST,
      "/api/voice/answer": (await import("@/app/api/voice/answer/route")).POST,
      "/api/plivo/sms-status": (
        await import("@/app/api/plivo/sms-status/[ref]/route")
      ).POST,
    },
    store: (await import("@/lib/store")).getChallengeStore(),
  };
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

const nonce = () => String(randomInt(1e9, 1e10)) + String(randomInt(1e9, 1e10));

function voiceHeaders(path: string, form: Record<string, string>) {
  const n = nonce();
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-plivo-signature-v3-nonce": n,
    "x-plivo-signature-v3": signVoiceRequest({
      method: "POST",
      url: `${APP_URL}${path}`,
      nonce: n,
      params: form,
      authToken: TOKEN,
    }),
  };
}

function smsHeaders(path: string) {
  const n = nonce();
  return {
    "content-type": "application/x-www-form-urlencoded",
    "x-plivo-signature-v2-nonce": n,
    "x-plivo-signature-v2": signSmsRequest({
      url: `${APP_URL}${path}`,
      nonce: n,
      authToken: TOKEN,
    }),
  };
}

const FORM = { CallUUID: "c0ffee", From: "+14155550100", To: "+14155550134" };

/** Plivo's fetch of an answer URL, signed as Plivo signs it; what the call says. */
async function answer(path: string) {
  const res = await app.routes["/api/voice/answer"]!(
    new Request(`${INTERNAL}${path}`, {
      method: "POST",
      headers: voiceHeaders(path, FORM),
      body: new URLSearchParams(FORM).toString(),
    }),
  );
  return (await res.text()).match(/<Speak[^>]*>([^<]*)</)?.[1] ?? "";
}

describe("the smaller holes", () => {
  it("reads no byte of a body that declares over 8 KiB, and none past the chunk that crosses the cap", async () => {
    const call = await startChallengeWithCode(app.store, {
      phone: "+14155550134",
      channel: "voice",
      appUrl: APP_URL,
      provider: "plivo",
    });
    const answerPath = call.messenger.calls[0]!.answerUrl.slice(APP_URL.length);
    const text = await startChallengeWithCode(app.store, {
      phone: "+14155550135",
      appUrl: APP_URL,
      provider: "plivo",
    });
    const statusPath = text.messenger.sms[0]!.statusUrl!.slice(APP_URL.length);
    const targets: [string, string, Record<string, string>][] = [
      ...["/api/signup", "/api/login", "/api/otp/send", "/api/otp/verify"].map(
        (p): [string, string, Record<string, string>] => [
          p,
          p,
          { "content-type": "application/json" },
        ],
      ),
      ["/api/voice/answer", answerPath, voiceHeaders(answerPath, FORM)],
      ["/api/plivo/sms-status", statusPath, smsHeaders(statusPath)],
    ];
    let declaredRead = 0;
    let pastCrossing = 0;
    let statuses = new Set<number>();
    for (const [route, path, headers] of targets) {
      for (const declared of [true, false]) {
        const { request, reads } = streamedRequest(`${INTERNAL}${path}`, {
          bytes: 1024 * 1024,
          chunk: CHUNK,
          contentLength: declared ? 1024 * 1024 : undefined,
          headers,
          fill: " ",
        });
        statuses.add((await app.routes[route]!(request)).status);
        if (declared) declaredRead += reads.bytes;
        else pastCrossing = Math.max(pastCrossing, reads.bytes - CAP - CHUNK);
      }
    }
    // Neither callback acted on the oversized posts: the call still speaks, the text is still queued.
    const spoken = await answer(answerPath);
    const delivery = (await app.store.getChallenge(text.id))!.delivery;
    recordExact(
      SECTION,
      `1 MiB bodies declaring their length (${targets.length} routes): bytes read`,
      declaredRead,
      0,
    );
    recordExact(
      SECTION,
      `1 MiB bodies streamed in 1 KiB chunks (${targets.length} routes): oversized bodies read past the cap (after the crossing chunk)`,
      Math.max(pastCrossing, 0),
      0,
    );
    statuses = new Set([...statuses].filter((s) => s >= 500));
    recordExact(SECTION, "…answers with 5xx", statuses.size, 0);
    recordExact(
      SECTION,
      "…the call and the text afterwards",
      `${/\d\. \d/.test(spoken) ? "code spoken" : spoken}, ${delivery}`,
      "code spoken, queued",
    );
    expect(declaredRead).toBe(0);
    expect(pastCrossing).toBeLessThanOrEqual(0);
    expect(statuses.size).toBe(0);
    expect(delivery).toBe("queued");
  });

  it(`answers each of ${N} calls' answer URL once: replays hear that the code expired`, async () => {
    const results = await runPool(N, 8, async (i) => {
      const call = await startChallengeWithCode(app.store, {
        phone: `+1415555${String(2000 + i).padStart(4, "0")}`,
        channel: "voice",
        appUrl: APP_URL,
        provider: "plivo",
      });
      const path = call.messenger.calls[0]!.answerUrl.slice(APP_URL.length);
      const digits = call.code.split("").join(". ");
      const said = await Promise.all([
        answer(path),
        answer(path),
        answer(path),
      ]);
      return said.filter((s) => s.includes(digits)).length;
    });
    const spoke = results.filter((n) => n > 0).length;
    const replaysAccepted = results.reduce((a, n) => a + Math.max(n - 1, 0), 0);
    recordExact(
      SECTION,
      `${N} calls, each answer URL fetched 3 times at once: calls that spoke the code`,
      spoke,
      N,
    );
    recordExact(
      SECTION,
      "call answer URL replays accepted",
      replaysAccepted,
      0,
    );
    expect(spoke).toBe(N);
    expect(replaysAccepted).toBe(0);
  });

  it(`applies no late delivery report on an earlier text of ${N} challenges`, async () => {
    const report = (path: string, Status: string) =>
      app.routes["/api/plivo/sms-status"]!(
        new Request(`${INTERNAL}${path}`, {
          method: "POST",
          headers: smsHeaders(path),
          body: new URLSearchParams({
            MessageUUID: randomUUID(),
            Status,
          }).toString(),
        }),
      );
    const outcomes = await runPool(N, 8, async (i) => {
      const text = await startChallengeWithCode(app.store, {
        phone: `+1415555${String(3000 + i).padStart(4, "0")}`,
        appUrl: APP_URL,
        provider: "plivo",
      });
      const resent = await text.resend("sms");
      if (!resent.ok) throw new Error(resent.error);
      const [earlier, newest] = text.messenger.sms.map((m) =>
        m.statusUrl!.slice(APP_URL.length),
      );
      // Stale reports alone, then racing the newest text's own.
      await Promise.all(
        ["failed", "undelivered"].map((s) => report(earlier!, s)),
      );
      const afterStale = (await app.store.getChallenge(text.id))!.delivery;
      await Promise.all([
        report(earlier!, "failed"),
        report(newest!, "delivered"),
        report(earlier!, "undelivered"),
      ]);
      const afterRace = (await app.store.getChallenge(text.id))!.delivery;
      return {
        staleApplied: afterStale !== "queued" || afterRace !== "delivered",
      };
    });
    const applied = outcomes.filter((o) => o.staleApplied).length;
    recordExact(
      SECTION,
      `stale delivery callbacks applied (${N} challenges, 4 each)`,
      applied,
      0,
    );
    expect(applied).toBe(0);
  });
});
