"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ConfirmLink } from "@/app/ui/confirm-link";

export function ConfirmEmail() {
  const t = useTranslations("Pages.verifyEmail");
  return (
    <ConfirmLink
      endpoint="/api/email/verify"
      lead={t("lead")}
      label={t("label")}
      done={t("done")}
      again={t.rich("again", {
        link: (chunks) => <Link href="/account">{chunks}</Link>,
      })}
    />
  );
}
