import { describe, expect, it } from "vitest";
import { authCookies } from "./cookies";

describe("next-auth's cookies", () => {
  it("carry the __Host- prefix, Secure, Path=/ and no Domain when the app is served over https", () => {
    const { useSecureCookies, cookies } = authCookies(
      "https://twostep.example",
    );
    expect(useSecureCookies).toBe(true);
    for (const cookie of Object.values(cookies)) {
      expect(cookie.name).toMatch(/^__Host-next-auth\./);
      expect(cookie.options).toMatchObject({
        secure: true,
        path: "/",
        httpOnly: true,
        sameSite: "lax",
      });
      expect(cookie.options).not.toHaveProperty("domain");
    }
    expect(cookies.sessionToken.name).toBe("__Host-next-auth.session-token");
    expect(cookies.callbackUrl.name).toBe("__Host-next-auth.callback-url");
    expect(cookies.csrfToken.name).toBe("__Host-next-auth.csrf-token");
  });

  it("keep plain names without Secure over http, where browsers would drop them", () => {
    const { useSecureCookies, cookies } = authCookies("http://localhost:3000");
    expect(useSecureCookies).toBe(false);
    expect(cookies.sessionToken.name).toBe("next-auth.session-token");
    for (const cookie of Object.values(cookies)) {
      expect(cookie.name).not.toMatch(/^__/);
      expect(cookie.options).toMatchObject({
        secure: false,
        path: "/",
        httpOnly: true,
        sameSite: "lax",
      });
    }
  });
});
