import { afterEach, describe, expect, it, vi } from "vitest";
import { ERRORS } from "@/lib/errors";
import { apiHandler, isSameOrigin } from "./handler";

// getEnv() reads this on first use (not at import), so it is in place in time.
vi.stubEnv("APP_URL", "http://localhost:3000");
const URL_HERE = "http://localhost:3000/api/otp/send";

const post = (headers: Record<string, string> = {}, url = URL_HERE) =>
  new Request(url, { method: "POST", headers });

afterEach(() => vi.restoreAllMocks());

describe("isSameOrigin", () => {
  it("allows the app's own Origin", () => {
    expect(isSameOrigin(post({ origin: "http://localhost:3000" }))).toBe(true);
  });

  it("allows the origin the request was made to", () => {
    const request = post(
      { origin: "http://127.0.0.1:3200" },
      "http://127.0.0.1:3200/api/login",
    );
    expect(isSameOrigin(request)).toBe(true);
  });

  it("refuses another Origin", () => {
    expect(isSameOrigin(post({ origin: "https://evil.example" }))).toBe(false);
    expect(isSameOrigin(post({ origin: "null" }))).toBe(false);
  });

  it("refuses a cross-site fetch that sends no Origin", () => {
    expect(isSameOrigin(post({ "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isSameOrigin(post({ "sec-fetch-site": "same-site" }))).toBe(false);
  });

  it("allows a request with neither header, which no browser page can make", () => {
    expect(isSameOrigin(post())).toBe(true);
    expect(isSameOrigin(post({ "sec-fetch-site": "same-origin" }))).toBe(true);
  });
});

describe("apiHandler", () => {
  it("answers 403 to another origin without running the handler", async () => {
    const handle = vi.fn(async () => new Response("done"));
    const response = await apiHandler(handle)(
      post({ origin: "https://evil.example" }),
    );
    expect(response.status).toBe(403);
    expect(handle).not.toHaveBeenCalled();
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN" },
    });
  });

  it("runs the handler for a same-origin request", async () => {
    const response = await apiHandler(async () => new Response("done"))(
      post({ origin: "http://localhost:3000" }),
    );
    expect(await response.text()).toBe("done");
  });

  it("turns a thrown dependency error into 503 with no details", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await apiHandler(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
    })(post());
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual({
      ok: false,
      error: {
        code: "SERVICE_UNAVAILABLE",
        message: ERRORS.SERVICE_UNAVAILABLE.message,
        final: ERRORS.SERVICE_UNAVAILABLE.final,
      },
    });
    expect(JSON.stringify(body)).not.toContain("ECONNREFUSED");
    expect(log).toHaveBeenCalledOnce();
  });
});
