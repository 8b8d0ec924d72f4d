import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { SignOutButton } from "@/app/ui/sign-out-button";
import { authCookies } from "@/lib/auth/cookies";
import { getEnv } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Twostep", template: "%s · Twostep" },
  description: "Sign in with a password and a code sent to your phone.",
};

// The header depends on the session, so every page renders per request (and the build never
// needs the production secrets); that is also what lets every page carry its own CSP nonce
// (proxy.ts).
export const dynamic = "force-dynamic";

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#171c25" },
  ],
};

/**
 * Who the header is for. A browser without next-auth's session cookie (whole, or in the chunks
 * next-auth splits a large one into) has no session: its page, /login's on a cold start included,
 * then never loads next-auth.
 */
async function headerUser() {
  const name = authCookies(getEnv().appUrl).cookies.sessionToken.name;
  const sent = (await cookies()).getAll();
  if (!sent.some((c) => c.name === name || c.name.startsWith(`${name}.`)))
    return null;
  const { getSessionUser } = await import("@/lib/auth/session");
  return getSessionUser();
}

export default async function RootLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  const user = await headerUser();
  // The console's link, for admins only (the console checks again, and asks for a passkey).
  const admin = user
    ? await import("@/lib/account/role")
        .then(({ isAdmin }) => isAdmin(user.id))
        .catch(() => false)
    : false;
  return (
    <html lang="en">
      {/* The app's styles apply inside .twostep only (app/globals.css). */}
      <body className="twostep">
        <header className="site-header">
          <Link href="/" className="brand">
            Two<span>step</span>
          </Link>
          <nav className="site-nav" aria-label="Main">
            {user ? (
              <>
                {admin ? <Link href="/admin">Admin</Link> : null}
                <Link href="/account">Account</Link>
                <SignOutButton />
              </>
            ) : (
              <>
                <Link href="/login">Sign in</Link>
                <Link href="/signup">Create account</Link>
              </>
            )}
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
