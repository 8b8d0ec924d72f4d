import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { getMailer } from "@/lib/mail";
import { ForgotForm } from "./forgot-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.forgotPassword");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("Pages.forgotPassword");
  const canMail = getMailer() !== null;
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      {canMail ? (
        <>
          <p className="lead">{t("lead")}</p>
          <ClientMessages pick={["Pages"]}>
            <ForgotForm />
          </ClientMessages>
        </>
      ) : (
        <p className="alert error" role="alert">
          {t("mailUnavailable")}
        </p>
      )}
      <p className="switch">
        {t.rich("remembered", {
          link: (chunks) => <Link href="/login">{chunks}</Link>,
        })}
      </p>
    </section>
  );
}
