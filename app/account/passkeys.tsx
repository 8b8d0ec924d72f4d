import { getLocale, getTranslations } from "next-intl/server";
import type { PasskeyRow } from "@/lib/factors/passkey-records";
import { AddPasskey } from "./add-passkey";
import { formatDay } from "@/lib/i18n/dates";
import { RemovePasskey } from "./remove-passkey";
import styles from "./security.module.css";

export type PasskeyItem = Pick<
  PasskeyRow,
  "factorId" | "name" | "createdAt" | "lastUsedAt"
>;

/** The person's passkeys, each with its name and last use, and "Add a passkey". */
export async function Passkeys({
  passkeys,
  newName,
}: {
  passkeys: PasskeyItem[];
  /** What a new passkey is called unless renamed: this device's name. */
  newName: string;
}) {
  const [t, locale] = await Promise.all([
    getTranslations("Account.passkeys"),
    getLocale(),
  ]);
  const day = (at: Date) => formatDay(at, locale);
  return (
    <div className={styles.factor}>
      <h3>{t("heading")}</h3>
      {passkeys.length ? (
        <ul className={styles.passkeys} aria-label={t("listLabel")}>
          {passkeys.map((p) => (
            <li key={p.factorId} className={styles.passkey}>
              <span className={styles.passkeyName}>
                <strong>{p.name}</strong>
                <span className={styles.status}>
                  {p.lastUsedAt
                    ? t("addedUsed", {
                        added: day(p.createdAt),
                        used: day(p.lastUsedAt),
                      })
                    : t("addedNeverUsed", { added: day(p.createdAt) })}
                </span>
              </span>
              <RemovePasskey id={p.factorId} name={p.name} />
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.status}>{t("none")}</p>
      )}
      <AddPasskey defaultName={newName} />
    </div>
  );
}
