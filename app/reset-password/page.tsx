import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { ContinueReset } from "./continue-reset";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.resetPassword");
  return { title: t("title") };
}

export default async function ResetPasswordPage() {
  const t = await getTranslations("Pages.resetPassword");
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      <p className="lead">{t("lead")}</p>
      <ClientMessages pick={["Pages"]}>
        <ContinueReset />
      </ClientMessages>
      <p className="switch">
        <Link href="/login">{t("back")}</Link>
      </p>
    </section>
  );
}
