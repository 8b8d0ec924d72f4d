import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/app/ui/status-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Ui.notFound");
  return { title: t("title") };
}

export default async function NotFound() {
  const [t, status] = await Promise.all([
    getTranslations("Ui.notFound"),
    getTranslations("Ui.statusPage"),
  ]);
  return (
    <StatusPage
      eyebrow={status("error", { status: 404 })}
      title={t("title")}
      lead={t("lead")}
      actions={
        <div className="actions single">
          <Link className="button-link" href="/">
            {status("home")}
          </Link>
        </div>
      }
    />
  );
}
