import { getLocale, getTranslations } from "next-intl/server";
import type { FactorSummary } from "@/lib/factors/records";
import { canRefuseTextCodes, RECOVERY_CODE_COUNT } from "@/lib/factors/policy";
import { AuthenticatorSetup } from "./authenticator-setup";
import { formatDay } from "@/lib/i18n/dates";
import { Passkeys, type PasskeyItem } from "./passkeys";
import { RecoveryCodes } from "./recovery-codes";
import { RemoveAuthenticator } from "./remove-authenticator";
import { RiskNotice } from "./risk-notice";
import styles from "./security.module.css";
import { TextCodes } from "./text-codes";

/**
 * The person's second factors, each under its own heading. While the phone is the only one, the page says why an authenticator
 * app is safer and offers to add one; once a stronger factor and recovery codes exist, it offers to
 * stop accepting codes by text message.
 */
export async function Security({
  factors,
  passkeys,
  newPasskeyName,
}: {
  factors: FactorSummary;
  passkeys: PasskeyItem[];
  newPasskeyName: string;
}) {
  const { totp, recoveryCodes } = factors;
  const [t, locale] = await Promise.all([
    getTranslations("Account.security"),
    getLocale(),
  ]);
  return (
    <div className={styles.security}>
      <Passkeys passkeys={passkeys} newName={newPasskeyName} />
      <div className={styles.factor}>
        <h3>{t("authenticator")}</h3>
        {totp ? (
          <>
            <p className={styles.status}>
              {t("authenticatorOn", {
                since: formatDay(totp.confirmedAt, locale),
              })}
            </p>
            <RemoveAuthenticator />
          </>
        ) : (
          <>
            {passkeys.length === 0 && <RiskNotice />}
            <AuthenticatorSetup />
          </>
        )}
      </div>
      <div className={styles.factor}>
        <h3>{t("recoveryCodes")}</h3>
        <p className={styles.status}>
          {recoveryCodes
            ? t("codesLeft", {
                left: recoveryCodes.left,
                total: RECOVERY_CODE_COUNT,
              })
            : t("noCodes")}
        </p>
        <RecoveryCodes hasSet={recoveryCodes !== null} />
      </div>
      <div className={styles.factor}>
        <h3>{t("textCodes")}</h3>
        <TextCodes
          off={factors.textCodesOff}
          canRefuse={canRefuseTextCodes(factors)}
        />
      </div>
    </div>
  );
}
