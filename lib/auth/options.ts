import "server-only";
import type { NextAuthOptions } from "next-auth";
import { encode } from "next-auth/jwt";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { recordEvent } from "@/lib/audit";
import type { RequestFacts } from "@/lib/context";
import { factsFromHeaders } from "@/lib/http/request-facts";
import { endSession, startSession } from "@/lib/sessions";
import { SESSION_ABSOLUTE_SECONDS } from "@/lib/sessions/policy";
import { authCookies } from "./cookies";
import { endPreviousSession } from "./previous-session";
import { redeemSecondFactor } from "./redeem";
import {
  assertSessionLive,
  isSessionEnded,
  remainingSeconds,
} from "./session-token";

/** The error code the sign-in answers when the code store or database is down. */
export const SIGN_IN_UNAVAILABLE = "SERVICE_UNAVAILABLE";

// The only way to a session: a challenge this browser completed (password, then code). The
// provider takes no credentials from the form; it redeems the challenge named by the httpOnly
// cookie, once, and starts a server-side session that every later request is checked against.
export function getAuthOptions(
  hooks: {
    /** Sign-out could not end the server's session (next-auth still clears the cookie). */
    onSignOutUnconfirmed?: () => void;
  } = {},
): NextAuthOptions {
  const env = getEnv();
  const { cookies, useSecureCookies } = authCookies(env.appUrl);
  return {
    secret: env.authSecret,
    cookies,
    useSecureCookies,
    // The cookie and the JWT never outlive the absolute lifetime; the idle limit and revocation
    // are the server's (lib/sessions), checked in the jwt callback below.
    session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_SECONDS },
    jwt: {
      maxAge: SESSION_ABSOLUTE_SECONDS,
      encode: (params) =>
        encode({
          ...params,
          maxAge: remainingSeconds(params.token, params.maxAge ?? 0),
        }),
    },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "twostep",
        name: "Twostep",
        credentials: {},
        async authorize(_credentials, req) {
          try {
            const request = signInFacts(req.headers);
            const user = await redeemSecondFactor(req.headers?.cookie, request);
            if (!user) return null;
            await endPreviousSession(
              req.headers?.cookie,
              cookies.sessionToken.name,
              env.authSecret,
            );
            const session = await startSession(user.id, request);
            const authTime = Math.floor(session.createdAt / 1000);
            return { ...user, sid: session.id, authTime };
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
      // next-auth swallows what this throws and answers "signed out" anyway; the hook lets the
      // route say instead that a copy of the cookie may still work (fail closed, not silent).
      async signOut({ token }) {
        if (!token?.sub) return;
        try {
          if (token.sid) await endSession(token.sub, token.sid);
        } catch (error) {
          hooks.onSignOutUnconfirmed?.();
          throw error;
        }
        await recordEvent({ type: "sign_out", userId: token.sub });
      },
    },
    callbacks: {
      async jwt({ token, user }) {
        if (user)
          return {
            ...token,
            sub: user.id,
            sid: user.sid,
            authTime: user.authTime,
            amr: user.amr,
          };
        // Every later read (a page's getServerSession, /api/auth/session): a refused session
        // throws, and next-auth answers no session and clears the cookie.
        await assertSessionLive(token);
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
    logger: {
      error(code, metadata) {
        // A refused session is the expected answer to an ended one, not a server error.
        if (isSessionEnded(metadata)) return;
        console.error(`[next-auth][error][${code}]`, metadata);
      },
      warn(code) {
        console.warn(`[next-auth][warn][${code}]`);
      },
      debug() {},
    },
  };
}

// authorize() sees the raw request headers; the same facts requestFacts() reads in the API routes.
function signInFacts(
  headers: Record<string, string | undefined> | undefined,
): RequestFacts {
  return factsFromHeaders((name) => headers?.[name]);
}
