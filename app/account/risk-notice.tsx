import styles from "./security.module.css";

/**
 * Why an authenticator app is safer than the phone alone. Texts and calls are a restricted
 * authenticator: people must be told the risk and offered an alternative.
 */
export function RiskNotice() {
  return (
    <p className={`alert info ${styles.risk}`} role="note">
      Your phone number is your only second factor. Text messages and calls can
      be redirected to someone else (a SIM swap or a hijacked number) and cannot
      reach you without signal. An authenticator app keeps its codes on your own
      device, works offline, and cannot be redirected: add one to make your
      account safer.
    </p>
  );
}
