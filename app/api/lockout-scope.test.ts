import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as passkeyVerify } from "@/app/api/otp/passkey/verify/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { DISABLE_AFTER_FAILURES } from "@/lib/challenge/policy";
import { savePasskey } from "@/lib/factors/passkey-records";
import { RECOVERY_CODE_CHARS } from "@/lib/factors/policy";
import { challengeCookieName } from "@/lib/http/challenge-cookie";
import { deviceCookieName } from "@/lib/http/device-cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { getChallengeStore } from "@/lib/store";
import { changePassword } from "@/lib/steps/change-password";
import { generateRecoveryCodeSet } from "@/lib/steps/generate-recovery-codes";
import { readLockout } from "@/lib/steps/lockout";
import { createTestAccount } from "@/test/support/accounts";
import { accountContext } from "@/test/support/context";
import { resetTables } from "@/test/support/db";
import { codeFromSmsText } from "@/test/support/messenger";
import {
  clearBrowser,
  cookieJar,
  jsonRequest,
} from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Behind one trusted proxy, so each client's address is its own. Send limits are raised: these
// strangers sign in more often than an hour allows, and that is not what is tested here.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY_HOPS = "1";
  process.env.LIMIT_SENDS_PER_PHONE_PER_HOUR = "1000";
  process.env.LIMIT_SENDS_PER_ACCOUNT_PER_HOUR = "1000";
  process.env.LIMIT_SENDS_PER_IP_PER_HOUR = "1000";
  process.env.LIMIT_LOGINS_PER_IP_PER_15_MIN = "1000";
});

// Someone who knows the owner's password (phished, reused) tries to keep the owner out with wrong
// answers, through the real routes (embedded store and limiters, real Postgres, the outbox). Their
// wrong codes pause their own client; a junk passkey is no guess; their wrong recovery codes have
// a count of their own; and the owner's own address, passkey, recovery code and remembered browser
// are never refused for any of it.

const PASSWORD = "plum-ferry-quartz-73";
const HOUR = 3_600_000;
let addresses = 0;
const newAddress = () => `203.0.113.${addresses++}`;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  await resetTables();
});
afterAll(() => vi.useRealTimers());

async function owner(opts: { passkey?: boolean } = {}) {
  const person = await createTestAccount({
    email: `owner-${randomUUID()}@example.com`,
    phone: randomMobile("+3361"),
    password: PASSWORD,
    emailVerified: true,
  });
  if (opts.passkey) {
    const credentialId = randomBytes(16).toString("base64url");
    await savePasskey(person.id, "Phone", {
      credentialId,
      publicKey: new Uint8Array([1]),
      counter: 0,
      transports: [],
    });
  }
  return { ...person, address: newAddress() };
}
type Owner = Awaited<ReturnType<typeof owner>>;

async function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
  ip: string,
) {
  const r = await handler(jsonRequest(path, body, { ip }));
  const json = await r.json();
  return `${r.status} ${json.error?.code ?? "ok"}`;
}

/** A new browser's password step from `ip`: its reply. */
function passwordStep(o: Owner, ip: string) {
  clearBrowser();
  return post(login, "/api/login", { email: o.email, password: PASSWORD }, ip);
}

const latestCode = (o: Owner) => codeFromSmsText(listOutbox(o.phone)[0]!.text);
const wrongFor = (code: string) =>
  String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** The stranger: a password step from `ip` and `n` wrong texted codes on it; every reply. */
async function strangerGuesses(o: Owner, ip: string, n: number) {
  const step = await passwordStep(o, ip);
  if (step !== "200 ok") return [step];
  const wrong = wrongFor(latestCode(o));
  const replies = [];
  for (let i = 0; i < n; i++)
    replies.push(await post(verify, "/api/otp/verify", { code: wrong }, ip));
  return replies;
}

/** The owner, from their own address in a new browser: password, then the texted code. */
async function ownerSignsInByText(o: Owner, remember = false) {
  const sent = listOutbox(o.phone).length;
  const step = await passwordStep(o, o.address);
  if (step !== "200 ok") return step;
  if (!cookieJar.has(challengeCookieName())) return "no challenge";
  // A passkey account is asked for its passkey first: "Text me a code" sends one.
  if (listOutbox(o.phone).length === sent)
    await post(send, "/api/otp/send", { channel: "sms" }, o.address);
  if (listOutbox(o.phone).length === sent) return "no code sent";
  const code = latestCode(o);
  return post(verify, "/api/otp/verify", { code, remember }, o.address);
}

const JUNK_ASSERTION = {
  id: "AAAAAAAAAAAAAAAAAAAAAA",
  rawId: "AAAAAAAAAAAAAAAAAAAAAA",
  type: "public-key",
  clientExtensionResults: {},
  response: {
    clientDataJSON: "AAAA",
    authenticatorData: "AAAA",
    signature: "AAAA",
  },
};

