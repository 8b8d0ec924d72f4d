import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { fail } from "@/lib/http";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth reads its options per request so env is validated at first use, not at build time.
const handler = async (req: Request, ctx: Context) => {
  // next-auth parses a POST labelled JSON without a guard, so a body that is not JSON threw out
  // of the handler (a 500). It is the client's mistake: answer 400, as the other routes do.
  if (await hasUnreadableJson(req)) return fail("INVALID_INPUT");
  return NextAuth(getAuthOptions())(req, ctx);
};

async function hasUnreadableJson(req: Request): Promise<boolean> {
  const type = req.headers.get("content-type") ?? "";
  if (req.method !== "POST" || !req.body || !type.includes("application/json"))
    return false;
  return req
    .clone()
    .json()
    .then(
      () => false,
      () => true,
    );
}

export { handler as GET, handler as POST };
