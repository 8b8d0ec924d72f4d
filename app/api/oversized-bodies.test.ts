import { describe, expect, it, vi } from "vitest";
import { POST as chooseLanguageSignedIn } from "@/app/api/account/language/route";
import { POST as changePhone } from "@/app/api/account/phone/route";
import { POST as nextAuth } from "@/app/api/auth/[...nextauth]/route";
import { POST as sendToNewPhone } from "@/app/api/account/phone/send/route";
import { POST as confirmNewPhone } from "@/app/api/account/phone/verify/route";
import { POST as login } from "@/app/api/login/route";
import { POST as send } from "@/app/api/otp/send/route";
import { POST as verify } from "@/app/api/otp/verify/route";
import { POST as resendVerification } from "@/app/api/email/resend/route";
import { POST as confirmEmail } from "@/app/api/email/verify/route";
import { POST as forgot } from "@/app/api/password/forgot/route";
import { POST as finishReset } from "@/app/api/password/reset/route";
import { POST as startReset } from "@/app/api/password/reset/start/route";
import { POST as chooseLanguage } from "@/app/api/language/route";
import { POST as signup } from "@/app/api/signup/route";
import { MAX_BODY_BYTES } from "@/lib/http";
import { listOutbox } from "@/lib/messaging/outbox";
import { streamedRequest } from "@/test/support/next-request";

vi.mock("next/headers", () => import("@/test/support/next-request"));

// A client that sends a huge body, declared or streamed chunk by chunk, to make the server buffer
// it: every JSON route refuses it having read nothing (declared) or at most one chunk past the cap.

/** next-auth's sign-in callback, as its catch-all route receives it. */
const nextAuthCallback = (request: Request) =>
  nextAuth(request, {
    params: Promise.resolve({ nextauth: ["callback", "twostep"] }),
  });

const CHUNK = 1024;
const MiB = 1024 * 1024;
const routes = [
  ["/api/signup", signup],
  ["/api/login", login],
  ["/api/otp/send", send],
  ["/api/otp/verify", verify],
  ["/api/password/forgot", forgot],
  ["/api/password/reset/start", startReset],
  ["/api/password/reset", finishReset],
  ["/api/email/verify", confirmEmail],
  ["/api/email/resend", resendVerification],
  ["/api/account/phone", changePhone],
  ["/api/account/phone/send", sendToNewPhone],
  ["/api/account/phone/verify", confirmNewPhone],
  ["/api/language", chooseLanguage],
  ["/api/account/language", chooseLanguageSignedIn],
  ["/api/auth/callback/twostep", nextAuthCallback],
] as const;

const huge = (path: string, declared: boolean) =>
  streamedRequest(`http://localhost:3000${path}`, {
    bytes: MiB,
    chunk: CHUNK,
    contentLength: declared ? MiB : undefined,
    headers: { "content-type": "application/json" },
    fill: " ", // whitespace: valid JSON so far, so only the size can refuse it
  });

describe.each(routes)("POST %s with a body over 8 KiB", (path, handler) => {
  it("refuses one that declares its length without reading a byte", async () => {
    const sent = listOutbox().length;
    const { request, reads } = huge(path, true);
    const response = await handler(request);
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe("INVALID_INPUT");
    expect(reads.bytes).toBe(0);
    expect(listOutbox().length).toBe(sent);
  });

  it("cuts off one sent in chunks at the cap, and refuses it", async () => {
    const { request, reads } = huge(path, false);
    const response = await handler(request);
    expect(response.status).toBe(400);
    expect(reads.bytes).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
    expect(reads.cancelled).toBe(true);
  });
});
