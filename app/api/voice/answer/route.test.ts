import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signVoiceRequest } from "@/lib/messaging/plivo-signature";

// Plivo's answer-URL fetch, as Plivo makes it: a signed form POST to the public URL. The app may sit
// behind a proxy, so the request's own URL (internal) differs from the signed one (APP_URL).

const APP_URL = "https://twostep.example";
const AUTH_TOKEN = "plivo-test-auth-token";
const INTERNAL = "http://127.0.0.1:3000";
const FORM = { CallUUID: "c0ffee", From: "+14155550100", To: "+14155550132" };
const CODE = "042917";

type Route = typeof import("./route");
let POST: Route["POST"];
let prepareCodeCall: typeof import("@/lib/challenge/voice-call").prepareCodeCall;
let getChallengeStore: typeof import("@/lib/store").getChallengeStore;

beforeAll(async () => {
  // getEnv() caches, so the Plivo settings must be in place before the modules load.
  vi.stubEnv("APP_URL", APP_URL);
  vi.stubEnv("PLIVO_AUTH_ID", "MAXXXXXXXXXXXXXXXXXX");
  vi.stubEnv("PLIVO_AUTH_TOKEN", AUTH_TOKEN);
  vi.stubEnv("PLIVO_FROM_NUMBER", "+14155550100");
  vi.resetModules();
  ({ POST } = await import("./route"));
  ({ prepareCodeCall } = await import("@/lib/challenge/voice-call"));
  ({ getChallengeStore } = await import("@/lib/store"));
});
afterAll(() => vi.unstubAllEnvs());

/**
 * Prepares a call as sendCode does and stores its sealed code as the issue step does (the two
 * together are covered in lib/store's contract); returns the path+query Plivo will fetch.
 */
async function placeCall(code = CODE, ttlSeconds = 60) {
  const call = prepareCodeCall(APP_URL, code);
  await getChallengeStore().setValue(
    call.stored.key,
    call.stored.value,
    ttlSeconds,
  );
  const url = new URL(call.request.answerUrl);
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
    expect(xml).toContain('<Speak loop="2">');
    expect(spoken(xml)).toContain("0. 4. 2. 9. 1. 7");
    expect(spoken(xml)).not.toContain(CODE);
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
