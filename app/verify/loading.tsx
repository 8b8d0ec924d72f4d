import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/app/ui/page-skeleton";

export default async function VerifyLoading() {
  const t = await getTranslations("Signin.verify");
  return <PageSkeleton title={t("title")} status={t("loading")} />;
}
