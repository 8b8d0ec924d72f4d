import { createHash, randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HIBP_TIMEOUT_MS } from "@/lib/password/policy";
import nock from "@/test/support/nock";
import { checkPwnedPassword } from "./hibp";

// Have I Been Pwned's range API, intercepted: what leaves the server, what a hit does, and what an
// outage does. No request reaches the real service.

const HIBP = "https://api.pwnedpasswords.com";
const sha1 = (s: string) =>
  createHash("sha1").update(s, "utf8").digest("hex").toUpperCase();

/** A padded range reply: the real entries mixed with count-0 padding, as HIBP sends them. */
function rangeReply(entries: Record<string, number>) {
  const padding = Array.from({ length: 200 }, () => [
    randomBytes(18).toString("hex").slice(0, 35).toUpperCase(),
    0,
  ]);
  return [...Object.entries(entries), ...padding]
    .map(([suffix, count]) => `${suffix}:${count}`)
    .join("\r\n");
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("checkPwnedPassword", () => {
  it("sends only the first 5 hex characters of the SHA-1, with padding asked for", async () => {
    const password = `a secret ${randomBytes(8).toString("hex")}`;
    const hash = sha1(password);
    let seen: { url: string; headers: [string, string][] };
    nock(HIBP)
      .get(/.*/)
      .reply((request: Request) => {
        // nock 15 hands the reply function the intercepted fetch Request.
        const { url, headers } = request;
        seen = { url, headers: [...headers.entries()] };
        return [200, rangeReply({})];
      });
    expect(await checkPwnedPassword(password)).toBe("not-found");
    expect(seen!.url).toBe(`${HIBP}/range/${hash.slice(0, 5)}`);
    expect(seen!.headers).toContainEqual(["add-padding", "true"]);
    const sent = JSON.stringify(seen!).toUpperCase();
    expect(sent).not.toContain(hash.slice(5, 10));
    expect(sent).not.toContain(password.toUpperCase());
  });

  it("reports a password whose suffix is listed with a count as breached", async () => {
    const hash = sha1("P@ssw0rd-from-a-breach");
    nock(HIBP)
      .get(`/range/${hash.slice(0, 5)}`)
      .reply(200, rangeReply({ [hash.slice(5)]: 42 }));
    expect(await checkPwnedPassword("P@ssw0rd-from-a-breach")).toBe("breached");
  });

  it("treats a padding entry (count 0) that matches as not breached", async () => {
    const hash = sha1("never seen anywhere");
    nock(HIBP)
      .get(`/range/${hash.slice(0, 5)}`)
      .reply(200, rangeReply({ [hash.slice(5)]: 0 }));
    expect(await checkPwnedPassword("never seen anywhere")).toBe("not-found");
  });

  it("answers unavailable, not an exception, on an error status or a network failure", async () => {
    nock(HIBP).get(/.*/).reply(503, "busy");
    expect(await checkPwnedPassword("whatever it is")).toBe("unavailable");
    nock(HIBP).get(/.*/).replyWithError("connection reset");
    expect(await checkPwnedPassword("whatever it is")).toBe("unavailable");
  });

  it(`gives up after ${HIBP_TIMEOUT_MS} ms when the service does not answer`, async () => {
    // A reply that never comes: a two-argument reply function is nock's callback form, and the
    // callback is never called.
    nock(HIBP)
      .get(/.*/)
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- nock reads the arity
      .reply((_request: Request, _callback: unknown) => undefined as never);
    const started = Date.now();
    expect(await checkPwnedPassword("a slow answer")).toBe("unavailable");
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(HIBP_TIMEOUT_MS - 50);
    expect(waited).toBeLessThan(HIBP_TIMEOUT_MS + 1_500);
  });
});
