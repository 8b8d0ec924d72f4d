import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { recordEvent } from "@/lib/audit";
import { metaFromHeaders } from "@/lib/http/request-meta";
import { redeemSecondFactor, type SignInMeta } from "./redeem";

/** The error code the sign-in answers when the code store or database is down. */
export const SIGN_IN_UNAVAILABLE = "SERVICE_UNAVAILABLE";

/** NIST 800-63B §4.2.3 (AAL2): reauthenticate at least every 12 hours. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

// The only way to a session: a challenge this browser completed (password, then code). The
// provider takes no credentials from the form; it redeems the challenge named by the httpOnly
// cookie, once.
export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "twostep",
        name: "Twostep",
        credentials: {},
        async authorize(_credentials, req) {
          try {
            return await redeemSecondFactor(
              req.headers?.cookie,
              signInMeta(req.headers),
            );
          } catch (error) {
            // Fail closed without echoing internals: next-auth puts a thrown message in the URL.
            console.error(
              "sign-in: could not redeem the challenge: %s",
              (error as Error).message,
            );
            throw new Error(SIGN_IN_UNAVAILABLE);
          }
        },
      }),
    ],
    events: {
      async signOut({ token }) {
        if (token?.sub)
          await recordEvent({ type: "sign_out", userId: token.sub });
      },
    },
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}

// authorize() sees the raw request headers; the same fields requestMeta() reads in the API routes.
function signInMeta(
  headers: Record<string, string | undefined> | undefined,
): SignInMeta {
  return metaFromHeaders((name) => headers?.[name]);
}