describe("a stranger who knows the password", () => {
  it("pauses only their own client with wrong codes, one an hour after the 13th, while the owner signs in from theirs", async () => {
    const o = await owner();
    const stranger = newAddress();
    const replies = [];
    for (let login = 0; login < 4; login++)
      replies.push(...(await strangerGuesses(o, stranger, 4)));
    // The 10th wrong code paused the stranger's client; each further one there is refused.
    expect(replies.slice(0, 9)).toEqual(Array(9).fill("400 WRONG_CODE"));
    expect(replies[9]).toMatch(/ACCOUNT_LOCKED/);
    // Then one wrong code an hour, for a day: the stranger stays paused…
    for (let hour = 1; hour <= 24; hour++) {
      vi.setSystemTime(Date.now() + HOUR);
      await strangerGuesses(o, stranger, 1);
    }
    const texts = listOutbox(o.phone).length;
    expect(await passwordStep(o, stranger)).toMatch(/ACCOUNT_LOCKED/);
    // …and is texted no code to the owner's phone while paused.
    expect(listOutbox(o.phone)).toHaveLength(texts);
    // The owner, from their own address, signs in by a texted code all along.
    expect(await ownerSignsInByText(o)).toBe("200 ok");
  });

  it("pausing twice makes the owner's account page ask for a new password, until they change it", async () => {
    const o = await owner();
    const stranger = newAddress();
    const lockout = () =>
      readLockout({ store: getChallengeStore(), now: Date.now }, o.id);
    for (let login = 0; login < 3; login++)
      await strangerGuesses(o, stranger, 4);
    expect(await lockout()).toMatchObject({
      recentPauses: 1,
      pausedClients: 1,
      changePasswordAdvised: false,
    });
    vi.setSystemTime(Date.now() + 61_000);
    expect(await strangerGuesses(o, stranger, 1)).toEqual([
      expect.stringMatching(/ACCOUNT_LOCKED/),
    ]);
    expect(await lockout()).toMatchObject({
      recentPauses: 2,
      changePasswordAdvised: true,
    });
    const ctx = accountContext(o, {
      request: { ip: o.address, userAgent: "vitest" },
    });
    const changed = await changePassword(ctx, {
      currentPassword: PASSWORD,
      newPassword: "a fresh unguessed passphrase 42",
    });
    expect(changed).toEqual({ ok: true });
    expect(await lockout()).toMatchObject({
      recentPauses: 0,
      changePasswordAdvised: false,
    });
  });

  it("gets a junk passkey assertion refused without it pausing anything", async () => {
    const o = await owner({ passkey: true });
    const stranger = newAddress();
    const replies = [];
    for (let login = 0; login < 8; login++) {
      expect(await passwordStep(o, stranger)).toBe("200 ok");
      for (let i = 0; i < 4; i++)
        replies.push(
          await post(
            passkeyVerify,
            "/api/otp/passkey/verify",
            { response: JUNK_ASSERTION },
            stranger,
          ),
        );
    }
    expect(new Set(replies)).toEqual(new Set(["400 PASSKEY_FAILED"]));
    const state = await readLockout(
      { store: getChallengeStore(), now: Date.now },
      o.id,
    );
    expect(state).toMatchObject({ codeFailuresInARow: 0, pausedClients: 0 });
    // The same stranger's client is not even paused for codes; the owner signs in.
    expect(await ownerSignsInByText(o)).toBe("200 ok");
  });

  it("gets their wrong recovery codes counted apart: the owner's own recovery code still signs in", async () => {
    const o = await owner();
    const set = await generateRecoveryCodeSet(accountContext(o));
    if (!set.ok) throw new Error(set.error);
    const stranger = newAddress();
    const replies = [];
    for (let login = 0; login < 4; login++) {
      expect(await passwordStep(o, stranger)).toBe("200 ok");
      for (let i = 0; i < 4; i++)
        replies.push(
          await post(
            verify,
            "/api/otp/verify",
            { factor: "recovery", code: "A".repeat(RECOVERY_CODE_CHARS) },
            stranger,
          ),
        );
    }
    // The stranger's recovery codes are paused from their 10th wrong one…
    expect(replies.slice(0, 9)).toEqual(Array(9).fill("400 WRONG_CODE"));
    expect(replies.slice(9).every((r) => /ACCOUNT_LOCKED/.test(r))).toBe(true);
    // …which pauses nobody's texted codes, and not the owner's recovery code.
    expect(
      await readLockout({ store: getChallengeStore(), now: Date.now }, o.id),
    ).toMatchObject({ codeFailuresInARow: 0, recoveryFailuresInARow: 10 });
    expect(await passwordStep(o, o.address)).toBe("200 ok");
    expect(
      await post(
        verify,
        "/api/otp/verify",
        { factor: "recovery", code: set.codes[0] },
        o.address,
      ),
    ).toBe("200 ok");
  });

  it("never keeps the owner's remembered browser out: not while paused, not once codes are switched off", async () => {
    const o = await owner();
    expect(await ownerSignsInByText(o, true)).toBe("200 ok");
    const device = cookieJar.get(deviceCookieName())!;
    expect(device).toBeTruthy();
    // Wrong codes from enough clients to reach the account's bound: codes are switched off.
    const last = [];
    for (let i = 0; i * 4 < DISABLE_AFTER_FAILURES; i++)
      last.push(...(await strangerGuesses(o, newAddress(), 4)));
    expect(last.at(-1)).toMatch(/ACCOUNT_DISABLED/);
    // A new browser's password step opens a step that takes no code (its page offers only "Lost
    // your phone and codes?") and texts nothing.
    const texts = listOutbox(o.phone).length;
    expect(await passwordStep(o, o.address)).toBe("200 ok");
    expect(listOutbox(o.phone)).toHaveLength(texts);
    // The owner's remembered browser, even from the stranger's last address, signs straight in.
    clearBrowser();
    cookieJar.set(deviceCookieName(), device);
    const r = await login(
      jsonRequest(
        "/api/login",
        { email: o.email, password: PASSWORD },
        { ip: o.address },
      ),
    );
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ signIn: true });
    // Its success switched the account's codes back on.
    expect(await ownerSignsInByText(o)).toBe("200 ok");
  });
});
