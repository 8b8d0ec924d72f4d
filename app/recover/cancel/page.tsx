import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { CancelRecoveryByLink } from "./cancel-recovery";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.cancelRecovery");
  return { title: t("title") };
}

export default async function CancelRecoveryPage() {
  const t = await getTranslations("Pages.cancelRecovery");
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      <ClientMessages pick={["Pages"]}>
        <CancelRecoveryByLink />
      </ClientMessages>
    </section>
  );
}
