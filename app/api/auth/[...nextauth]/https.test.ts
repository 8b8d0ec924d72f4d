import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetTables } from "@/test/support/db";
import { installNextHeadersForCjs } from "@/test/support/next-headers-cjs";

// Served over https, every cookie next-auth sets is a __Host- cookie: Secure, Path=/, no Domain,
// so no other subdomain can plant or overwrite it (ASVS 5.0 3.3.1, 3.3.3).

vi.stubEnv("APP_URL", "https://twostep.example");
installNextHeadersForCjs();
const { createTestAccount } = await import("@/test/support/accounts");
const { closeDb, getDb } = await import("@/lib/db");
const { createNextAuthClient, verifiedChallenge } =
  await import("@/test/support/next-auth");
const nextAuth = createNextAuthClient(await import("./route"));

const PHONE = "+14155550178";

beforeAll(() => resetTables());
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeDb(await getDb());
});

describe("over https", () => {
  it("next-auth's session, CSRF and callback cookies are __Host- cookies, and the session works", async () => {
    const account = await createTestAccount({
      email: "grace@example.com",
      phone: PHONE,
    });
    const { cookie, setCookieHeaders } = await nextAuth.signIn(
      await verifiedChallenge(account.id, PHONE),
    );
    expect(cookie).toMatch(/^__Host-next-auth\.session-token=/);
    const names = setCookieHeaders.map((h) => h.split("=")[0]);
    expect(names).toEqual(
      expect.arrayContaining([
        "__Host-next-auth.session-token",
        "__Host-next-auth.csrf-token",
        "__Host-next-auth.callback-url",
      ]),
    );
    for (const header of setCookieHeaders) {
      expect(header).toMatch(/^__Host-/);
      expect(header).toMatch(/; Secure/i);
      expect(header).toMatch(/; Path=\/(;|$)/);
      expect(header).toMatch(/; HttpOnly/i);
      expect(header).toMatch(/; SameSite=Lax/i);
      expect(header).not.toMatch(/; Domain=/i);
    }
    expect((await nextAuth.session(cookie!)).user?.id).toBe(account.id);
  });
});
