import "next-auth";
import "next-auth/jwt";

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
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** The server-side session this token stands for (lib/sessions). */
    sid?: string;
    /** When the person signed in, epoch seconds (OIDC's auth_time); bounds the absolute lifetime. */
    authTime?: number;
  }
}
