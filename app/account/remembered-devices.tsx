import type { RememberedDevice } from "@/lib/devices/records";
import { REMEMBER_DEVICE_DAYS } from "@/lib/devices/policy";
import { describeWhen } from "./event-labels";
import { ForgetDevice } from "./forget-device";
import styles from "./remembered-devices.module.css";

const DAY = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeZone: "UTC",
});

/** The browsers that skip the second factor (never the password), each with "Forget". */
export function RememberedDevices({
  devices,
}: {
  devices: RememberedDevice[];
}) {
  return (
    <section className={styles.devices} aria-labelledby="devices-heading">
      <h3 id="devices-heading">Remembered devices</h3>
      {devices.length === 0 ? (
        <p className={styles.status}>
          None. Tick “Remember this device for {REMEMBER_DEVICE_DAYS} days” when
          you enter a code, and that browser will ask only for your password.
        </p>
      ) : (
        <>
          <p className={styles.status}>
            These browsers ask only for your password. Changing a second factor
            forgets them all.
          </p>
          <ul className={styles.list}>
            {devices.map((d) => (
              <li key={d.id} className={styles.row}>
                <div>
                  <strong id={`device-${d.id}`}>{d.name}</strong>
                  <p className={styles.status}>
                    Last used {describeWhen(d.lastUsedAt).toLowerCase()} · until{" "}
                    {DAY.format(d.expiresAt)}
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
