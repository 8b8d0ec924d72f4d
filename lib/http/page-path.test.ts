import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { isConsolePath, PAGE_PATH_HEADER } from "./page-path";

describe("the page's path", () => {
  it("is put on the request by the proxy, over whatever the browser sent", () => {
    const request = new NextRequest("http://localhost:3000/admin/messages", {
      headers: { [PAGE_PATH_HEADER]: "/login" },
    });
    const forwarded = proxy(request).headers.get(
      `x-middleware-request-${PAGE_PATH_HEADER}`,
    );
    expect(forwarded).toBe("/admin/messages");
  });

  it("names the console's pages and no other", () => {
    expect(isConsolePath("/admin")).toBe(true);
    expect(isConsolePath("/admin/accounts/abc")).toBe(true);
    expect(isConsolePath("/administrator")).toBe(false);
    expect(isConsolePath("/account")).toBe(false);
    expect(isConsolePath("/")).toBe(false);
  });
});
