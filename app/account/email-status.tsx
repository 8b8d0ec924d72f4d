import { getTranslations } from "next-intl/server";
import { UNCONFIRMED_ACCOUNT_DAYS } from "@/lib/account/policy";
import { ResendVerification } from "./resend-verification";
import styles from "./email-status.module.css";

/** Next to the address: whether a link sent to it was used. */
export async function EmailBadge({ verified }: { verified: boolean }) {
  const t = await getTranslations("Account.emailStatus");
  return (
    <span
      className={`${styles.badge} ${verified ? styles.verified : styles.unverified}`}
    >
      {verified ? t("verified") : t("unverified")}
    </span>
  );
}

/** Until the address is proven: why it matters, and a new link. */
export async function EmailVerificationNotice({
  canMail,
}: {
  canMail: boolean;
}) {
  const t = await getTranslations("Account.emailStatus");
  return (
    <div className={styles.notice}>
      <p>{t("notice", { days: UNCONFIRMED_ACCOUNT_DAYS })}</p>
      {canMail ? <ResendVerification /> : <p>{t("noMail")}</p>}
    </div>
  );
}
