import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { ConfirmEmailChange } from "./confirm-email-change";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.changeEmail");
  return { title: t("title") };
}

export default async function ConfirmEmailChangePage() {
  const t = await getTranslations("Pages.changeEmail");
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      <ClientMessages pick={["Pages"]}>
        <ConfirmEmailChange />
      </ClientMessages>
    </section>
  );
}
