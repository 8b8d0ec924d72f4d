import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decideStartup } from "@/lib/env/startup";
import { recordExact } from "./figures";

// A production deploy that forgot a part must not quietly run on per-process memory, and the outbox
// must not publish codes to whoever asks. Start-up is decided by the same function the server runs
// (instrumentation-node.ts); the outbox route is called as Next would call it.

const SECTION = "production";
const N = 500;
const SECRET = "a-production-secret-of-at-least-32-chars";
const TOKEN = "an-outbox-token-of-at-least-32-characters";
const PHONE = "+14155550142";
const COMPLETE = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: SECRET,
  DATABASE_URL: "postgresql://u:p@db.example/twostep",
  UPSTASH_REDIS_REST_URL: "https://eu1-x.upstash.io",
  UPSTASH_REDIS_REST_TOKEN: "upstash-token",
  APP_URL: "https://twostep.example",
  TRUSTED_PROXY_HOPS: "1",
  PLIVO_AUTH_ID: "MAXXXXXXXXXXXXXXXXXX",
  PLIVO_AUTH_TOKEN: "plivo-token",
  PLIVO_FROM_NUMBER: "+14155550100",
};
/** The outbox in place of Plivo: a test rig, allowed in production only with TWOSTEP_EMBEDDED=1. */
const OUTBOX = { MESSAGING: "outbox", OUTBOX_TOKEN: TOKEN };

afterEach(() => vi.unstubAllEnvs());

describe("production start-up", () => {
  it("refuses to start without a database, a code store, https or its proxies said, or on the outbox", () => {
    const missing: Record<string, Record<string, string>> = {
      "no DATABASE_URL": { DATABASE_URL: "" },
      "no Upstash": {
        UPSTASH_REDIS_REST_URL: "",
        UPSTASH_REDIS_REST_TOKEN: "",
      },
      "http APP_URL": { APP_URL: "http://twostep.example" },
      "no TRUSTED_PROXY_HOPS outside Vercel": { TRUSTED_PROXY_HOPS: "" },
      "the outbox instead of Plivo": OUTBOX,
      "outbox without OUTBOX_TOKEN, even in a demo": {
        ...OUTBOX,
        OUTBOX_TOKEN: "",
        TWOSTEP_EMBEDDED: "1",
      },
    };
    const refused = Object.entries(missing).filter(
      ([, change]) => decideStartup({ ...COMPLETE, ...change }).kind === "exit",
    );
    const control = decideStartup(COMPLETE).kind;
    const demo = decideStartup({
      ...COMPLETE,
      DATABASE_URL: "",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      APP_URL: "http://127.0.0.1:3000",
      TRUSTED_PROXY_HOPS: "",
      ...OUTBOX,
      TWOSTEP_EMBEDDED: "1",
    }).kind;
    const total = Object.keys(missing).length;
    recordExact(
      SECTION,
      `production without store/database, https or proxy hops, or on the outbox, refuses to start`,
      `${refused.length}/${total}`,
      `${total}/${total}`,
    );
    recordExact(
      SECTION,
      "complete production env starts (control)",
      control,
      "start",
    );
    recordExact(
      SECTION,
      "the same gaps with TWOSTEP_EMBEDDED=1 start (with a warning)",
      demo,
      "start",
    );
    expect(refused.length).toBe(total);
    expect(control).toBe("start");
    expect(demo).toBe("start");
  });
});

describe("the outbox in production", () => {
  it(`answers ${N} requests without the right token with 401 and no code`, async () => {
    for (const [key, value] of Object.entries({
      ...COMPLETE,
      ...OUTBOX,
      DATABASE_URL: "",
      UPSTASH_REDIS_REST_URL: "",
      UPSTASH_REDIS_REST_TOKEN: "",
      TWOSTEP_EMBEDDED: "1",
    }))
      vi.stubEnv(key, value);
    vi.resetModules();
    const { addToOutbox, clearOutbox } = await import("@/lib/messaging/outbox");
    const { GET } = await import("@/app/api/dev/outbox/route");
    clearOutbox();
    addToOutbox({
      channel: "sms",
      to: PHONE,
      text: "Your Twostep code is 123456.",
    });
    const forgeries: (() => Record<string, string>)[] = [
      () => ({}),
      () => ({ authorization: `Bearer ${randomBytes(24).toString("base64")}` }),
      () => ({ authorization: `Bearer ${TOKEN.slice(0, -1)}` }),
      () => ({ authorization: `Bearer ${TOKEN}x` }),
      () => ({ authorization: `Bearer ${TOKEN.toUpperCase()}` }),
      () => ({ authorization: `Basic ${TOKEN}` }),
      () => ({ authorization: TOKEN }),
      () => ({ cookie: `token=${TOKEN}` }),
    ];
    const url = `https://twostep.example/api/dev/outbox?to=${encodeURIComponent(PHONE)}`;
    let refused = 0;
    let leaked = 0;
    for (let i = 0; i < N; i++) {
      const res = GET(
        new Request(url, { headers: forgeries[i % forgeries.length]!() }),
      );
      if (res.status === 401) refused++;
      if ((await res.text()).includes("123456")) leaked++;
    }
    const genuine = GET(
      new Request(url, { headers: { authorization: `Bearer ${TOKEN}` } }),
    );
    recordExact(
      SECTION,
      `outbox without token in production: 401 (${forgeries.length} kinds)`,
      `${refused}/${N}`,
      `${N}/${N}`,
    );
    recordExact(
      SECTION,
      "outbox answers that held a code without the token",
      leaked,
      0,
    );
    recordExact(
      SECTION,
      "outbox with the token (control)",
      genuine.status,
      200,
    );
    expect(refused).toBe(N);
    expect(leaked).toBe(0);
    expect(genuine.status).toBe(200);
  });
});
