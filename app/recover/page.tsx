import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { getEnv } from "@/lib/env";
import { RecoverAccount } from "./recover-account";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.recover");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

export default async function RecoverPage() {
  const t = await getTranslations("Pages.recover");
  return (
    <section className="card">
      <h1>{t("title")}</h1>
      <ClientMessages pick={["Pages"]}>
        <RecoverAccount waitingHours={getEnv().recoveryWaitingHours} />
      </ClientMessages>
    </section>
  );
}
