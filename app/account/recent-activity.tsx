import type { RecentEvent } from "@/lib/audit";
import { describeEvent, describeWhen } from "./event-labels";
import styles from "./recent-activity.module.css";
import { LockDownFromActivity, ThisWasntMe } from "./this-wasnt-me";

/** The person's last security events, so a sign-in they did not make stands out. */
export function RecentActivity({ events }: { events: RecentEvent[] }) {
  const now = new Date();
  return (
    <section className={styles.activity} aria-labelledby="activity-heading">
      <h2 id="activity-heading">Recent security activity</h2>
      {events.length === 0 ? (
        <p className={styles.empty}>No activity recorded yet.</p>
      ) : (
        <LockDownFromActivity>
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">IP address</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <EventRow key={event.id} event={event} now={now} />
              ))}
            </tbody>
          </table>
          <p className={styles.note}>
            Don&apos;t recognise an event? Someone else may know your password:
            choose “This wasn&apos;t me” beside it to lock your account down.
          </p>
        </LockDownFromActivity>
      )}
    </section>
  );
}

function EventRow({ event, now }: { event: RecentEvent; now: Date }) {
  const { what, detail } = describeEvent(event.type, event.detail);
  const when = describeWhen(event.createdAt, now);
  return (
    <tr>
      <td className={styles.when}>
        <time dateTime={event.createdAt.toISOString()}>{when}</time>
      </td>
      <td>
        <span className={styles.what}>{what}</span>
        {detail ? <span className={styles.detail}>{detail}</span> : null}
        <ThisWasntMe what={what} when={when} />
      </td>
      <td className={styles.ip}>{event.ip ?? "—"}</td>
    </tr>
  );
}
