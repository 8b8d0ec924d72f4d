import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as login } from "@/app/api/login/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as signup } from "@/app/api/signup/route";
import { closeDb, getDb } from "@/lib/db";
import { countQueries } from "@/test/support/count";
import { listOutbox } from "@/lib/messaging/outbox";
import { runAfterTasks } from "@/test/support/after";
import { resetTables } from "@/test/support/db";
import { clearBrowser, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";

// SQL statements per step through the real route handlers, counted at the driver adapter below
// Prisma (lib/db's counter: BEGIN and COMMIT included), split into what the reply waits for and
// what runs after it (audit rows, through Next's after(), played here by test/support/after).
// Deterministic, so pinned here; the benchmark reports the same counts under load.

vi.mock("next/headers", () => import("@/test/support/next-request"));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (await import("@/test/support/after")).after,
}));

/** Nothing reaches the database until the phone is proven; then the code_sent row. */
const SIGN_UP = { beforeReply: 0, afterReply: 1 };
/** The check lives in the code store; only its code_failed row reaches the database. */
const WRONG_CODE = { beforeReply: 0, afterReply: 1 };
/** BEGIN, the user, its phone, the user read back, COMMIT; then the signup row, whether an account
 * proved the address, the email verification link stored (and earlier unused ones dropped) before
 * it is sent, and the address's sign-ups past their bound. */
const SIGN_UP_CODE = { beforeReply: 5, afterReply: 5 };
/** Nothing: next-auth reads the user when it redeems the challenge into a session. */
const SIGN_IN_CODE = { beforeReply: 0, afterReply: 0 };
/** "Call me instead" on a phone-only sign-in: the store and the limits only; then its code_sent row. */
const SEND_CODE = { beforeReply: 0, afterReply: 1 };
/** The user and its verified phone, side by side; then the login_failure row. */
const PASSWORD_STEP = { beforeReply: 2, afterReply: 1 };
/** A right password also reads which second factors the person has (the strongest goes first). */
const PASSWORD_STEP_PASSED = { beforeReply: 3, afterReply: 1 };

const phone = () => randomMobile("+3361");
const latestCode = (to: string) =>
  listOutbox(to)[0]!
    .text.match(/(\d[. ]*){6}/)![0]!
    .replace(/\D/g, "");
const wrongCode = (code: string) => (code === "000000" ? "111111" : "000000");

beforeEach(async () => {
  clearBrowser();
  await resetTables();
});
// SQL statements counted around node-postgres, which carries every query Prisma sends.
const queries = countQueries();
afterAll(async () => {
  queries.stop();
  await closeDb(await getDb());
});

/** Statements sent before the reply, then those Next's after() runs once it is sent. */
async function queriesOf(
  handler: (request: Request) => Promise<Response>,
  path: string,
  body: object,
  status = 200,
) {
  await getDb();
  const start = queries.count;
  expect((await handler(jsonRequest(path, body))).status).toBe(status);
  const replied = queries.count;
  await runAfterTasks();
  return {
    beforeReply: replied - start,
    afterReply: queries.count - replied,
  };
}

async function signedUp(email: string) {
  const person = { email, password: "long enough pw", phone: phone() };
  await queriesOf(signup, "/api/signup", person);
  const code = latestCode(person.phone);
  await queriesOf(verify, "/api/otp/verify", { code });
  clearBrowser();
  return { phone: person.phone, login: { email, password: person.password } };
}

describe("queries per step", () => {
  it("a sign-up writes nothing before its reply, and its audit row after", async () => {
    const person = { email: "ada@example.com", password: "long enough pw" };
    const body = { ...person, phone: phone() };
    expect(await queriesOf(signup, "/api/signup", body)).toEqual(SIGN_UP);
  });

  it("a wrong code costs the database only its audit row, after the reply", async () => {
    const to = phone();
    const body = { email: "ada@example.com", password: "long enough pw" };
    await queriesOf(signup, "/api/signup", { ...body, phone: to });
    const code = wrongCode(latestCode(to));
    expect(await queriesOf(verify, "/api/otp/verify", { code }, 400)).toEqual(
      WRONG_CODE,
    );
  });

  it("the right code creates the account in one transaction, its audit row after the reply", async () => {
    const to = phone();
    const body = { email: "ada@example.com", password: "long enough pw" };
    await queriesOf(signup, "/api/signup", { ...body, phone: to });
    const code = latestCode(to);
    expect(await queriesOf(verify, "/api/otp/verify", { code })).toEqual(
      SIGN_UP_CODE,
    );
  });

  it("the right code of a sign-up does the same before its reply whether the address is new, waited for by another sign-up, or proven by an account", async () => {
    const body = { email: "ada@example.com", password: "long enough pw" };
    const signUpCode = async () => {
      const to = phone();
      await queriesOf(signup, "/api/signup", { ...body, phone: to });
      const code = latestCode(to);
      const queried = await queriesOf(verify, "/api/otp/verify", { code });
      clearBrowser();
      return queried.beforeReply;
    };
    const fresh = await signUpCode();
    const waited = await signUpCode();
    const db = await getDb();
    const first = await db.user.findFirstOrThrow({
      where: { email: body.email },
      orderBy: { createdAt: "asc" },
    });
    await db.user.update({
      where: { id: first.id },
      data: { emailVerifiedAt: new Date(), verifiedEmail: body.email },
    });
    const proven = await signUpCode();
    expect([fresh, waited, proven]).toEqual(
      Array(3).fill(SIGN_UP_CODE.beforeReply),
    );
  });

  it("the right code for a sign-in reads and writes nothing", async () => {
    const person = await signedUp("grace@example.com");
    await queriesOf(login, "/api/login", person.login);
    const code = latestCode(person.phone);
    expect(await queriesOf(verify, "/api/otp/verify", { code })).toEqual(
      SIGN_IN_CODE,
    );
  });

  it("a call instead of the text on a phone-only sign-in reads nothing before its reply, its audit row after", async () => {
    const person = await signedUp("hedy@example.com");
    await queriesOf(login, "/api/login", person.login);
    expect(
      await queriesOf(send, "/api/otp/send", { channel: "voice" }),
    ).toEqual(SEND_CODE);
  });

  it("the password step reads the user and its phone, and once passed its factors, its audit row after the reply", async () => {
    const person = await signedUp("alan@example.com");
    const wrong = { ...person.login, password: "not the password" };
    expect(await queriesOf(login, "/api/login", wrong, 401)).toEqual(
      PASSWORD_STEP,
    );
    expect(await queriesOf(login, "/api/login", person.login)).toEqual(
      PASSWORD_STEP_PASSED,
    );
  });

  it("the password step for an unknown email reads the database as a wrong password does", async () => {
    const unknown = { email: "nobody@example.com", password: "long enough pw" };
    expect(await queriesOf(login, "/api/login", unknown, 401)).toEqual(
      PASSWORD_STEP,
    );
  });
});
