import { randomInt } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { FRESH_SECOND_FACTOR_SECONDS } from "@/lib/factors/policy";
import { getSessionStore } from "@/lib/sessions";
import {
  listSignedInDevices,
  sessionHandle,
} from "@/lib/steps/manage-sessions";
import { createTestAccount } from "@/test/support/accounts";
import {
  openBrowser,
  postFrom,
  setUpAccountRouteSuite,
  type SignedInBrowser,
} from "@/test/support/account-session";
import { randomMobile } from "@/test/support/phones";
import { POST as signOutOne } from "./sessions/sign-out/route";
import { POST as signOutOthers } from "./sessions/sign-out-others/route";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// "Signed-in devices" through the real routes and session store: ending a session from the list
// refuses its cookie from the next request on, "everywhere else" keeps the browser asking, and
// neither works without a second factor from the last 10 minutes.

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0 Safari/537.36";
const IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile/15E148 Safari/604.1";

async function person() {
  const account = await createTestAccount({
    email: `s${randomInt(1e9)}@example.com`,
    phone: randomMobile("+3362"),
  });
  return account.id;
}

const browser = (userId: string, userAgent: string, ageSeconds = 0) =>
  openBrowser(userId, { ip: "203.0.113.5", userAgent, ageSeconds });

const post = (
  handler: (r: Request) => Promise<Response>,
  path: string,
  from: SignedInBrowser,
  body: object = {},
) => postFrom(from, handler, path, body);

const live = async (userId: string) =>
  (await getSessionStore().listSessions(userId, Date.now())).map((s) => s.id);

setUpAccountRouteSuite();

describe("signed-in devices", () => {
  it("are listed with browser, system and address, this browser first and marked, without their session ids", async () => {
    const userId = await person();
    const laptop = await browser(userId, CHROME);
    const phone = await browser(userId, IPHONE);
    const list = await listSignedInDevices(userId, phone.sid);
    expect(list.map((d) => [d.name, d.ip, d.current])).toEqual([
      ["Safari on iOS", "203.0.113.5", true],
      ["Chrome on Linux", "203.0.113.5", false],
    ]);
    expect(JSON.stringify(list)).not.toContain(laptop.sid);
    expect(JSON.stringify(list)).not.toContain(phone.sid);
  });

  it("a session ended from the list is refused on its next request", async () => {
    const userId = await person();
    const [mine, stolen] = [
      await browser(userId, CHROME),
      await browser(userId, IPHONE),
    ];
    const ended = await post(
      signOutOne,
      "/api/account/sessions/sign-out",
      mine,
      {
        id: sessionHandle(stolen.sid),
      },
    );
    expect(ended).toEqual({ status: 200, json: { ok: true, current: false } });
    expect(await live(userId)).toEqual([mine.sid]);

    // The ended browser's next request, with its still well-signed cookie.
    const next = await post(
      signOutOthers,
      "/api/account/sessions/sign-out-others",
      stolen,
    );
    expect(next).toMatchObject({
      status: 401,
      json: { error: { code: "NOT_SIGNED_IN" } },
    });
    expect(await live(userId)).toEqual([mine.sid]);
    const audit = await (
      await getDb()
    ).authEvent.findFirst({
      where: { userId, type: "sign_out" },
    });
    expect(audit?.detail).toEqual({ ended: "device", name: "Safari on iOS" });
  });

  it("signing out this browser's own row ends its session and says so", async () => {
    const userId = await person();
    const mine = await browser(userId, CHROME);
    const ended = await post(
      signOutOne,
      "/api/account/sessions/sign-out",
      mine,
      {
        id: sessionHandle(mine.sid),
      },
    );
    expect(ended).toEqual({ status: 200, json: { ok: true, current: true } });
    expect(await live(userId)).toEqual([]);
  });

  it("cannot end another person's session", async () => {
    const owner = await person();
    const theirs = await browser(owner, CHROME);
    const stranger = await browser(await person(), CHROME);
    const tried = await post(
      signOutOne,
      "/api/account/sessions/sign-out",
      stranger,
      {
        id: sessionHandle(theirs.sid),
      },
    );
    expect(tried).toMatchObject({
      status: 404,
      json: { error: { code: "SESSION_NOT_FOUND" } },
    });
    expect(await live(owner)).toEqual([theirs.sid]);
  });

  it("'everywhere else' ends every other session and keeps the current one", async () => {
    const userId = await person();
    const others = [
      await browser(userId, IPHONE),
      await browser(userId, CHROME),
    ];
    const mine = await browser(userId, CHROME);
    const done = await post(
      signOutOthers,
      "/api/account/sessions/sign-out-others",
      mine,
    );
    expect(done).toEqual({ status: 200, json: { ok: true, ended: 2 } });
    expect(await live(userId)).toEqual([mine.sid]);
    for (const other of others) {
      const next = await post(
        signOutOthers,
        "/api/account/sessions/sign-out-others",
        other,
      );
      expect(next.status).toBe(401);
    }
    const again = await post(
      signOutOthers,
      "/api/account/sessions/sign-out-others",
      mine,
    );
    expect(again).toEqual({ status: 200, json: { ok: true, ended: 0 } });
  });

  it("need a second factor from the last 10 minutes, else ask to sign in again and end nothing", async () => {
    const userId = await person();
    const other = await browser(userId, IPHONE);
    const stale = await browser(
      userId,
      CHROME,
      FRESH_SECOND_FACTOR_SECONDS + 1,
    );
    for (const [handler, path, body] of [
      [signOutOthers, "/api/account/sessions/sign-out-others", {}],
      [
        signOutOne,
        "/api/account/sessions/sign-out",
        { id: sessionHandle(other.sid) },
      ],
    ] as const) {
      expect(await post(handler, path, stale, body)).toMatchObject({
        status: 403,
        json: { error: { code: "REAUTH_REQUIRED" } },
      });
    }
    expect((await live(userId)).sort()).toEqual([other.sid, stale.sid].sort());
  });

  it("are limited by the pace of account changes", async () => {
    const userId = await person();
    const mine = await browser(userId, CHROME);
    let status = 200;
    for (let i = 0; i < 50 && status === 200; i++)
      status = (
        await post(signOutOthers, "/api/account/sessions/sign-out-others", mine)
      ).status;
    expect(status).toBe(429);
  });
});
