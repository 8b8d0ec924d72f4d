import { randomUUID } from "node:crypto";
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { POST as chooseSignedIn } from "@/app/api/account/language/route";
import { POST as chooseAnonymous } from "@/app/api/language/route";
import { POST as login } from "@/app/api/login/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as signup } from "@/app/api/signup/route";
import { closeDb, getDb } from "@/lib/db";
import { LOCALE_COOKIE } from "@/lib/i18n/cookie";
import { listOutbox } from "@/lib/messaging/outbox";
import { createTestAccount } from "@/test/support/accounts";
import { openBrowser, SESSION_COOKIE } from "@/test/support/account-session";
import { resetTables } from "@/test/support/db";
import {
  createNextAuthClient,
  verifiedChallenge,
} from "@/test/support/next-auth";
import {
  installNextHeadersForCjs,
  withRequest,
} from "@/test/support/next-headers-cjs";
import {
  clearBrowser,
  cookieJar,
  cookieOptions,
  jsonRequest,
} from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// Choosing a language through the pickers' routes, and the language of the texts and calls that
// follow: through the real route handlers, Postgres and the outbox.

installNextHeadersForCjs();
const nextAuth = createNextAuthClient(
  await import("@/app/api/auth/[...nextauth]/route"),
);

const APP = "http://localhost:3000";
const PASSWORD = "plum-ferry-quartz-71";

beforeAll(() => resetTables());
beforeEach(() => clearBrowser());
afterAll(async () => closeDb(await getDb()));

/** The picker's plain form post, as a browser sends it (with the session cookie when given). */
async function pick(
  handler: (r: Request) => Promise<Response>,
  path: string,
  locale: string,
  opts: { session?: string; origin?: string } = {},
) {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    origin: opts.origin ?? APP,
  };
  if (opts.session) {
    headers.cookie = `${SESSION_COOKIE}=${opts.session}`;
    cookieJar.set(SESSION_COOKIE, opts.session);
  }
  const request = new Request(`${APP}${path}`, {
    method: "POST",
    headers,
    body: new URLSearchParams({ locale }).toString(),
  });
  // next-auth reads the session through its own require("next/headers").
  return withRequest(new Request(request.url, { headers }), () =>
    handler(request),
  );
}

async function savedLocale(userId: string) {
  const db = await getDb();
  return (await db.user.findUnique({ where: { id: userId } }))?.locale;
}

async function person(locale: "fr" | "de" | null = null) {
  return createTestAccount({
    email: `lang-${randomUUID()}@example.com`,
    phone: randomMobile("+3361"),
    password: PASSWORD,
    emailVerified: true,
    locale,
  });
}

const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) => handler(jsonRequest(path, body, { ip: "198.51.100.23" }));

const latest = (to: string, channel: "sms" | "voice") =>
  listOutbox(to).find((e) => e.channel === channel)!.text;
const codeIn = (text: string) =>
  text.match(/(\d[. ]*){6}/)![0]!.replace(/\D/g, "");

describe("choosing a language", () => {
  it("sets a browser's cookie when no one is signed in, and takes it back to the page", async () => {
    const response = await pick(chooseAnonymous, "/api/language", "fr");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect(cookieJar.get(LOCALE_COOKIE)).toBe("fr");
    expect(cookieOptions.get(LOCALE_COOKIE)).toMatchObject({
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 365 * 24 * 60 * 60,
    });
  });

  it("saves a signed-in person's choice with the account and sets the cookie too", async () => {
    const ada = await person();
    const browser = await openBrowser(ada.id);
    const response = await pick(chooseSignedIn, "/api/account/language", "de", {
      session: browser.value,
    });
    expect(response.status).toBe(303);
    expect(await savedLocale(ada.id)).toBe("de");
    expect(cookieJar.get(LOCALE_COOKIE)).toBe("de");
  });

  it("saves nothing for a browser that is not signed in", async () => {
    const response = await pick(chooseSignedIn, "/api/account/language", "de");
    expect(response.status).toBe(401);
    expect(cookieJar.has(LOCALE_COOKIE)).toBe(false);
  });

  it("refuses a language that is not one of ours, and sets nothing", async () => {
    for (const locale of ["it", "pt-br", "en; Domain=evil.example"]) {
      const response = await pick(chooseAnonymous, "/api/language", locale);
      expect(response.status).toBe(400);
    }
    expect(cookieJar.has(LOCALE_COOKIE)).toBe(false);
  });

  it("refuses a choice posted from another site", async () => {
    const ada = await person("fr");
    const browser = await openBrowser(ada.id);
    const response = await pick(chooseSignedIn, "/api/account/language", "de", {
      session: browser.value,
      origin: "https://evil.example",
    });
    expect(response.status).toBe(403);
    expect(await savedLocale(ada.id)).toBe("fr");
  });
});

describe("texts and calls in the person's language", () => {
  it("texts a French account's sign-in code in French, and its call speaks French", async () => {
    const amelie = await person("fr");
    const login_ = { email: amelie.email, password: PASSWORD };
    expect((await post(login, "/api/login", login_)).status).toBe(200);
    const text = latest(amelie.phone, "sms");
    expect(text).toMatch(
      /^Votre code Twostep est \d{6}\. Il expire dans 5 minutes\. Ne le partagez avec personne\.\n\n@localhost #\d{6}$/,
    );
    expect(
      (await post(send, "/api/otp/send", { channel: "voice" })).status,
    ).toBe(200);
    const call = latest(amelie.phone, "voice");
    expect(call).toMatch(
      /^Votre code Twostep est : (\d\. ){5}\d\. Je répète : /,
    );
  });

  it("texts an account with no saved language in English, as before", async () => {
    const grace = await person(null);
    const body = { email: grace.email, password: PASSWORD };
    expect((await post(login, "/api/login", body)).status).toBe(200);
    expect(latest(grace.phone, "sms")).toMatch(/^Your Twostep code is \d{6}\./);
  });

  it("texts a sign-up read in Portuguese in Portuguese, and saves Portuguese with its account", async () => {
    cookieJar.set(LOCALE_COOKIE, "pt-BR");
    const newcomer = {
      email: `novo-${randomUUID()}@example.com`,
      password: PASSWORD,
      phone: randomMobile("+3361"),
    };
    expect((await post(signup, "/api/signup", newcomer)).status).toBe(200);
    const text = latest(newcomer.phone, "sms");
    expect(text).toMatch(/^Twostep: use \d{6} para continuar\./);
    const code = codeIn(text);
    expect((await post(verify, "/api/otp/verify", { code })).status).toBe(200);
    const db = await getDb();
    const made = await db.user.findFirst({ where: { email: newcomer.email } });
    expect(made?.locale).toBe("pt-BR");
  });

  it("brings the account's saved language to the browser it signs in on", async () => {
    const hans = await person("de");
    cookieJar.set(LOCALE_COOKIE, "fr"); // someone else's choice on this browser
    const challenge = await verifiedChallenge(hans.id, hans.phone);
    const { cookie } = await nextAuth.signIn(challenge);
    expect(cookie).toBeTruthy();
    expect(cookieJar.get(LOCALE_COOKIE)).toBe("de");
  });
});
