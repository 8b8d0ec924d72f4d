import type { Metadata, Viewport } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteFooter } from "@/app/ui/language-picker";
import { SignOutButton } from "@/app/ui/sign-out-button";
import { getSessionUser } from "@/lib/auth/session";
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

export default async function RootLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  const [locale, t, user] = await Promise.all([
    getLocale(),
    getTranslations("Header"),
    getSessionUser(),
  ]);
  return (
    <html lang={locale}>
      {/* The app's styles apply inside .twostep only (app/globals.css). */}
      <body className="twostep">
        <header className="site-header">
          <Link href="/" className="brand">
            Two<span>step</span>
          </Link>
          <nav className="site-nav" aria-label={t("nav")}>
            {user ? (
              <>
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
      </body>
    </html>
  );
}
