import { getLocale, getTranslations } from "next-intl/server";
import type { RecentEvent } from "@/lib/audit";
import type { Locale } from "@/lib/i18n/locales";
import { describeEvent, describeWhen } from "./event-labels";
import styles from "./recent-activity.module.css";
import { LockDownFromActivity, ThisWasntMe } from "./this-wasnt-me";

/** The person's last security events, so a sign-in they did not make stands out. */
export async function RecentActivity({ events }: { events: RecentEvent[] }) {
  const [t, locale] = await Promise.all([
    getTranslations("Account.activity"),
    getLocale(),
  ]);
  const now = new Date();
  return (
    <section className={styles.activity} aria-labelledby="activity-heading">
      <h2 id="activity-heading">{t("heading")}</h2>
      {events.length === 0 ? (
        <p className={styles.empty}>{t("empty")}</p>
      ) : (
        <LockDownFromActivity>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("what")}</th>
                <th scope="col">{t("ip")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <EventRow
                  key={event.id}
                  event={event}
                  now={now}
                  locale={locale}
                />
              ))}
            </tbody>
          </table>
          <p className={styles.note}>{t("note")}</p>
        </LockDownFromActivity>
      )}
    </section>
  );
}

function EventRow({
  event,
  now,
  locale,
}: {
  event: RecentEvent;
  now: Date;
  locale: Locale;
}) {
  const { what, detail } = describeEvent(event.type, event.detail, locale);
  const when = describeWhen(event.createdAt, { now, locale });
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
