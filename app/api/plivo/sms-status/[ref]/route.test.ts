import { randomInt } from "node:crypto";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { signSmsRequest } from "@/lib/messaging/plivo-signature";
import { createTestAccount } from "@/test/support/accounts";
import { resetTables } from "@/test/support/db";
import { startChallengeWithCode } from "@/test/support/messenger";

// Plivo's delivery report, as Plivo sends it: a form POST to the status URL the app gave with the
// text, signed (V2) over that public URL. The app may sit behind a proxy, so the request's own
// URL (internal) differs from the signed one (APP_URL).

const APP_URL = "https://twostep.example";
const AUTH_TOKEN = "plivo-test-auth-token";
const INTERNAL = "http://127.0.0.1:3000";
const PHONE = "+14155550132";

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  // The browser sent no Accept-Language: its pages, and a sign-up's texts, are in English.
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) =>
      jar.has(name) ? { name, value: jar.get(name) } : undefined,
  }),
}));

let mod: {
  POST: typeof import("./route").POST;
  GET: typeof import("@/app/api/otp/status/route").GET;
  store: import("@/lib/store").ChallengeStore;
  cookieName: string;
  listRecentEvents: typeof import("@/lib/audit").listRecentEvents;
};

beforeAll(async () => {
  // getEnv() caches, so the Plivo settings must be in place before the modules load.
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("MESSAGING", "outbox");
  vi.stubEnv("PLIVO_AUTH_ID", "MAXXXXXXXXXXXXXXXXXX");
  vi.stubEnv("PLIVO_AUTH_TOKEN", AUTH_TOKEN);
  vi.stubEnv("PLIVO_FROM_NUMBER", "+14155550100");
  vi.resetModules();
  mod = {
    POST: (await import("./route")).POST,
    GET: (await import("@/app/api/otp/status/route")).GET,
    store: (await import("@/lib/store")).getChallengeStore(),
    cookieName: (
      await import("@/lib/http/challenge-cookie")
    ).challengeCookieName(),
    listRecentEvents: (await import("@/lib/audit")).listRecentEvents,
  };
});
afterAll(() => vi.unstubAllEnvs());
beforeEach(async () => {
  jar.clear();
  await resetTables();
});

/** A login challenge whose code went out through a Plivo-like messenger; returns the status URL. */
async function textCode() {
  const account = await createTestAccount({
    email: "ada@example.com",
    phone: PHONE,
  });
  const started = await startChallengeWithCode(mod.store, {
    userId: account.id,
    phone: PHONE,
    appUrl: APP_URL,
    provider: "plivo",
  });
  const { id, messenger } = started;
  const statusUrl = messenger.sms[0]!.statusUrl!;
  let later = Date.now();
  // Each resend after the cooldown of the one before.
  const resend = () => started.resend("sms", (later += 31_000));
  // Plivo names its message in the report; the app goes by the sealed send number instead.
  const uuid = "0936ec98-7c4c-11e4-9bd8-22000afa12b9";
  return { id, userId: account.id, statusUrl, uuid, messenger, resend };
}

/** Plivo signs each request with a fresh nonce of 20 digits. */
const newNonce = () => Array.from({ length: 20 }, () => randomInt(10)).join("");

function report(
  statusUrl: string,
  form: Record<string, string>,
  sign: { url?: string; token?: string; nonce?: string } | null = {},
) {
  const nonce = sign?.nonce ?? newNonce();
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
  };
  if (sign) {
    headers["x-plivo-signature-v2-nonce"] = nonce;
    headers["x-plivo-signature-v2"] = signSmsRequest({
      url: sign.url ?? statusUrl,
      nonce,
      authToken: sign.token ?? AUTH_TOKEN,
    });
  }
  const path = new URL(statusUrl).pathname;
  return mod.POST(
    new Request(`${INTERNAL}${path}`, {
      method: "POST",
      headers,
      body: new URLSearchParams(form).toString(),
    }),
  );
}

describe("the SMS status URL", () => {
  it("names the challenge only by a sealed reference, never by its id", async () => {
    const { id, statusUrl } = await textCode();
    expect(statusUrl).toMatch(
      new RegExp(`^${APP_URL}/api/plivo/sms-status/[\\w-]{40,}$`),
    );
    expect(statusUrl).not.toContain(id);
  });

  it("is left out when the app has no public URL", async () => {
    const { id, messenger } = await startChallengeWithCode(mod.store, {
      phone: PHONE,
      appUrl: "http://localhost:3000",
      provider: "plivo",
    });
    expect(messenger.sms[0]!.statusUrl).toBeUndefined();
    // No report will come, so the page is told the text is on its way and stops there.
    expect((await mod.store.getChallenge(id))!.delivery).toBe("sent");
  });
});

