"use client";

import { useTranslations } from "next-intl";
import { ErrorStatus } from "@/app/ui/error-status";

// A page that failed while rendering. The error's message stays in the server's log (production
// replaces it anyway).
export default function ErrorPage(props: {
  error: unknown;
  retry: () => void;
}) {
  const t = useTranslations("Ui.errorStatus");
  return <ErrorStatus {...props} lead={t("page")} />;
}
