import { getTranslations } from "next-intl/server";
import styles from "./security.module.css";

/**
 * Why an authenticator app is safer than the phone alone. Texts and calls are a restricted
 * authenticator: people must be told the risk and offered an alternative.
 */
export async function RiskNotice() {
  const t = await getTranslations("Account.security");
  return (
    <p className={`alert info ${styles.risk}`} role="note">
      {t("risk")}
    </p>
  );
}
