import "next-auth";
import "next-auth/jwt";
import type { SignInMethod } from "@/lib/factors/policy";

declare module "next-auth" {
  interface Session {
    user?: {
      id: string;
      email?: string | null;
      name?: string | null;
      image?: string | null;
    };
  }
  /** What authorize() returns: the user, and the server-side session just started for them. */
  interface User {
    sid?: string;
    authTime?: number;
    amr?: SignInMethod;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The server-side session this token stands for (lib/sessions). */
    sid?: string;
    /** When the person signed in, epoch seconds (OIDC's auth_time); bounds the absolute lifetime. */
    authTime?: number;
    /**
     * How the person signed in (after OIDC's amr): the second factor that passed, or "device" when
     * a remembered browser skipped it. Only a second factor makes the session's authTime count as
     * a fresh one (lib/auth/sign-in-time.ts); a token without the claim counts as none.
     */
    amr?: SignInMethod;
  }
}
