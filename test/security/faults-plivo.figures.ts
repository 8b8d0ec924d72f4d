import nock from "@/test/support/nock";
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  vi,
} from "vitest";
import { GET as status } from "@/app/api/otp/status/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as signup } from "@/app/api/signup/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { closeDb, getDb } from "@/lib/db";
import { codeFromSmsText } from "@/test/support/messenger";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { recordFigure } from "./figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// The real Plivo messenger with a short deadline, its HTTP answered by nock: the app sees exactly
// what plivo 4.79 throws for each failure.
vi.mock("@/lib/messaging", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/messaging")>();
  const { createPlivoMessenger } = await import("@/lib/messaging/plivo");
  const messenger = createPlivoMessenger({
    authId: "MAFAULTFAULTFAULT000", // AUTH_ID: the factory is hoisted above it
    authToken: "fault-token",
    from: "+14155550100",
    timeoutMs: 300,
  });
  return { ...real, getMessenger: () => messenger };
});
vi.hoisted(() => void (process.env.RESEND_COOLDOWN_SECONDS = "0"));

const AUTH_ID = "MAFAULTFAULTFAULT000";
const API = "https://api.plivo.com";
const MESSAGES = `/v1/Account/${AUTH_ID}/Message/`;
const SECTION = "faults: Plivo";

const FAULTS: [string, (scope: nock.Interceptor) => void][] = [
  [
    "bad credentials (401)",
    (s) => void s.reply(401, { error: "Authentication failed" }),
  ],
  [
    "invalid number (400)",
    (s) => void s.reply(400, { error: "dst parameter is invalid" }),
  ],
  [
    "geo permission (403)",
    (s) =>
      void s.reply(403, {
        error: "destination country is not enabled for your account",
      }),
  ],
  [
    "timeout (no answer in 300 ms)",
    (s) => void s.delay(1_000).reply(202, { message_uuid: ["late"] }),
  ],
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(async () => {
  nock.enableNetConnect();
  await closeDb(await getDb());
});

const failNextText = (fault: (s: nock.Interceptor) => void) =>
  fault(nock(API).post(MESSAGES));
function deliverNextText(): Promise<string> {
  return new Promise((resolve) => {
    nock(API)
      .post(MESSAGES, (body: { text: string }) => (resolve(body.text), true))
      .reply(202, { message_uuid: ["delivered-1"] });
  });
}

describe("when Plivo fails", () => {
  it.each(FAULTS.map((f, i) => [...f, i] as const))(
    "keeps the challenge after %s: offers a call or resend, and a later code still verifies",
    async (name, fault, i) => {
      cookieJar.clear();
      const phone = `+1415555014${i}`;
      const body = {
        email: `fault${i}@example.com`,
        password: "correct horse battery",
        phone,
      };
      failNextText(fault);
      const first = await signup(jsonRequest("/api/signup", body));
      const firstJson = await first.json();
      const poll = await (
        await status(new Request("http://localhost:3000/api/otp/status"))
      ).json();
      failNextText(fault);
      const again = await send(
        jsonRequest("/api/otp/send", { channel: "sms" }),
      );
      const againJson = await again.json();
      const text = deliverNextText();
      const ok = await send(jsonRequest("/api/otp/send", { channel: "sms" }));
      const verified = await verify(
        jsonRequest("/api/otp/verify", { code: codeFromSmsText(await text) }),
      );
      const verifiedJson = await verified.json();
      recordFigure({
        section: SECTION,
        figure: `${name}: first send`,
        value: `${first.status} next=${firstJson.next} delivery=${firstJson.delivery}; page sees delivery=${poll.challenge?.delivery} (offers a call)`,
        expected: "200 → /verify, delivery failed",
        ok:
          first.status === 200 &&
          firstJson.delivery === "failed" &&
          poll.challenge?.delivery === "failed",
      });
      recordFigure({
        section: SECTION,
        figure: `${name}: resend`,
        value: `${again.status} ${againJson.error?.code}: "${againJson.error?.message}"`,
        expected: "4xx/5xx with a message, no throw",
        ok: again.status >= 400 && !!againJson.error?.message,
      });
      recordFigure({
        section: SECTION,
        figure: `${name}: challenge kept, next code verifies`,
        value: `resend ${ok.status}, verify ${verified.status} ${JSON.stringify(verifiedJson)}`,
        expected: 'resend 200, verify 200 {"ok":true,...}',
        ok:
          ok.status === 200 &&
          verified.status === 200 &&
          verifiedJson.ok === true,
      });
      expect(first.status).toBe(200);
      expect(firstJson).toMatchObject({ next: "/verify", delivery: "failed" });
      expect(poll.challenge.delivery).toBe("failed");
      expect(again.status).toBeGreaterThanOrEqual(400);
      expect(againJson.error.message).toEqual(expect.any(String));
      expect(ok.status).toBe(200);
      expect(verifiedJson).toEqual({
        ok: true,
        next: "/account",
        signIn: true,
      });
    },
  );
});
