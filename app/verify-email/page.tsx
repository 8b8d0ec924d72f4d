import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { getSessionUser } from "@/lib/auth/session";
import { ConfirmEmail } from "./confirm-email";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.verifyEmail");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/**
 * A verification link confirms only in a browser signed in to the account it was sent for: the
 * link proves the mailbox, the session the password and phone of the one who signed up.
 */
export default async function VerifyEmailPage() {
  const [user, t] = await Promise.all([
    getSessionUser().catch(() => null),
    getTranslations("Pages.verifyEmail"),
  ]);
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      {user ? (
        <ClientMessages pick={["Pages"]}>
          <ConfirmEmail />
        </ClientMessages>
      ) : (
        <>
          <p className="lead">
            {t.rich("signInFirst", {
              link: (chunks) => <Link href="/login">{chunks}</Link>,
            })}
          </p>
          <p className="switch">{t("notYou")}</p>
        </>
      )}
    </section>
  );
}
