import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { LockDownByLink } from "./lock-down-by-link";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.lockDown");
  return { title: t("title") };
}

export default async function LockDownPage() {
  const t = await getTranslations("Pages.lockDown");
  return (
    <section className="card">
      <h1>{t("heading")}</h1>
      <ClientMessages pick={["Pages"]}>
        <LockDownByLink />
      </ClientMessages>
    </section>
  );
}
