import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadCommonPasswords } from "@/lib/password/breach/common";
import { checkNewPassword } from "./check";
import { passwordContextWords } from "./context";
import nock from "@/test/support/nock";

// What a new password may not be: a common one (shipped list), one seen in a breach (Have I Been
// Pwned, when turned on) or one built from the product's name, the site's domain or the
// person's own email name.

const HIBP = "https://api.pwnedpasswords.com";
const random = () => randomBytes(18).toString("base64url");

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("checkNewPassword against the shipped list", () => {
  it.each([
    "password123",
    "Password123",
    "qwertyuiop",
    "trustno1",
    "iloveyou1",
  ])("refuses %s as too common", async (password) => {
    expect(await checkNewPassword(password, {})).toEqual({
      ok: false,
      error: "PASSWORD_TOO_COMMON",
    });
  });

  it("accepts a random long password and a passphrase", async () => {
    expect(await checkNewPassword(random(), {})).toEqual({ ok: true });
    expect(await checkNewPassword("correct horse battery", {})).toEqual({
      ok: true,
    });
  });

  it("loads the 100,000 most common once, keeping those long enough to be typed at all", async () => {
    const list = await loadCommonPasswords();
    expect(await loadCommonPasswords()).toBe(list);
    expect(list.size).toBeGreaterThan(38_000);
    expect(list.has("password")).toBe(true);
    expect([...list].every((p) => p.length >= 8 && p === p.toLowerCase())).toBe(
      true,
    );
  });
});

describe("context words", () => {
  it("refuses the product's name in any case or spacing", async () => {
    for (const password of ["MyTwostep!2025", "two-step secret", "TWO STEP 99"])
      expect(await checkNewPassword(password, {})).toEqual({
        ok: false,
        error: "PASSWORD_CONTAINS_NAME",
      });
  });

  it("refuses the person's own email name", async () => {
    const email = "ann.smith+shop@example.com";
    for (const password of [
      "ann.smith1990!",
      "Ann Smith forever",
      "xxannsmithxx",
    ])
      expect(await checkNewPassword(password, { email })).toEqual({
        ok: false,
        error: "PASSWORD_CONTAINS_NAME",
      });
    expect(await checkNewPassword("a smith of anns", { email })).toEqual({
      ok: true,
    });
  });

  it("refuses the app's host (localhost in tests) and takes its words from APP_URL", async () => {
    expect(await checkNewPassword("my-localhost-pass", {})).toMatchObject({
      error: "PASSWORD_CONTAINS_NAME",
    });
    expect(
      passwordContextWords({ appHost: "www.acme-login.example.org" }),
    ).toEqual(["twostep", "acmeloginexampleorg", "acmelogin", "example"]);
    expect(passwordContextWords({ appHost: "127.0.0.1" })).toEqual(["twostep"]);
  });

  it("skips email names too short to mean anything", async () => {
    expect(passwordContextWords({ email: "jo@x.io", appHost: "x.io" })).toEqual(
      ["twostep"],
    );
    expect(
      await checkNewPassword("jo walks the dog", { email: "jo@x.io" }),
    ).toEqual({ ok: true });
  });
});

describe("checkNewPassword with PASSWORD_BREACH_CHECK=hibp", () => {
  async function withHibp() {
    vi.stubEnv("PASSWORD_BREACH_CHECK", "hibp");
    vi.resetModules();
    nock.disableNetConnect();
    return (await import("./check")).checkNewPassword;
  }
  const sha1 = (s: string) =>
    createHash("sha1").update(s).digest("hex").toUpperCase();

  it("refuses a password the range API lists as breached", async () => {
    const check = await withHibp();
    const password = random();
    const hash = sha1(password);
    nock(HIBP)
      .get(`/range/${hash.slice(0, 5)}`)
      .matchHeader("add-padding", "true")
      .reply(200, `${hash.slice(5)}:3\r\n${"0".repeat(35)}:0`);
    expect(await check(password, {})).toEqual({
      ok: false,
      error: "PASSWORD_TOO_COMMON",
    });
    expect(nock.isDone()).toBe(true);
  });

  it("accepts on the shipped list alone, with a warning, when the service is unreachable", async () => {
    const check = await withHibp();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    let requests = 0;
    nock(HIBP)
      .get(/.*/)
      .times(2)
      .replyWithError("getaddrinfo ENOTFOUND")
      .on("request", () => requests++);
    expect(await check(random(), {})).toEqual({ ok: true });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining("Have I Been Pwned unreachable"),
    );
    // The shipped list still refuses, before any request is made.
    expect(await check("password123", {})).toMatchObject({
      error: "PASSWORD_TOO_COMMON",
    });
    expect(requests).toBe(1);
  });
});
