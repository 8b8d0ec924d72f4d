import { randomUUID } from "node:crypto";
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import type { Locale } from "@/lib/i18n/locales";
import { signVoiceRequest } from "@/lib/messaging/plivo-signature";
import { streamedRequest } from "@/test/support/next-request";

// Plivo's answer-URL fetch, as Plivo makes it: a signed form POST to the public URL. The app may sit
// behind a proxy, so the request's own URL (internal) differs from the signed one (APP_URL).

const APP_URL = "https://twostep.example";
const AUTH_TOKEN = "plivo-test-auth-token";
const INTERNAL = "http://127.0.0.1:3000";
const FORM = { CallUUID: "c0ffee", From: "+14155550100", To: "+14155550132" };
const CODE = "042917";

type Route = typeof import("./route");
let POST: Route["POST"];
let voiceCall: typeof import("@/lib/challenge/voice-call");
let getChallengeStore: typeof import("@/lib/store").getChallengeStore;
let newChallengeId: typeof import("@/lib/challenge/id").newChallengeId;

beforeAll(async () => {
  // getEnv() caches, so the Plivo settings must be in place before the modules load.
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("PLIVO_AUTH_ID", "MAXXXXXXXXXXXXXXXXXX");
  vi.stubEnv("PLIVO_AUTH_TOKEN", AUTH_TOKEN);
  vi.stubEnv("PLIVO_FROM_NUMBER", "+14155550100");
  vi.resetModules();
  ({ POST } = await import("./route"));
  voiceCall = await import("@/lib/challenge/voice-call");
  ({ getChallengeStore } = await import("@/lib/store"));
  ({ newChallengeId } = await import("@/lib/challenge/id"));
});
afterAll(() => vi.unstubAllEnvs());
afterEach(() => vi.restoreAllMocks());

/**
 * Prepares a call as sendCode does and stores its sealed code with the challenge's issue, as the
 * "Call me instead" send does (valid for `ttlSeconds`); returns the path+query Plivo will fetch.
 */
async function placeCall(
  code = CODE,
  ttlSeconds = 60,
  locale: Locale | null = null,
) {
  const stored = voiceCall.sealCallCode(code);
  const now = Date.now();
  const id = newChallengeId("login", `user:${randomUUID()}`);
  const started = await getChallengeStore().startChallenge(
    {
      id,
      purpose: "login",
      userId: null,
      pendingEmail: null,
      pendingPasswordHash: null,
      phone: FORM.To,
      createdAt: now,
    },
    900,
    {
      codeHash: "not-checked-here",
      codeExpiresAt: now + ttlSeconds * 1000,
      now,
      maxSends: 5,
      channel: "voice",
      cooldownMs: 0,
      delivery: "sent",
      callCode: stored,
    },
  );
  expect(started.ok).toBe(true);
  const request = voiceCall.codeCallRequest(
    APP_URL,
    stored.token,
    code,
    locale,
  );
  const url = new URL(request.answerUrl);
  expect(url.origin).toBe(APP_URL);
  return `${url.pathname}${url.search}`;
}

function answer(
  path: string,
  sign: { url?: string; token?: string } | null = {},
): Promise<Response> {
  const nonce = "12345678901234567890";
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
  };
  if (sign) {
    headers["x-plivo-signature-v3-nonce"] = nonce;
    headers["x-plivo-signature-v3"] = signVoiceRequest({
      method: "POST",
      url: sign.url ?? `${APP_URL}${path}`,
      nonce,
      params: FORM,
      authToken: sign.token ?? AUTH_TOKEN,
    });
  }
  return POST(
    new Request(`${INTERNAL}${path}`, {
      method: "POST",
      headers,
      body: new URLSearchParams(FORM).toString(),
    }),
  );
}

const spoken = (xml: string) => xml.match(/<Speak[^>]*>([^<]*)<\/Speak>/)?.[1];

