import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import nock from "@/test/support/nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPlivoMessenger } from "./plivo";
import { signSmsRequest, signVoiceRequest } from "./plivo-signature";

// The plivo SDK lists request@2.88.2 (deprecated; form-data 2.3.3 and tough-cookie 2.5.0 underneath,
// both with published CVEs) but sends through axios. package.json "overrides" puts a stand-in that
// throws on load in its place; these tests prove the chain is gone and the paths we use never load it.

const root = process.cwd();
const fromPlivo = createRequire(require.resolve("plivo/package.json"));
const AUTH_ID = "MADEPENDENCYCHECK000";
const API = "https://api.plivo.com";

beforeAll(() => nock.disableNetConnect());
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe("the plivo SDK without its request chain", () => {
  it("resolves `request` to the stand-in, which refuses to load", () => {
    const resolved = fromPlivo.resolve("request");
    expect(path.relative(root, resolved)).toBe(
      path.join("vendor", "request-unused", "index.js"),
    );
    expect(() => fromPlivo("request")).toThrow(/replaced by a stand-in/);
  });

  it("locks no request 2, form-data 2 or tough-cookie 2 anywhere in the tree", () => {
    const lock = JSON.parse(
      readFileSync(path.join(root, "package-lock.json"), "utf8"),
    ) as { packages: Record<string, { version?: string }> };
    const old = Object.entries(lock.packages)
      .filter(([where]) =>
        /(^|\/)(request|form-data|tough-cookie)$/.test(where),
      )
      .filter(([, entry]) => entry.version?.startsWith("2."))
      .map(([where, entry]) => `${where}@${entry.version}`);
    expect(old).toEqual([]);
    expect(fromPlivo("form-data/package.json").version).toMatch(/^4\./);
  });

  it("sends a text, places a call and checks signatures without loading it", async () => {
    nock(API)
      .post(`/v1/Account/${AUTH_ID}/Message/`)
      .reply(202, { message_uuid: ["m-1"], api_id: "a" })
      .post(`/v1/Account/${AUTH_ID}/Call/`)
      .reply(201, { request_uuid: "c-1", api_id: "a" });
    const messenger = createPlivoMessenger({
      authId: AUTH_ID,
      authToken: "dependency-check-token",
      from: "+14155550100",
    });
    await expect(
      messenger.sendSms({ to: "+14155550123", text: "Your code is 1" }),
    ).resolves.toEqual({ id: "m-1" });
    await expect(
      messenger.placeCall({
        to: "+14155550123",
        answerUrl: "https://app.test/api/voice/answer?call=t",
        spokenText: "x",
      }),
    ).resolves.toEqual({ id: "c-1" });

    // The SDK's own signature helpers agree with ours (V2 for SMS callbacks, V3 for the answer URL).
    const sdk = fromPlivo("plivo") as {
      validateSignature: (...a: string[]) => boolean;
      validateV3Signature: (...a: unknown[]) => boolean;
    };
    const token = "dependency-check-token";
    const statusUrl = "https://app.test/api/plivo/sms-status/ref";
    const v2 = signSmsRequest({
      url: statusUrl,
      nonce: "n2",
      authToken: token,
    });
    expect(sdk.validateSignature(statusUrl, "n2", v2, token)).toBe(true);
    const answerUrl = "https://app.test/api/voice/answer?call=t";
    const params = { CallUUID: "c-1" };
    const v3 = signVoiceRequest({
      method: "POST",
      url: answerUrl,
      nonce: "n3",
      params,
      authToken: token,
    });
    expect(
      sdk.validateV3Signature("POST", answerUrl, "n3", token, v3, params),
    ).toBe(true);

    const loaded = Object.keys(fromPlivo.cache);
    expect(loaded.some((f) => f.includes(`${path.sep}plivo${path.sep}`))).toBe(
      true,
    );
    expect(loaded.filter((f) => f.includes("request-unused"))).toEqual([]);
  });
});
