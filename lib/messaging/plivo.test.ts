import nock from "@/test/support/nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPlivoMessenger } from "./plivo";
import { MessagingError } from "./types";

const AUTH_ID = "MATESTAUTHID0000000";
const API = "https://api.plivo.com";
const MESSAGE_PATH = `/v1/Account/${AUTH_ID}/Message/`;
const CALL_PATH = `/v1/Account/${AUTH_ID}/Call/`;
const FROM = "+14155550100";
const TO = "+14155550123";

const messenger = (timeoutMs?: number) =>
  createPlivoMessenger({
    authId: AUTH_ID,
    authToken: "secret-token",
    from: FROM,
    timeoutMs,
  });

const sms = (m = messenger()) =>
  m.sendSms({
    to: TO,
    text: "Your code is 123456",
    statusUrl: "https://app.test/api/sms/status",
  });
const call = (m = messenger()) =>
  m.placeCall({
    to: TO,
    answerUrl: "https://app.test/api/voice/answer?call=tok",
    spokenText: "x",
  });

async function failure(p: Promise<unknown>): Promise<MessagingError> {
  const err = await p.then(
    () => expect.unreachable("the send should have failed"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MessagingError);
  return err as MessagingError;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(() => {
  nock.disableNetConnect();
  process.on("unhandledRejection", onUnhandled);
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(async () => {
  // Give any stray SDK promise a chance to reject before checking nothing went unhandled.
  await new Promise((r) => setTimeout(r, 200));
  process.off("unhandledRejection", onUnhandled);
  nock.enableNetConnect();
  expect(unhandled).toEqual([]);
});

describe("sendSms", () => {
  it("posts src, dst, text, status url and log:false to the Message endpoint", async () => {
    let body: unknown;
    const basic = `Basic ${Buffer.from(`${AUTH_ID}:secret-token`).toString("base64")}`;
    nock(API, { reqheaders: { authorization: basic } })
      .post(MESSAGE_PATH, (b) => ((body = b), true))
      .reply(202, {
        api_id: "a1",
        message: "message(s) queued",
        message_uuid: ["uuid-1"],
      });
    await expect(sms()).resolves.toEqual({ id: "uuid-1" });
    expect(body).toEqual({
      src: FROM,
      dst: TO,
      text: "Your code is 123456",
      url: "https://app.test/api/sms/status",
      method: "POST",
      log: false,
    });
  });

  it("sends no status url when none is configured, but still log:false", async () => {
    let body: unknown;
    nock(API)
      .post(MESSAGE_PATH, (b) => ((body = b), true))
      .reply(202, { message_uuid: ["uuid-2"] });
    await messenger().sendSms({ to: TO, text: "hi" });
    expect(body).toEqual({ src: FROM, dst: TO, text: "hi", log: false });
  });

  it("maps 401 to auth", async () => {
    nock(API)
      .post(MESSAGE_PATH)
      .reply(401, { api_id: "a", error: "Authentication failed" });
    expect((await failure(sms())).kind).toBe("auth");
  });

  it("maps a 400 about the destination number to invalid-number", async () => {
    nock(API)
      .post(MESSAGE_PATH)
      .reply(400, { api_id: "a", error: "dst parameter is invalid" });
    expect((await failure(sms())).kind).toBe("invalid-number");
  });

  it("maps a queued answer listing the number as invalid to invalid-number", async () => {
    nock(API)
      .post(MESSAGE_PATH)
      .reply(202, { message_uuid: [], invalid_number: [TO] });
    expect((await failure(sms())).kind).toBe("invalid-number");
  });

  it("maps a 403 on a send to geo-permission", async () => {
    nock(API).post(MESSAGE_PATH).reply(403, {
      error: "destination country is not enabled for your account",
    });
    expect((await failure(sms())).kind).toBe("geo-permission");
  });

  it("maps other 4xx and 5xx answers to rejected", async () => {
    nock(API)
      .post(MESSAGE_PATH)
      .reply(400, { error: "text parameter is too long" });
    expect((await failure(sms())).kind).toBe("rejected");
    nock(API).post(MESSAGE_PATH).reply(500, "oops");
    expect((await failure(sms())).kind).toBe("rejected");
  });

  it("maps a refused connection to network", async () => {
    nock(API)
      .post(MESSAGE_PATH)
      .replyWithError(
        Object.assign(new Error("connect ECONNREFUSED 1.2.3.4:443"), {
          code: "ECONNREFUSED",
        }),
      );
    expect((await failure(sms())).kind).toBe("network");
  });

  it("maps a hung up socket to network", async () => {
    nock(API).post(MESSAGE_PATH).replyWithError("socket hang up");
    expect((await failure(sms())).kind).toBe("network");
  });

  it("gives up after the timeout and calls it network", async () => {
    nock(API)
      .post(MESSAGE_PATH)
      .delay(2_000)
      .reply(202, { message_uuid: ["late"] });
    const started = Date.now();
    expect((await failure(sms(messenger(200)))).kind).toBe("network");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("leaves no unhandled rejection when the SDK fails after the deadline", async () => {
    // Past our 100 ms deadline, inside the SDK's own (3x) timeout: the SDK rejects after we gave up.
    nock(API)
      .post(MESSAGE_PATH)
      .delay(200)
      .reply(500, { error: "late failure" });
    expect((await failure(sms(messenger(100)))).kind).toBe("network");
    await new Promise((r) => setTimeout(r, 400));
    expect(nock.isDone()).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it("keeps the SMS text out of the error it throws", async () => {
    nock(API)
      .post(MESSAGE_PATH)
      .reply(400, { error: "dst parameter is invalid" });
    const err = await failure(sms());
    expect(
      JSON.stringify({ message: err.message, cause: err.cause }),
    ).not.toContain("123456");
  });
});

describe("placeCall", () => {
  it("posts from, to, answer_url and answer_method to the Call endpoint", async () => {
    let body: unknown;
    nock(API)
      .post(CALL_PATH, (b) => ((body = b), true))
      .reply(201, {
        api_id: "a",
        message: "call fired",
        request_uuid: "req-1",
      });
    await expect(call()).resolves.toEqual({ id: "req-1" });
    expect(body).toEqual({
      from: FROM,
      to: TO,
      answer_url: "https://app.test/api/voice/answer?call=tok",
      answer_method: "POST",
    });
  });

  it("maps Plivo's barred-country answer to geo-permission", async () => {
    nock(API)
      .post(CALL_PATH)
      .reply(403, { error: "Calls to this destination country are barred." });
    expect((await failure(call())).kind).toBe("geo-permission");
  });

  it("maps 401 to auth", async () => {
    nock(API).post(CALL_PATH).reply(401, { error: "Authentication failed" });
    expect((await failure(call())).kind).toBe("auth");
  });

  it("maps a refused connection to network", async () => {
    nock(API)
      .post(CALL_PATH)
      .times(3)
      .replyWithError(
        Object.assign(new Error("connect ECONNREFUSED"), {
          code: "ECONNREFUSED",
        }),
      );
    expect((await failure(call())).kind).toBe("network");
  });

  it("gives up after the timeout and calls it network", async () => {
    nock(API)
      .post(CALL_PATH)
      .times(3)
      .delay(2_000)
      .reply(201, { request_uuid: "late" });
    const started = Date.now();
    expect((await failure(call(messenger(200)))).kind).toBe("network");
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe("check", () => {
  const ACCOUNT = new RegExp(`^/v1/Account/${AUTH_ID}/+$`);

  it("resolves when the account details load", async () => {
    nock(API)
      .get(ACCOUNT)
      .reply(200, { account_type: "standard", name: "Twostep" });
    await expect(messenger().check()).resolves.toBeUndefined();
  });

  it("maps 401 and 403 to auth", async () => {
    nock(API).get(ACCOUNT).reply(401, { error: "Authentication failed" });
    expect((await failure(messenger().check())).kind).toBe("auth");
    nock(API).get(ACCOUNT).reply(403, { error: "Forbidden" });
    expect((await failure(messenger().check())).kind).toBe("auth");
  });

  it("maps an unreachable API to network", async () => {
    nock(API)
      .get(ACCOUNT)
      .replyWithError(
        Object.assign(new Error("getaddrinfo ENOTFOUND"), {
          code: "ENOTFOUND",
        }),
      );
    expect((await failure(messenger().check())).kind).toBe("network");
  });
});
