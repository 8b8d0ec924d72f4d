import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/ui/client-messages";
import { RefuseSignUp } from "./refuse-sign-up";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.refuseSignUp");
  return { title: t("title") };
}

export default async function RefuseSignUpPage() {
  const t = await getTranslations("Pages.refuseSignUp");
  return (
    <section className="card">
      <h1>{t("heading")}</h1>
      <ClientMessages pick={["Pages"]}>
        <RefuseSignUp />
      </ClientMessages>
    </section>
  );
}
