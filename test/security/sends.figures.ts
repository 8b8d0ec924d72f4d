import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as signup } from "@/app/api/signup/route";
import { listOutbox } from "@/lib/messaging/outbox";
import { SENDS_PER_PHONE_PER_HOUR } from "@/lib/limits/policy";
import { cookieJar, jsonRequest } from "@/test/support/next-request";
import { recordExact } from "./figures";

vi.mock("next/headers", () => import("@/test/support/next-request"));
// Behind one trusted proxy, so each attempt's address really is its own (not the shared bucket).
vi.hoisted(() => void (process.env.TRUSTED_PROXY_HOPS = "1"));

// The classic demo sent unlimited codes to any number. Here one number gets at most
// SENDS_PER_PHONE_PER_HOUR codes an hour, however many browsers, emails and addresses ask.

const SECTION = "sends per number";
const ATTEMPTS = 30;
const PHONE = "+14155550199";

// Limit windows are aligned to the hour: a frozen clock a minute into one keeps the run from
// straddling two windows (which would rightly allow up to twice the count).
beforeAll(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 60_000);
});
afterAll(() => vi.useRealTimers());

describe("codes sent to one number within the hour", () => {
  it("sends five codes to one number, then refuses every other browser, email and address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      cookieJar.clear(); // a new browser each time
      const body = {
        email: `${randomUUID()}@example.com`,
        password: "correct horse battery",
        phone: PHONE,
      };
      const ip = `198.51.100.${i}`;
      statuses.push(
        (await signup(jsonRequest("/api/signup", body, { ip }))).status,
      );
    }
    const accepted = statuses.filter((s) => s === 200).length;
    const firstRefusal = statuses.indexOf(429);
    const refused = statuses.filter((s) => s === 429).length;
    const texts = listOutbox(PHONE).length;
    recordExact(
      SECTION,
      `signups tried for one number (new browser, email, IP each)`,
      ATTEMPTS,
      ATTEMPTS,
    );
    recordExact(
      SECTION,
      "sends accepted before the first 429",
      firstRefusal,
      SENDS_PER_PHONE_PER_HOUR,
    );
    recordExact(
      SECTION,
      "sends accepted in the hour",
      accepted,
      SENDS_PER_PHONE_PER_HOUR,
    );
    recordExact(
      SECTION,
      "refused with 429",
      refused,
      ATTEMPTS - SENDS_PER_PHONE_PER_HOUR,
    );
    recordExact(
      SECTION,
      "codes that reached the number",
      texts,
      SENDS_PER_PHONE_PER_HOUR,
    );
    expect(firstRefusal).toBe(SENDS_PER_PHONE_PER_HOUR);
    expect(accepted).toBe(SENDS_PER_PHONE_PER_HOUR);
    expect(refused).toBe(ATTEMPTS - SENDS_PER_PHONE_PER_HOUR);
    expect(texts).toBe(SENDS_PER_PHONE_PER_HOUR);
  });
});
