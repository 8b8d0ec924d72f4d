"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ConfirmLink } from "@/app/ui/confirm-link";

/**
 * A notice's "This wasn't me" link. Opening it does nothing: the press does, so a mail scanner that
 * follows links locks no account down. It signs no one in.
 */
export function LockDownByLink() {
  const t = useTranslations("Pages.lockDown");
  return (
    <ConfirmLink
      endpoint="/api/lock-down"
      lead={t("lead")}
      label={t("label")}
      done={t("done")}
      again={t.rich("again", {
        link: (chunks) => <Link href="/account#activity">{chunks}</Link>,
      })}
      next={<Link href="/forgot-password">{t("forgot")}</Link>}
    />
  );
}
