import { encode, type JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import {
  installNextHeadersForCjs,
  withRequest,
} from "@/test/support/next-headers-cjs";
import { SESSION_MAX_AGE_SECONDS } from "./options";
import { getSessionUser } from "./session";

// Sessions are next-auth JWTs; these go through next-auth's own decoding, as a page does.

const SECRET = process.env.NEXTAUTH_SECRET!;
const COOKIE = "next-auth.session-token"; // the name over http (tests, local dev)

async function sessionUser(
  token: JWT,
  options: { maxAge?: number; secret?: string } = {},
) {
  const jwt = await encode({
    token,
    secret: options.secret ?? SECRET,
    maxAge: options.maxAge,
  });
  const request = new Request("http://localhost:3000/account", {
    headers: { cookie: `${COOKIE}=${jwt}` },
  });
  return withRequest(request, () => getSessionUser());
}

describe("sessions", () => {
  beforeAll(() => installNextHeadersForCjs());

  it("last at most 12 hours (NIST 800-63B AAL2 reauthentication)", () => {
    expect(SESSION_MAX_AGE_SECONDS).toBe(12 * 60 * 60);
  });

  it("identify the user while the token is within its lifetime", async () => {
    const user = await sessionUser({ sub: "user-1", email: "ada@example.com" });
    expect(user).toMatchObject({ id: "user-1", email: "ada@example.com" });
  });

  it("end once the token has expired", async () => {
    expect(await sessionUser({ sub: "user-1" }, { maxAge: -60 })).toBeNull();
  });

  it("are refused when the token was signed with another secret", async () => {
    const secret = "another-secret-of-sufficient-length-000000";
    expect(await sessionUser({ sub: "user-1" }, { secret })).toBeNull();
  });
});
