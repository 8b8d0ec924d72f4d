import type { FactorSummary } from "@/lib/factors/records";
import { canRefuseTextCodes, RECOVERY_CODE_COUNT } from "@/lib/factors/policy";
import { AuthenticatorSetup } from "./authenticator-setup";
import { Passkeys, type PasskeyItem } from "./passkeys";
import { RecoveryCodes } from "./recovery-codes";
import { RemoveAuthenticator } from "./remove-authenticator";
import { RiskNotice } from "./risk-notice";
import styles from "./security.module.css";
import { TextCodes } from "./text-codes";

const DAY = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeZone: "UTC",
});

/**
 * The person's second factors, each under its own heading. While the phone is the only one, the page says why an authenticator
 * app is safer and offers to add one; once a stronger factor and recovery codes exist, it offers to
 * stop accepting codes by text message.
 */
export function Security({
  factors,
  passkeys,
  newPasskeyName,
}: {
  factors: FactorSummary;
  passkeys: PasskeyItem[];
  newPasskeyName: string;
}) {
  const { totp, recoveryCodes } = factors;
  return (
    <div className={styles.security}>
      <Passkeys passkeys={passkeys} newName={newPasskeyName} />
      <div className={styles.factor}>
        <h3>Authenticator app</h3>
        {totp ? (
          <>
            <p className={styles.status}>
              On since {DAY.format(totp.confirmedAt)}. Sign-in asks for its code
              first.
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
        <h3>Recovery codes</h3>
        <p className={styles.status}>
          {recoveryCodes
            ? `${recoveryCodes.left} of ${RECOVERY_CODE_COUNT} recovery codes left.`
            : "None yet. If you lose your phone, a recovery code still gets you in."}
        </p>
        <RecoveryCodes hasSet={recoveryCodes !== null} />
      </div>
      <div className={styles.factor}>
        <h3>Text-message codes</h3>
        <TextCodes
          off={factors.textCodesOff}
          canRefuse={canRefuseTextCodes(factors)}
        />
      </div>
    </div>
  );
}
