import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/app/ui/status-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Pages.lockedDown");
  return { title: t("title") };
}

/** Where "This wasn't me" on the account page leads: that session has ended with every other. */
export default async function LockedDownPage() {
  const t = await getTranslations("Pages.lockedDown");
  return (
    <StatusPage
      eyebrow={t("eyebrow")}
      title={t("title")}
      lead={t("lead")}
      actions={
        <div className="actions single">
          <Link className="button-link" href="/forgot-password">
            {t("newPassword")}
          </Link>
        </div>
      }
    />
  );
}
