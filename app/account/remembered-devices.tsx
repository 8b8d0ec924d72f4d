import { getLocale, getTranslations } from "next-intl/server";
import type { RememberedDevice } from "@/lib/devices/records";
import { REMEMBER_DEVICE_DAYS } from "@/lib/devices/policy";
import { describeWhen } from "./event-labels";
import { ForgetDevice } from "./forget-device";
import { formatDay } from "@/lib/i18n/dates";
import styles from "./remembered-devices.module.css";

/** The browsers that skip the second factor (never the password), each with "Forget". */
export async function RememberedDevices({
  devices,
}: {
  devices: RememberedDevice[];
}) {
  const [t, locale] = await Promise.all([
    getTranslations("Account.rememberedDevices"),
    getLocale(),
  ]);
  return (
    <section className={styles.devices} aria-labelledby="devices-heading">
      <h3 id="devices-heading">{t("heading")}</h3>
      {devices.length === 0 ? (
        <p className={styles.status}>
          {t("none", { days: REMEMBER_DEVICE_DAYS })}
        </p>
      ) : (
        <>
          <p className={styles.status}>{t("intro")}</p>
          <ul className={styles.list}>
            {devices.map((d) => (
              <li key={d.id} className={styles.row}>
                <div>
                  <strong id={`device-${d.id}`}>{d.name}</strong>
                  <p className={styles.status}>
                    {t("used", {
                      used: describeWhen(d.lastUsedAt, {
                        locale,
                        inline: true,
                      }),
                      until: formatDay(d.expiresAt, locale),
                    })}
                  </p>
                </div>
                <ForgetDevice id={d.id} nameId={`device-${d.id}`} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
