"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ConfirmLink } from "@/app/ui/confirm-link";

/** The cancel link of a started recovery's email: it only cancels, and signs no one in. */
export function CancelRecoveryByLink() {
  const t = useTranslations("Pages.cancelRecovery");
  return (
    <ConfirmLink
      endpoint="/api/recovery/cancel"
      lead={t("lead")}
      label={t("label")}
      done={t("done")}
      again={t.rich("again", {
        link: (chunks) => <Link href="/login">{chunks}</Link>,
      })}
    />
  );
}
