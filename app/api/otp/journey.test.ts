import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as signup } from "@/app/api/signup/route";
import { getDb } from "@/lib/db";
import { listOutbox } from "@/lib/messaging/outbox";
import { resetTables } from "@/test/support/db";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { randomMobile } from "@/test/support/phones";
import { POST as send } from "./send/route";
import { POST as verify } from "./verify/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// Whole signups through the real route handlers, Postgres and the outbox.

const phone = () => randomMobile("+3361");
const latestCode = (to: string) =>
  listOutbox(to)[0]!
    .text.match(/(\d[. ]*){6}/)![0]!
    .replace(/\D/g, "");

async function post(
  handler: (r: Request) => Promise<Response>,
  path: string,
  body: object,
) {
  const response = await handler(
    jsonRequest(path, body, { ip: "198.51.100.7" }),
  );
  return { status: response.status, json: await response.json() };
}

beforeEach(async () => {
  cookieJar.clear();
  await resetTables();
});
afterEach(() => vi.restoreAllMocks());

describe("a signup", () => {
  it("abandoned before its code leaves nothing that blocks the email or the number", async () => {
    const person = {
      email: "ada@example.com",
      password: "long enough pw",
      phone: phone(),
    };
    expect((await post(signup, "/api/signup", person)).status).toBe(200);
    const db = await getDb();
    expect(await db.user.count()).toBe(0);

    cookieJar.clear(); // gone; the same person comes back in another browser
    expect((await post(signup, "/api/signup", person)).status).toBe(200);
    const code = latestCode(person.phone);
    expect((await post(verify, "/api/otp/verify", { code })).status).toBe(200);
    const user = await db.user.findFirst({
      where: { email: person.email },
      include: { phones: true },
    });
    expect(user?.phones).toMatchObject([
      { number: person.phone, verifiedNumber: person.phone },
    ]);
  });

  it("never writes a code to a log line or the database", async () => {
    const logged: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(" "));
      });
    }
    const person = {
      email: "grace@example.com",
      password: "long enough pw",
      phone: phone(),
    };
    expect(await post(signup, "/api/signup", person)).toMatchObject({
      status: 200,
    });
    const codes = [latestCode(person.phone)];
    const wrong = codes[0] === "000000" ? "111111" : "000000";
    expect(
      (await post(verify, "/api/otp/verify", { code: wrong })).status,
    ).toBe(400);
    expect(
      (await post(send, "/api/otp/send", { channel: "voice" })).status,
    ).toBe(200);
    codes.push(latestCode(person.phone));
    expect(
      (await post(verify, "/api/otp/verify", { code: codes[1] })).status,
    ).toBe(200);

    const db = await getDb();
    const rows = JSON.stringify([
      await db.user.findMany(),
      await db.phone.findMany(),
      await db.authEvent.findMany(),
    ]);
    expect(JSON.parse(rows)[2].length).toBeGreaterThanOrEqual(3); // signup, code sent, code failed…
    for (const code of codes) {
      expect(rows).not.toContain(code);
      expect(logged.join("\n")).not.toContain(code);
    }
  });
});
