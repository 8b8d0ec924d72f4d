import type { SignedInDevice } from "@/lib/steps/manage-sessions";
import { describeWhen } from "./event-labels";
import styles from "./remembered-devices.module.css";
import { SessionAction } from "./session-action";

/**
 * Every browser signed in to the account right now; each other one with "Sign out" (this one
 * signs out from the header).
 */
export function SignedInDevices({ devices }: { devices: SignedInDevice[] }) {
  const others = devices.some((d) => !d.current);
  return (
    <section className={styles.devices} aria-labelledby="sessions-heading">
      <h3 id="sessions-heading">Signed-in devices</h3>
      <p className={styles.status}>
        Signing out a device needs a second factor from the last 10 minutes.
      </p>
      <ul className={styles.list}>
        {devices.map((d) => (
          <li key={d.id} className={styles.row}>
            <div>
              <strong id={`session-${d.id}`}>
                {d.name}
                {d.current ? " · this device" : ""}
              </strong>
              <p className={styles.status}>
                {d.ip ?? "Unknown place"} · signed in{" "}
                {describeWhen(d.signedInAt).toLowerCase()} · last seen{" "}
                {describeWhen(d.lastSeenAt).toLowerCase()}
              </p>
            </div>
            {d.current ? (
              // This browser signs out with "Sign out" in the page's header.
              <span className={styles.here}>Signed in here</span>
            ) : (
              <SessionAction
                url="/api/account/sessions/sign-out"
                body={{ id: d.id }}
                label="Sign out"
                busyLabel="Signing out…"
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
            label="Sign out everywhere else"
            busyLabel="Signing out…"
          />
        </div>
      ) : null}
    </section>
  );
}
