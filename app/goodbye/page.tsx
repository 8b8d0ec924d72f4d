import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/app/ui/status-page";
import { getEnv } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.goodbye");
  return { title: t("title") };
}
export const dynamic = "force-dynamic";

/** Where "Delete account" leads: the session that asked has ended with every other. */
export default async function GoodbyePage() {
  const t = await getTranslations("Pages.goodbye");
  return (
    <StatusPage
      eyebrow={t("eyebrow")}
      title={t("title")}
      lead={t("lead", { days: getEnv().deletionGraceDays })}
      actions={
        <div className="actions">
          <Link className="button-link" href="/login">
            {t("signIn")}
          </Link>
          <Link className="button-link secondary" href="/">
            {t("home")}
          </Link>
        </div>
      }
    />
  );
}
