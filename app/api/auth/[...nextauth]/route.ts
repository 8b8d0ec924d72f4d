import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";
import { fail, readBodyText } from "@/lib/http";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth reads its options per request so env is validated at first use, not at build time.
const handler = async (req: Request, ctx: Context) => {
  const capped = await withCappedBody(req);
  if (!capped) return fail("INVALID_INPUT");
  let unconfirmed = false;
  const options = getAuthOptions({
    onSignOutUnconfirmed: () => void (unconfirmed = true),
  });
  const res = await NextAuth(options)(capped, ctx);
  return unconfirmed ? signOutUnconfirmed(res) : res;
};

/**
 * next-auth answers a sign-out whose session the store could not end as if it had worked. The
 * browser keeps next-auth's cleared cookies but is told (503) that a copy may still work.
 */
function signOutUnconfirmed(res: Response): Response {
  const reply = fail("SIGN_OUT_UNCONFIRMED");
  for (const cookie of res.headers.getSetCookie())
    reply.headers.append("set-cookie", cookie);
  return reply;
}

/**
 * next-auth reads a POST's whole body with no limit, and a body labelled JSON that is not JSON
 * threw out of it (a 500). So the body is read here as every other route reads it, up to the same
 * cap, and handed on as a fresh request; null means the client's body is refused (400).
 */
async function withCappedBody(req: Request): Promise<NextRequest | null> {
  if (req.method !== "POST" || !req.body)
    return req instanceof NextRequest ? req : new NextRequest(req);
  const text = await readBodyText(req);
  if (text === null) return null;
  const type = req.headers.get("content-type") ?? "";
  if (type.includes("application/json") && !isJson(text)) return null;
  const headers = new Headers(req.headers);
  headers.delete("content-length");
  return new NextRequest(req.url, { method: "POST", headers, body: text });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export { handler as GET, handler as POST };
