import { describe, expect, it, vi } from "vitest";
// Relative on purpose: "@/lib/http/cookies" is the tests' stand-in (vitest.config.mts).
import { currentApiRequest, requestCookies, withReplyCookies } from "./cookies";

vi.mock("next/headers", () => import("@/test/support/next-request"));

const request = (cookie?: string) =>
  new Request("http://localhost:3000/api/x", {
    method: "POST",
    headers: cookie ? { cookie } : {},
  });

describe("an API handler's cookies", () => {
  it("gives its request at once, a refusal's language to be read from it", async () => {
    let seen: (string | null | undefined)[] = [];
    const asked = new Request("http://localhost:3000/api/x", {
      method: "POST",
      headers: { cookie: "twostep_locale=de", "accept-language": "fr" },
    });
    await withReplyCookies(asked, async () => {
      const now = currentApiRequest();
      seen = [
        now?.cookies.get("twostep_locale")?.value,
        now?.headers.get("accept-language"),
      ];
      return new Response(null);
    });
    expect(seen).toEqual(["de", "fr"]);
    expect(currentApiRequest()).toBeNull();
  });

  it("reads the cookies its request carries", async () => {
    let seen: unknown;
    await withReplyCookies(request("a=1; twostep_challenge=abc"), async () => {
      seen = (await requestCookies()).get("twostep_challenge")?.value;
      return new Response(null);
    });
    expect(seen).toBe("abc");
  });

  it("sets what it sets on its reply, with every attribute", async () => {
    const reply = await withReplyCookies(request(), async () => {
      (await requestCookies()).set("twostep_device", "t0k3n", {
        httpOnly: true,
        secure: true,
        sameSite: "lax",
        path: "/",
        maxAge: 60,
      });
      return Response.json({ ok: true });
    });
    const cookie = reply.headers.getSetCookie()[0] ?? "";
    expect(cookie).toMatch(/^twostep_device=t0k3n; /);
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Max-Age=60");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie.toLowerCase()).toContain("samesite=lax");
  });

  it("expires a deleted cookie on the reply, and reads it back as gone", async () => {
    let after: unknown = "still there";
    const reply = await withReplyCookies(request("gone=1"), async () => {
      const jar = await requestCookies();
      jar.delete({ name: "gone", path: "/" });
      after = jar.get("gone");
      return new Response(null);
    });
    expect(after).toBeUndefined();
    const cookie = reply.headers.getSetCookie()[0] ?? "";
    expect(cookie).toMatch(/^gone=; /);
    expect(cookie).toContain("Expires=Thu, 01 Jan 1970");
  });

  it("reads back a cookie set earlier in the same request", async () => {
    let seen: unknown;
    await withReplyCookies(request("c=old"), async () => {
      const jar = await requestCookies();
      jar.set("c", "new", { path: "/" });
      seen = jar.get("c")?.value;
      return new Response(null);
    });
    expect(seen).toBe("new");
  });

  it("keeps the Set-Cookie headers the reply already had", async () => {
    const reply = await withReplyCookies(request(), async () => {
      (await requestCookies()).set("mine", "1", { path: "/" });
      const res = new Response(null);
      res.headers.append("set-cookie", "theirs=2; Path=/");
      return res;
    });
    expect(reply.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual([
      "theirs",
      "mine",
    ]);
  });

  it("sets its cookies on a copy of a reply whose headers cannot change", async () => {
    const reply = await withReplyCookies(request(), async () => {
      (await requestCookies()).set("mine", "1", { path: "/" });
      return Response.redirect("http://localhost:3000/account", 303);
    });
    expect(reply.status).toBe(303);
    expect(reply.headers.get("location")).toBe("http://localhost:3000/account");
    expect(reply.headers.getSetCookie()).toEqual(["mine=1; Path=/"]);
  });

  it("outside an API handler (a page) uses next/headers' cookies", async () => {
    const { cookieJar, clearBrowser } =
      await import("@/test/support/next-request");
    clearBrowser();
    cookieJar.set("from_page", "yes");
    expect((await requestCookies()).get("from_page")?.value).toBe("yes");
    clearBrowser();
  });
});
