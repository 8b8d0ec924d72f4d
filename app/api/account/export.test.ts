import { randomBytes, randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { rememberDevice } from "@/lib/devices/records";
import { savePasskey } from "@/lib/factors/passkey-records";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { requestEmailChange } from "@/lib/steps/change-email";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import {
  startAuthenticatorSetup,
  turnOnAuthenticator,
} from "@/lib/steps/set-up-authenticator";
import { createTestAccount } from "@/test/support/accounts";
import {
  openBrowser,
  SESSION_COOKIE,
  setUpAccountRouteSuite,
  type SignedInBrowser,
} from "@/test/support/account-session";
import { accountContext } from "@/test/support/context";
import { createRecordingMessenger } from "@/test/support/messenger";
import { withRequest } from "@/test/support/next-headers-cjs";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as exportData } from "./export/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "Download your data" through its real route: the export holds everything about the person and no
// secret. The attack: every kind of secret the database and the session store keep for an account
// is seeded, and the export is searched for each, in every encoding it could take.

const PASSWORD = "a long enough password 8";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36";

/** The raw reply of the export route, as the browser downloads it. */
async function download(from: SignedInBrowser) {
  cookieJar.set(SESSION_COOKIE, from.value);
  const request = jsonRequest(
    "/api/account/export",
    {},
    { headers: { cookie: from.cookie } },
  );
  const seen = new Request(request.url, { headers: { cookie: from.cookie } });
  const response = await withRequest(seen, () => exportData(request));
  return { response, text: await response.text() };
}

const encodings = (bytes: Uint8Array) => {
  const b = Buffer.from(bytes);
  return [b.toString("base64"), b.toString("base64url"), b.toString("hex")];
};

/** An account holding one of every secret Twostep keeps, and the list of those secrets. */
async function personWithEverySecret() {
  const who = await createTestAccount({
    email: `export${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3364"),
    password: PASSWORD,
    emailVerified: true,
  });
  const ctx = accountContext(who, { messenger: createRecordingMessenger() });
  const setup = await startAuthenticatorSetup(ctx);
  if (!setup.ok) throw new Error(setup.error);
  const totp = Secret.fromBase32(setup.setupKey.replace(/\s/g, ""));
  expect(
    (await turnOnAuthenticator(ctx, TOTP.generate({ secret: totp }))).ok,
  ).toBe(true);
  const codes = await generateRecoveryCodeSet(ctx);
  if (!codes.ok) throw new Error(codes.error);
  const publicKey = randomBytes(77);
  const credentialId = randomBytes(16).toString("base64url");
  await savePasskey(who.id, "Work laptop", {
    credentialId,
    publicKey,
    counter: 0,
    transports: ["internal"],
  });
  const device = await rememberDevice(who.id, { userAgent: CHROME });
  const browser = await openBrowser(who.id, { userAgent: CHROME });
  const asked = accountContext(who, { sessionId: browser.sid });
  expect((await requestEmailChange(asked, "new.address@example.net")).ok).toBe(
    true,
  );
  const db = await getDb();
  await db.knownBrowser.create({
    data: { userId: who.id, tokenHash: randomBytes(32).toString("base64url") },
  });

  const user = await db.user.findUniqueOrThrow({ where: { id: who.id } });
  const stored = await db.factor.findMany({
    where: { userId: who.id },
    include: { totp: true, recoveryCodes: true },
  });
  const links = await db.emailLink.findMany({ where: { userId: who.id } });
  const devices = await db.rememberedDevice.findMany({
    where: { userId: who.id },
  });
  const browsers = await db.knownBrowser.findMany({
    where: { userId: who.id },
  });
  const secrets: Record<string, string[]> = {
    "password hash": [user.passwordHash],
    password: [PASSWORD],
    "TOTP secret": [totp.base32, setup.setupKey, totp.hex],
    "sealed TOTP secret": stored.flatMap((f) =>
      f.totp ? [f.totp.secretSealed] : [],
    ),
    "recovery codes": codes.codes,
    "recovery code hashes": stored.flatMap((f) =>
      f.recoveryCodes.map((c) => c.codeHash),
    ),
    "passkey public key": encodings(publicKey),
    "passkey credential id": [credentialId],
    "remembered device token": [device.token],
    "remembered device token hashes": devices.map((d) => d.tokenHash),
    "known browser token hashes": browsers.map((b) => b.tokenHash),
    "email link token hashes": links.flatMap((l) =>
      [l.tokenHash, l.cancelTokenHash].filter((h) => h !== null),
    ),
    "session id": [browser.sid],
    "session cookie": [browser.value],
  };
  return { who, browser, secrets, links };
}

setUpAccountRouteSuite();

describe("Download your data", () => {
  it("holds no secret of any kind the account keeps", async () => {
    const { secrets, browser } = await personWithEverySecret();
    const { response, text } = await download(browser);
    expect(response.status).toBe(200);
    for (const [kind, values] of Object.entries(secrets)) {
      expect(values.length, kind).toBeGreaterThan(0);
      for (const value of values)
        expect(text.includes(value), `${kind} in the export`).toBe(false);
    }
  });

  it("holds the account, phone, email history, factors, sessions, devices, activity and notices", async () => {
    const { who, browser, links } = await personWithEverySecret();
    const { response, text } = await download(browser);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="twostep-data-\d{4}-\d\d-\d\d\.json"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const data = JSON.parse(text);
    expect(data.format).toBe("twostep-export/1");
    expect(data.account.email).toBe(who.email);
    expect(data.phones.map((p: { number: string }) => p.number)).toEqual([
      who.phone,
    ]);
    expect(data.emailHistory).toHaveLength(links.length);
    expect(data.emailHistory.map((l: { sentTo: string }) => l.sentTo)).toEqual(
      expect.arrayContaining(["new.address@example.net", who.email]),
    );
    expect(
      data.factors.map((f: { kind: string; name: string | null }) => [
        f.kind,
        f.name,
      ]),
    ).toEqual([
      ["totp", null],
      ["recovery_codes", null],
      ["passkey", "Work laptop"],
    ]);
    expect(data.factors[1].recoveryCodes).toEqual({ total: 10, usedAt: [] });
    expect(data.sessions).toEqual([
      expect.objectContaining({ device: "Chrome on Linux", thisBrowser: true }),
    ]);
    expect(data.rememberedDevices).toEqual([
      expect.objectContaining({ name: "Chrome on Linux" }),
    ]);
    expect(data.knownBrowsers).toHaveLength(1);
    expect(data.activity.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining([
        "factor_added",
        "device_remembered",
        "email_change_requested",
      ]),
    );
    expect(data.noticesSent).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          notice: "authenticator added",
          channel: "email",
        }),
        expect.objectContaining({
          notice: "authenticator added",
          channel: "text",
        }),
      ]),
    );
  });

  it("needs a second factor passed in the last 10 minutes", async () => {
    const who = await createTestAccount({
      email: `export${randomInt(1e9)}@example.com`,
      phone: randomMobile("+3364"),
    });
    const stale = await openBrowser(who.id, {
      ageSeconds: FRESH_SECOND_FACTOR_SECONDS + 60,
    });
    const { response, text } = await download(stale);
    expect(response.status).toBe(403);
    expect(JSON.parse(text)).toMatchObject({
      error: { code: "REAUTH_REQUIRED" },
    });
    expect(text).not.toContain(who.email);
  });
});
