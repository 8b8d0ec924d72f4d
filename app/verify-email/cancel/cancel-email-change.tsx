"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ConfirmLink } from "@/app/ui/confirm-link";

/** The cancel link mailed to the current address: it only cancels, and signs no one in. */
export function CancelEmailChangeByLink() {
  const t = useTranslations("Pages.cancelEmailChange");
  return (
    <ConfirmLink
      endpoint="/api/email/change/cancel"
      lead={t("lead")}
      label={t("label")}
      done={t("done")}
      again={t.rich("again", {
        link: (chunks) => <Link href="/account">{chunks}</Link>,
      })}
    />
  );
}
