import type { FactorSummary } from "@/lib/factors/records";
import { RECOVERY_CODE_COUNT } from "@/lib/factors/policy";
import { AuthenticatorSetup } from "./authenticator-setup";
import { RecoveryCodes } from "./recovery-codes";
import { RemoveAuthenticator } from "./remove-authenticator";
import styles from "./security.module.css";

const DAY = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeZone: "UTC",
});

/**
 * The person's second factors. While the phone is the only one, the page says why an authenticator
 * app is safer and offers to add one (SMS is a restricted authenticator: people must be told the
 * risk and offered an alternative).
 */
export function Security({ factors }: { factors: FactorSummary }) {
  const { totp, recoveryCodes } = factors;
  return (
    <section className={styles.security} aria-labelledby="security-heading">
      <h2 id="security-heading">Security</h2>
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
            <p className={`alert info ${styles.risk}`} role="note">
              Your phone number is your only second factor. Text messages and
              calls can be redirected to someone else (a SIM swap or a hijacked
              number) and cannot reach you without signal. An authenticator app
              keeps its codes on your own device, works offline, and cannot be
              redirected: add one to make your account safer.
            </p>
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
    </section>
  );
}
