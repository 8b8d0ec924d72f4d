import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { SignOutButton } from "@/app/ui/sign-out-button";
import { isAdmin } from "@/lib/account/role";
import { getSessionUser } from "@/lib/auth/session";
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

export default async function RootLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  const user = await getSessionUser();
  // The console's link, for admins only (the console checks again, and asks for a passkey).
  const admin = user ? await isAdmin(user.id).catch(() => false) : false;
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
