import { getLocale, getTranslations } from "next-intl/server";
import type { SignedInDevice } from "@/lib/steps/manage-sessions";
import { describeWhen } from "./event-labels";
import styles from "./remembered-devices.module.css";
import { SessionAction } from "./session-action";

/**
 * Every browser signed in to the account right now; each other one with "Sign out" (this one
 * signs out from the header).
 */
export async function SignedInDevices({
  devices,
}: {
  devices: SignedInDevice[];
}) {
  const [t, locale] = await Promise.all([
    getTranslations("Account.signedInDevices"),
    getLocale(),
  ]);
  const when = (at: Date) => describeWhen(at, { locale, inline: true });
  const others = devices.some((d) => !d.current);
  return (
    <section className={styles.devices} aria-labelledby="sessions-heading">
      <h3 id="sessions-heading">{t("heading")}</h3>
      <p className={styles.status}>{t("needsFactor")}</p>
      <ul className={styles.list}>
        {devices.map((d) => (
          <li key={d.id} className={styles.row}>
            <div>
              <strong id={`session-${d.id}`}>
                {d.current ? t("thisDevice", { name: d.name }) : d.name}
              </strong>
              <p className={styles.status}>
                {t("seen", {
                  place: d.ip ?? t("unknownPlace"),
                  signedIn: when(d.signedInAt),
                  lastSeen: when(d.lastSeenAt),
                })}
              </p>
            </div>
            {d.current ? (
              // This browser signs out with "Sign out" in the page's header.
              <span className={styles.here}>{t("here")}</span>
            ) : (
              <SessionAction
                url="/api/account/sessions/sign-out"
                body={{ id: d.id }}
                label={t("signOut")}
                busyLabel={t("signingOut")}
                describedBy={`session-${d.id}`}
              />
            )}
          </li>
        ))}
      </ul>
      {others ? (
        <div>
          <SessionAction
            url="/api/account/sessions/sign-out-others"
            body={{}}
            label={t("signOutOthers")}
            busyLabel={t("signingOut")}
          />
        </div>
      ) : null}
    </section>
  );
}
