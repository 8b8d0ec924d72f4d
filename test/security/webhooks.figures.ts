import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  signSmsRequest,
  signVoiceRequest,
} from "@/lib/messaging/plivo-signature";
import type { ChallengeStore } from "@/lib/store/types";
import { startChallengeWithCode } from "@/test/support/messenger";
import { recordExact } from "./figures";

// Forged Plivo callbacks: the answer URL of a live "Call me instead" call (it would speak the code)
// and the status URL of a live text (it would mark delivery failed and offer a call). Every forgery
// must get 401 and change nothing; one genuine request of each kind shows the setup is right.

const APP_URL = "https://twostep.example";
const TOKEN = "webhook-plivo-auth-token";
const INTERNAL = "http://127.0.0.1:3000";
const SECTION = "forged webhooks";
const N = 500;
const FORM = { CallUUID: "c0ffee", From: "+14155550100", To: "+14155550133" };

vi.hoisted(() => {
  Object.assign(process.env, {
    APP_URL: "https://twostep.example",
    MESSAGING: "outbox",
    PLIVO_AUTH_ID: "MAWEBHOOKWEBHOOK0000",
    PLIVO_AUTH_TOKEN: "webhook-plivo-auth-token",
    PLIVO_FROM_NUMBER: "+14155550100",
  });
});

let store: ChallengeStore;
let voice: typeof import("@/app/api/voice/answer/route").POST;
let smsStatus: typeof import("@/app/api/plivo/sms-status/[ref]/route").POST;

beforeAll(async () => {
  store = (await import("@/lib/store")).getChallengeStore();
  voice = (await import("@/app/api/voice/answer/route")).POST;
  smsStatus = (await import("@/app/api/plivo/sms-status/[ref]/route")).POST;
});

const nonce = () => String(BigInt(`0x${randomBytes(8).toString("hex")}`));
const junk = () => randomBytes(32).toString("base64");

/** A live challenge whose code went out by `channel`: the URL Plivo would call, the message id. */
async function liveChallenge(channel: "sms" | "voice") {
  const { id, messenger } = await startChallengeWithCode(store, {
    phone: "+14155550133",
    channel,
    appUrl: APP_URL,
    provider: "plivo",
  });
  const url =
    channel === "sms"
      ? messenger.sms[0]!.statusUrl!
      : messenger.calls[0]!.answerUrl;
  // Plivo names its message in the report; the app goes by the sealed send number instead.
  return { id, url, path: url.slice(APP_URL.length), messageId: randomUUID() };
}

function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  headers: Record<string, string>,
  form: Record<string, string>,
) {
  return handler(
    new Request(`${INTERNAL}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...headers,
      },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

describe("forged Plivo callbacks", () => {
  it("refuses 500 forged answer-URL requests with 401 and never speaks the code", async () => {
    const call = await liveChallenge("voice");
    const other = await liveChallenge("voice");
    const v3 = (url: string, n: string, token = TOKEN, params = FORM) => ({
      "x-plivo-signature-v3": signVoiceRequest({
        method: "POST",
        url,
        nonce: n,
        params,
        authToken: token,
      }),
      "x-plivo-signature-v3-nonce": n,
    });
    const forgeries: (() => Record<string, string>)[] = [
      () => ({}),
      () => ({
        "x-plivo-signature-v3": junk(),
        "x-plivo-signature-v3-nonce": nonce(),
      }),
      () => v3(call.url, nonce(), junk()), // another account's token
      () => v3(other.url, nonce()), // a genuine signature replayed from another call's URL
      () => v3(`${INTERNAL}${call.path}`, nonce()), // signed for the internal URL
      () => v3(call.url, nonce(), TOKEN, { ...FORM, To: "+14155550199" }), // body changed
      () => ({
        ...v3(call.url, nonce()),
        "x-plivo-signature-v3-nonce": nonce(),
      }), // nonce swapped
    ];
    const statuses: number[] = [];
    let spoke = 0;
    for (let i = 0; i < N; i++) {
      const res = await post(
        voice,
        call.path,
        forgeries[i % forgeries.length]!(),
        FORM,
      );
      statuses.push(res.status);
      if (/<Speak/.test(await res.text())) spoke++;
    }
    const genuine = await post(voice, call.path, v3(call.url, nonce()), FORM);
    const refused = statuses.filter((s) => s === 401).length;
    recordExact(
      SECTION,
      `voice answer: forged requests refused with 401 (${forgeries.length} kinds)`,
      `${refused}/${N}`,
      `${N}/${N}`,
    );
    recordExact(
      SECTION,
      "voice answer: forged requests that got the code spoken",
      spoke,
      0,
    );
    recordExact(
      SECTION,
      "voice answer: genuine signed request (control)",
      genuine.status,
      200,
    );
    expect(refused).toBe(N);
    expect(spoke).toBe(0);
    expect(genuine.status).toBe(200);
  });

  it("refuses 500 forged SMS status callbacks with 401 and leaves the delivery state alone", async () => {
    const text = await liveChallenge("sms");
    const other = await liveChallenge("sms");
    const before = await store.getChallenge(text.id);
    const form = { MessageUUID: text.messageId, Status: "failed" };
    const v2 = (url: string, n: string, token = TOKEN) => ({
      "x-plivo-signature-v2": signSmsRequest({
        url,
        nonce: n,
        authToken: token,
      }),
      "x-plivo-signature-v2-nonce": n,
    });
    const forgeries: (() => Record<string, string>)[] = [
      () => ({}),
      () => ({
        "x-plivo-signature-v2": junk(),
        "x-plivo-signature-v2-nonce": nonce(),
      }),
      () => v2(text.url, nonce(), junk()),
      () => v2(other.url, nonce()), // replayed from another challenge's status URL
      () => v2(`${INTERNAL}${text.path}`, nonce()),
      () => ({
        ...v2(text.url, nonce()),
        "x-plivo-signature-v2-nonce": nonce(),
      }),
    ];
    const statuses: number[] = [];
    for (let i = 0; i < N; i++)
      statuses.push(
        (
          await post(
            smsStatus,
            text.path,
            forgeries[i % forgeries.length]!(),
            form,
          )
        ).status,
      );
    const after = await store.getChallenge(text.id);
    const refused = statuses.filter((s) => s === 401).length;
    recordExact(
      SECTION,
      `SMS status: forged callbacks refused with 401 (${forgeries.length} kinds)`,
      `${refused}/${N}`,
      `${N}/${N}`,
    );
    recordExact(
      SECTION,
      "SMS status: delivery state after the forgeries",
      after!.delivery,
      before!.delivery,
    );
    const genuine = await post(
      smsStatus,
      text.path,
      v2(text.url, nonce()),
      form,
    );
    const marked = (await store.getChallenge(text.id))!.delivery;
    recordExact(
      SECTION,
      "SMS status: genuine signed callback (control)",
      `${genuine.status} ${marked}`,
      "200 failed",
    );
    expect(refused).toBe(N);
    expect(after).toEqual(before);
    expect(`${genuine.status} ${marked}`).toBe("200 failed");
  });
});
