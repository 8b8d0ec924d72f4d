import type { PasskeyRow } from "@/lib/factors/passkey-records";
import { AddPasskey } from "./add-passkey";
import { RemovePasskey } from "./remove-passkey";
import styles from "./security.module.css";

const DAY = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeZone: "UTC",
});

export type PasskeyItem = Pick<
  PasskeyRow,
  "factorId" | "name" | "createdAt" | "lastUsedAt"
>;

/** The person's passkeys, each with its name and last use, and "Add a passkey". */
export function Passkeys({
  passkeys,
  newName,
}: {
  passkeys: PasskeyItem[];
  /** What a new passkey is called unless renamed: this device's name. */
  newName: string;
}) {
  return (
    <div className={styles.factor}>
      <h3>Passkeys</h3>
      {passkeys.length ? (
        <ul className={styles.passkeys} aria-label="Passkeys">
          {passkeys.map((p) => (
            <li key={p.factorId} className={styles.passkey}>
              <span className={styles.passkeyName}>
                <strong>{p.name}</strong>
                <span className={styles.status}>
                  Added {DAY.format(p.createdAt)} ·{" "}
                  {p.lastUsedAt
                    ? `last used ${DAY.format(p.lastUsedAt)}`
                    : "never used"}
                </span>
              </span>
              <RemovePasskey id={p.factorId} name={p.name} />
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.status}>
          None yet. A passkey signs you in with your fingerprint, face or device
          PIN, and cannot be phished.
        </p>
      )}
      <AddPasskey defaultName={newName} />
    </div>
  );
}
