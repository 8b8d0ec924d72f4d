import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { listOutbox } from "@/lib/messaging/outbox";
import { createTestAccount } from "@/test/support/accounts";
import { codeFromSmsText } from "@/test/support/messenger";
import {
  clearBrowser,
  cookieJar,
  cookieOptions,
  jsonRequest,
} from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { recordExact } from "@/test/security/figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// The challenge cookie binds the code step to the browser that passed the password. On https it
// carries the __Host- prefix: the browser then keeps it only if Secure, host-only and for path /,
// so a sibling subdomain can neither plant one nor overwrite it. Through the real password step;
// the security report (`npm run test:security`) prints what the https run recorded.

const SECTION = "bodies, calls, callbacks, cookie";
const PASSWORD = "plum-ferry-quartz-71";

async function loadApp(appUrl: string) {
  vi.unstubAllEnvs();
  vi.stubEnv("APP_URL", appUrl);
  vi.resetModules();
  return {
    login: (await import("@/app/api/login/route")).POST,
    verify: (await import("@/app/api/otp/verify/route")).POST,
    redeem: (await import("@/lib/auth/redeem")).redeemSecondFactor,
  };
}
afterAll(() => vi.unstubAllEnvs());

/** A new account, and its password step passed in a new browser; the code its phone got. */
async function passwordStep(app: Awaited<ReturnType<typeof loadApp>>) {
  const email = `cookie-${randomUUID()}@example.com`;
  const phone = randomMobile("+3361");
  const made = await createTestAccount({ email, phone, password: PASSWORD });
  clearBrowser();
  const res = await app.login(
    jsonRequest("/api/login", { email, password: PASSWORD }),
  );
  expect(res.status).toBe(200);
  return {
    status: res.status,
    userId: made.id,
    code: codeFromSmsText(listOutbox(phone)[0]!.text),
  };
}

describe("the challenge cookie", () => {
  it("is __Host-twostep_challenge, Secure, httpOnly and host-only for / when APP_URL is https", async () => {
    const app = await loadApp("https://twostep.example");
    const { status, userId, code } = await passwordStep(app);
    const [name = "none"] = [...cookieJar.keys()];
    const o = cookieOptions.get(name) ?? {};
    recordExact(
      SECTION,
      `challenge cookie on https (login ${status})`,
      [
        name,
        o.secure ? "Secure" : "not Secure",
        o.httpOnly ? "HttpOnly" : "readable by scripts",
        `Path=${String(o.path)}`,
        o.domain ? `Domain=${String(o.domain)}` : "host-only",
      ].join("; "),
      "__Host-twostep_challenge; Secure; HttpOnly; Path=/; host-only",
    );
    expect([...cookieJar.keys()]).toEqual(["__Host-twostep_challenge"]);
    const options = cookieOptions.get("__Host-twostep_challenge")!;
    expect(options).toMatchObject({
      secure: true,
      httpOnly: true,
      path: "/",
      sameSite: "lax",
    });
    expect(options.domain).toBeUndefined();
    // The code step and next-auth read it under that name.
    const id = cookieJar.get("__Host-twostep_challenge")!;
    expect(
      (await app.verify(jsonRequest("/api/otp/verify", { code }))).status,
    ).toBe(200);
    expect(await app.redeem(`__Host-twostep_challenge=${id}`)).toMatchObject({
      id: userId,
    });
  });

  it("ignores a cookie without the prefix on https, as a sibling subdomain could plant", async () => {
    const app = await loadApp("https://twostep.example");
    const { code } = await passwordStep(app);
    const id = cookieJar.get("__Host-twostep_challenge")!;
    clearBrowser();
    cookieJar.set("twostep_challenge", id);
    const planted = await app.verify(jsonRequest("/api/otp/verify", { code }));
    expect(planted.status).toBe(401);
    expect((await planted.json()).error.code).toBe("NO_CHALLENGE");
    expect(await app.redeem(`twostep_challenge=${id}`)).toBeNull();
  });

  it("is twostep_challenge, not Secure, on plain http (local development)", async () => {
    const app = await loadApp("http://localhost:3000");
    await passwordStep(app);
    expect([...cookieJar.keys()]).toEqual(["twostep_challenge"]);
    expect(cookieOptions.get("twostep_challenge")).toMatchObject({
      secure: false,
      httpOnly: true,
    });
  });
});
