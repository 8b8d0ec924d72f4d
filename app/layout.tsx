import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { SiteFooter } from "@/app/ui/language-picker";
import { sentSessionCookie } from "@/app/ui/session-cookie";
import { SignOutButton } from "@/app/ui/sign-out-button";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Metadata");
  return {
    title: { default: "Twostep", template: "%s · Twostep" },
    description: t("description"),
  };
}

// The header depends on the session, so every page renders per request (and the build never
// needs the production secrets); that is also what lets every page carry its own CSP nonce
// (proxy.ts), and its language (lib/i18n/request.ts).
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

/** Who the header is for: nobody, without loading next-auth, for a browser with no session cookie. */
async function headerUser() {
  if (!(await sentSessionCookie())) return null;
  const { getSessionUser } = await import("@/lib/auth/session");
  return getSessionUser();
}

export default async function RootLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  const [locale, t, user] = await Promise.all([
    getLocale(),
    getTranslations("Header"),
    headerUser(),
  ]);
  // The console's link, for admins only (the console checks again, and asks for a passkey).
  const admin = user
    ? await import("@/lib/auth/session")
        .then(({ isSessionAdmin }) => isSessionAdmin(user.id))
        .catch(() => false)
    : false;
  return (
    <html lang={locale}>
      {/* The app's styles apply inside .twostep only (app/globals.css). */}
      <body className="twostep">
        <ClientMessages>
          <header className="site-header">
            <Link href="/" className="brand">
              Two<span>step</span>
            </Link>
            <nav className="site-nav" aria-label={t("nav")}>
              {user ? (
                <>
                  {admin ? <Link href="/admin">{t("admin")}</Link> : null}
                  <Link href="/account">{t("account")}</Link>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/login">{t("signIn")}</Link>
                  <Link href="/signup">{t("createAccount")}</Link>
                </>
              )}
            </nav>
          </header>
          <main>{children}</main>
          <SiteFooter signedIn={!!user} />
        </ClientMessages>
      </body>
    </html>
  );
}
