import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

// next-auth reads its options per request so env is validated at first use, not at build time.
const handler = (
  req: Request,
  ctx: { params: Promise<{ nextauth: string[] }> },
) => NextAuth(getAuthOptions())(req, ctx);

export { handler as GET, handler as POST };
