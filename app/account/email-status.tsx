import { UNCONFIRMED_ACCOUNT_DAYS } from "@/lib/account/policy";
import { ResendVerification } from "./resend-verification";
import styles from "./email-status.module.css";

/** Next to the address: whether a link sent to it was used. */
export function EmailBadge({ verified }: { verified: boolean }) {
  return (
    <span
      className={`${styles.badge} ${verified ? styles.verified : styles.unverified}`}
    >
      {verified ? "Verified" : "Unverified"}
    </span>
  );
}

/** Until the address is proven: why it matters, and a new link. */
export function EmailVerificationNotice({ canMail }: { canMail: boolean }) {
  return (
    <div className={styles.notice}>
      <p>
        Your email address is unverified. Open the link we emailed you in a
        browser signed in to this account; until then it cannot be used to reset
        your password. An account whose address is not confirmed within{" "}
        {UNCONFIRMED_ACCOUNT_DAYS} days of signing up is removed.
      </p>
      {canMail ? (
        <ResendVerification />
      ) : (
        <p>Email is not set up on this server, so no link can be sent.</p>
      )}
    </div>
  );
}
