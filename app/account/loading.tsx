import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/app/ui/page-skeleton";

export default async function AccountLoading() {
  const t = await getTranslations("Account.page");
  return (
    <PageSkeleton
      title={t("title")}
      status={t("loading")}
      lines={4}
      blocks={1}
      wide
    />
  );
}