describe("POST /api/plivo/sms-status/[ref]", () => {
  it("records the delivery Plivo reports with a valid signature", async () => {
    const { id, statusUrl, uuid } = await textCode();
    const res = await report(statusUrl, {
      MessageUUID: uuid,
      Status: "delivered",
    });
    expect(res.status).toBe(200);
    expect((await mod.store.getChallenge(id))!.delivery).toBe("delivered");
  });

  it("refuses a report without a signature, and changes nothing", async () => {
    const { id, statusUrl, uuid } = await textCode();
    const res = await report(
      statusUrl,
      { MessageUUID: uuid, Status: "failed" },
      null,
    );
    expect(res.status).toBe(401);
    expect((await mod.store.getChallenge(id))!.delivery).toBe("queued");
  });

  it("refuses a report signed with another auth token, and changes nothing", async () => {
    const { id, statusUrl, uuid } = await textCode();
    const form = { MessageUUID: uuid, Status: "failed" };
    const res = await report(statusUrl, form, { token: "someone-else" });
    expect(res.status).toBe(401);
    expect((await mod.store.getChallenge(id))!.delivery).toBe("queued");
  });

  it("refuses a signature made for another challenge's status URL", async () => {
    const { id, statusUrl, uuid } = await textCode();
    const other = `${APP_URL}/api/plivo/sms-status/${"A".repeat(95)}`;
    const form = { MessageUUID: uuid, Status: "failed" };
    expect((await report(statusUrl, form, { url: other })).status).toBe(401);
    expect((await mod.store.getChallenge(id))!.delivery).toBe("queued");
  });

  it("ignores a report about an earlier text, and a state that steps back", async () => {
    const {
      id,
      statusUrl: earlier,
      uuid,
      messenger,
      resend,
    } = await textCode();
    expect((await resend()).ok).toBe(true);
    const statusUrl = messenger.sms[1]!.statusUrl!;
    expect(statusUrl).not.toBe(earlier);
    await report(earlier, { MessageUUID: uuid, Status: "failed" });
    expect((await mod.store.getChallenge(id))!.delivery).toBe("queued");
    await report(statusUrl, { MessageUUID: uuid, Status: "delivered" });
    await report(statusUrl, { MessageUUID: uuid, Status: "sent" });
    expect((await mod.store.getChallenge(id))!.delivery).toBe("delivered");
  });

  it("lets no late report on an earlier text overwrite the newest text's status, in any order", async () => {
    const {
      id,
      userId,
      statusUrl: first,
      uuid,
      messenger,
      resend,
    } = await textCode();
    expect((await resend()).ok).toBe(true);
    expect((await resend()).ok).toBe(true);
    const [, second, third] = messenger.sms.map((m) => m.statusUrl!);
    const stale = [first, second!].flatMap((url) =>
      ["failed", "undelivered", "delivered", "sent"].map(
        (Status) => () => report(url, { MessageUUID: uuid, Status }),
      ),
    );
    // Every stale report at once, before the newest text's own: all acknowledged, none applied.
    const statuses = await Promise.all(stale.map((send) => send()));
    expect(statuses.map((r) => r.status)).toEqual(stale.map(() => 200));
    expect((await mod.store.getChallenge(id))!.delivery).toBe("queued");
    // The newest text's report lands among another wave of stale ones.
    const racing = await Promise.all([
      ...stale.map((send) => send()),
      report(third!, { MessageUUID: uuid, Status: "delivered" }),
      ...stale.map((send) => send()),
    ]);
    expect(racing.every((r) => r.status === 200)).toBe(true);
    expect((await mod.store.getChallenge(id))!.delivery).toBe("delivered");
    // A stale failure would have offered a call and written a failure row: neither happened.
    const events = await mod.listRecentEvents(userId);
    expect(events.filter((e) => e.type === "code_failed")).toEqual([]);
  });

  it("ignores a genuine signed report replayed with another status: no change, no audit row", async () => {
    const { id, userId, statusUrl, uuid } = await textCode();
    const nonce = newNonce();
    const sent = await report(
      statusUrl,
      { MessageUUID: uuid, Status: "sent" },
      { nonce },
    );
    expect(sent.status).toBe(200);
    expect((await mod.store.getChallenge(id))!.delivery).toBe("sent");
    // The same headers (URL and nonce signed), the body rewritten: the signature still checks out.
    const replayed = await report(
      statusUrl,
      { MessageUUID: uuid, Status: "failed" },
      { nonce },
    );
    expect(replayed.status).toBe(200);
    expect((await mod.store.getChallenge(id))!.delivery).toBe("sent");
    const events = await mod.listRecentEvents(userId);
    expect(events.filter((e) => e.type === "code_failed")).toEqual([]);
  });

  it("audits an undelivered text on the person's history", async () => {
    const { userId, statusUrl, uuid } = await textCode();
    await report(statusUrl, { MessageUUID: uuid, Status: "undelivered" });
    const [event] = await mod.listRecentEvents(userId);
    expect(event).toMatchObject({
      type: "code_failed",
      detail: { channel: "sms", delivery: "undelivered" },
    });
  });
});

describe("GET /api/otp/status", () => {
  const get = () =>
    mod.GET(new Request(`${INTERNAL}/api/otp/status`, { method: "GET" }));

  it("shows this browser's challenge with its delivery, and not its id", async () => {
    const { id, statusUrl, uuid } = await textCode();
    await report(statusUrl, { MessageUUID: uuid, Status: "undelivered" });
    jar.set(mod.cookieName, id);
    const res = await get();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({
      ok: true,
      challenge: { delivery: "undelivered", maskedPhone: expect.any(String) },
    });
    expect(text).not.toContain(id);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 401 without a challenge cookie", async () => {
    expect((await get()).status).toBe(401);
  });
});
