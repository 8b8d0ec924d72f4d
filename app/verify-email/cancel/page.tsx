import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { CancelEmailChangeByLink } from "./cancel-email-change";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.cancelEmailChange");
  return { title: t("title") };
}

export default async function CancelEmailChangePage() {
  const t = await getTranslations("Pages.cancelEmailChange");
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      <ClientMessages pick={["Pages"]}>
        <CancelEmailChangeByLink />
      </ClientMessages>
    </section>
  );
}
