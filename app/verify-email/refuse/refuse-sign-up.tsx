"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ConfirmLink } from "@/app/ui/confirm-link";

/** The second link of a verification email: undoes the sign-up that gave this address. */
export function RefuseSignUp() {
  const t = useTranslations("Pages.refuseSignUp");
  return (
    <ConfirmLink
      endpoint="/api/email/refuse"
      lead={t("lead")}
      label={t("label")}
      done={t("done")}
      next={<Link href="/">{t("home")}</Link>}
      again={t.rich("again", {
        link: (chunks) => <Link href="/signup">{chunks}</Link>,
      })}
    />
  );
}