describe("POST /api/voice/answer", () => {
  it("speaks the code digit by digit, twice, to a request signed for the public URL", async () => {
    const response = await answer(await placeCall());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/xml");
    const xml = await response.text();
    expect(xml).toContain('<Speak loop="2" voice="WOMAN" language="en-US">');
    expect(spoken(xml)).toContain("0. 4. 2. 9. 1. 7");
    expect(spoken(xml)).not.toContain(CODE);
  });

  it("speaks a French challenge's code in French, with Plivo's French voice", async () => {
    const xml = await (await answer(await placeCall(CODE, 60, "fr"))).text();
    expect(xml).toContain('<Speak loop="2" voice="WOMAN" language="fr-FR">');
    expect(spoken(xml)).toBe(
      "Votre code Twostep est : 0. 4. 2. 9. 1. 7. Je répète : 0. 4. 2. 9. 1. 7.",
    );
  });

  it("says a German call's code expired in German, and a language it does not know in English", async () => {
    const german = await answer("/api/voice/answer?call=unknown-token&lang=de");
    const xml = await german.text();
    expect(xml).toContain('language="de-DE"');
    expect(spoken(xml)).toMatch(/abgelaufen/);
    const unknown = await answer(
      "/api/voice/answer?call=unknown-token&lang=xx",
    );
    expect(spoken(await unknown.text())).toMatch(/expired/);
  });

  it("refuses a request without a signature", async () => {
    const response = await answer(await placeCall(), null);
    expect(response.status).toBe(401);
    expect(await response.text()).not.toContain("4. 2");
  });

  it("refuses a request signed with another auth token", async () => {
    const response = await answer(await placeCall(), { token: "not-it" });
    expect(response.status).toBe(401);
  });

  it("refuses a signature made for a different URL", async () => {
    const path = await placeCall();
    const other = await placeCall();
    expect((await answer(path, { url: `${APP_URL}${other}` })).status).toBe(
      401,
    );
    expect((await answer(path, { url: `${INTERNAL}${path}` })).status).toBe(
      401,
    );
  });

  it("says the code expired, without any digits, for an unknown call token", async () => {
    const response = await answer("/api/voice/answer?call=unknown-token");
    expect(response.status).toBe(200);
    const text = spoken(await response.text());
    expect(text).toMatch(/expired/);
    expect(text).not.toMatch(/\d/);
  });

  it("speaks the code to the first fetch of its answer URL only: a replay, even signed, hears it expired", async () => {
    const path = await placeCall();
    const first = spoken(await (await answer(path)).text());
    const replay = await answer(path);
    expect(first).toContain("0. 4. 2. 9. 1. 7");
    expect(replay.status).toBe(200);
    const again = spoken(await replay.text());
    expect(again).toMatch(/expired/);
    expect(again).not.toMatch(/\d/);
  });

  it("refuses a forged signature without spending the call or handing the body to a form parser", async () => {
    const store = getChallengeStore();
    const take = vi.spyOn(store, "takeCallCode");
    const formData = vi.spyOn(Request.prototype, "formData");
    const path = await placeCall();
    for (const sign of [
      null,
      { token: "forged" },
      { url: `${INTERNAL}${path}` },
    ])
      expect((await answer(path, sign)).status).toBe(401);
    expect(take).not.toHaveBeenCalled();
    expect(formData).not.toHaveBeenCalled();
    // The call is still there for Plivo's genuine fetch.
    expect(spoken(await (await answer(path)).text())).toContain("0. 4. 2");
  });

  const signedHeaders = (path: string) => {
    const nonce = "12345678901234567890";
    return {
      "content-type": "application/x-www-form-urlencoded",
      "x-plivo-signature-v3-nonce": nonce,
      "x-plivo-signature-v3": signVoiceRequest({
        method: "POST",
        url: `${APP_URL}${path}`,
        nonce,
        params: FORM,
        authToken: AUTH_TOKEN,
      }),
    };
  };

  it("refuses a body that declares more than 8 KiB without reading a byte of it", async () => {
    const path = await placeCall();
    const { request, reads } = streamedRequest(`${INTERNAL}${path}`, {
      bytes: 1024 * 1024,
      contentLength: 1024 * 1024,
      headers: signedHeaders(path),
    });
    expect((await POST(request)).status).toBe(401);
    expect(reads.bytes).toBe(0);
  });

  it("stops reading a chunked body at 8 KiB and refuses it", async () => {
    const path = await placeCall();
    const chunk = 1024;
    const { request, reads } = streamedRequest(`${INTERNAL}${path}`, {
      bytes: 1024 * 1024,
      chunk,
      headers: signedHeaders(path),
    });
    expect((await POST(request)).status).toBe(401);
    expect(reads.bytes).toBeLessThanOrEqual(8 * 1024 + chunk);
    expect(reads.cancelled).toBe(true);
    // Refused as too big, not as forged: the call is untouched.
    expect(spoken(await (await answer(path)).text())).toContain("0. 4. 2");
  });

  it("says the code expired once the call's code has run out", async () => {
    const path = await placeCall(CODE, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const response = await answer(path);
    expect(response.status).toBe(200);
    const text = spoken(await response.text());
    expect(text).toMatch(/expired/);
    expect(text).not.toMatch(/\d/);
  });
});
