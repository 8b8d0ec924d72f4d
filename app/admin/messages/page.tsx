import type { Metadata } from "next";
import { openConsole } from "@/lib/http/console-page";
import type { RefusalReason } from "@/lib/limits/messages";
import {
  readMessageFigures,
  type BreakerView,
  type CountryDay,
} from "@/lib/steps/message-figures";
import styles from "../console.module.css";
import { formatDate } from "../format";
import { BreakerActions } from "./breaker-actions";

export const metadata: Metadata = { title: "Messages · Console" };

/** The refusals' reasons, in the words an operator reads. */
const REFUSALS: Record<RefusalReason, string> = {
  limits: "Limits (per number, account, address, daily budget)",
  destination: "Destination rules (country or landline)",
  breaker: "A destination's breaker",
  ceiling: "The hourly ceiling",
};

/** The same, as the chart's short labels. */
const REFUSAL_SHORT: Record<RefusalReason, string> = {
  limits: "Limits",
  destination: "Destination",
  breaker: "Breaker",
  ceiling: "Ceiling",
};

const DAY = new Intl.DateTimeFormat("en-GB", {
  weekday: "short",
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const dayLabel = (day: string) => DAY.format(new Date(`${day}T00:00:00Z`));

const COUNT = new Intl.NumberFormat("en-GB");
const count = (n: number) => COUNT.format(n);
const percent = (p: number | null) => (p === null ? "—" : `${p}\u00a0%`);
const share = (n: number, of: number) =>
  of > 0 ? `${Math.max(0, Math.min(100, (n * 100) / of))}%` : "0%";

/** A bar people compare at a glance: sent, the part of it verified, and the refused beyond it. */
function Bar({
  sent,
  verified,
  refused = 0,
  scale,
}: {
  sent: number;
  verified: number;
  refused?: number;
  scale: number;
}) {
  return (
    <span className={styles.bar}>
      <span className={styles.barSent} style={{ width: share(sent, scale) }}>
        <span
          className={styles.barVerified}
          style={{ width: share(verified, sent) }}
        />
      </span>
      {refused > 0 ? (
        <span
          className={styles.barRefused}
          style={{ width: share(refused, scale) }}
        />
      ) : null}
    </span>
  );
}

/** What the chart's colours mean; the tables beside the charts say the same to everyone. */
function Legend({ refused }: { refused?: boolean }) {
  return (
    <p className={styles.legend}>
      <span>
        <span className={styles.keyVerified} /> Verified
      </span>
      <span>
        <span className={styles.keySent} /> Sent, not verified
      </span>
      {refused ? (
        <span>
          <span className={styles.keyRefused} /> Refused
        </span>
      ) : null}
    </p>
  );
}

/** Conversion below the breaker's threshold is what pumping looks like: said in words too. */
function Conversion({
  c,
  low,
}: {
  c: CountryDay | Omit<CountryDay, "country">;
  low: number;
}) {
  const isLow = c.conversionPercent !== null && c.conversionPercent < low;
  return (
    <span className={isLow ? styles.low : undefined}>
      {percent(c.conversionPercent)}
      {isLow ? " (low)" : ""}
    </span>
  );
}

function breakerRow(b: BreakerView) {
  return {
    scope: b.scope,
    label: b.label,
    until: formatDate(new Date(b.until)),
    why:
      b.scope === "all"
        ? `${b.sends} texts and calls in the hour before ${formatDate(new Date(b.trippedAt))}.`
        : `${b.sends} codes in the hour before ${formatDate(new Date(b.trippedAt))}, ${b.verified} entered (${percent(b.conversionPercent)}).`,
  };
}

/**
 * The last seven days of texts and calls: sent, delivered and verified per day and per country,
 * the refusals by reason, and the breakers in force with a way to lift or extend them. Countries
 * and number ranges only: never a whole phone number.
 */
export default async function MessagesPage() {
  const ctx = await openConsole("/admin/messages", { action: "messages" });
  const figures = await readMessageFigures(ctx);
  const { days, countries, breakers, settings } = figures;
  const low = settings.maxConversionPercent;
  const totalRefused = (r: Record<RefusalReason, number>) =>
    Object.values(r).reduce((a, b) => a + b, 0);
  const dayScale = Math.max(
    1,
    ...days.map((d) => d.total.sent + totalRefused(d.refused)),
  );
  const countryScale = Math.max(1, ...countries.map((c) => c.sent));
  const reasons = (Object.keys(REFUSALS) as RefusalReason[]).map((r) => ({
    reason: r,
    week: days.reduce((n, d) => n + d.refused[r], 0),
    today: days.at(-1)?.refused[r] ?? 0,
  }));
  const refusedScale = Math.max(1, ...reasons.map((r) => r.week));
  const week = days.reduce(
    (t, d) => ({
      sent: t.sent + d.total.sent,
      verified: t.verified + d.total.verified,
      refused: t.refused + totalRefused(d.refused),
    }),
    { sent: 0, verified: 0, refused: 0 },
  );

  return (
    <>
      <section className={styles.panel} aria-labelledby="messages-heading">
        <h1 id="messages-heading">Messages</h1>
        <p className="lead">
          Texts and calls with a code over the last 7 days (UTC): sent,
          delivered and entered, per day and per country. Codes sent and never
          entered, to a country you do not serve, are the signature of SMS
          pumping.
        </p>
        <dl className={styles.summary}>
          <div>
            <dt>Sent</dt>
            <dd>{week.sent}</dd>
          </div>
          <div>
            <dt>Verified</dt>
            <dd>{week.verified}</dd>
          </div>
          <div>
            <dt>Conversion</dt>
            <dd>
              {percent(
                week.sent
                  ? Math.round((week.verified * 100) / week.sent)
                  : null,
              )}
            </dd>
          </div>
          <div>
            <dt>Refused</dt>
            <dd>{week.refused}</dd>
          </div>
        </dl>
      </section>

      <section className={styles.panel} aria-labelledby="breakers-heading">
        <h2 id="breakers-heading">Breakers in force</h2>
        {breakers.length === 0 ? (
          <p className={styles.empty}>
            No breaker is in force: codes go out everywhere. A destination
            pauses when {count(settings.minSends)} codes went there in an hour
            and fewer than {low} % were entered; everything pauses at{" "}
            {count(settings.ceiling)} messages an hour.
          </p>
        ) : (
          <BreakerActions breakers={breakers.map(breakerRow)} />
        )}
      </section>

      <section className={styles.panel} aria-labelledby="days-heading">
        <h2 id="days-heading">Per day</h2>
        <Legend refused />
        <div className={styles.chart} aria-hidden="true">
          {days.map((d) => (
            <div key={d.day} className={styles.chartRow}>
              <span className={styles.chartLabel}>{dayLabel(d.day)}</span>
              <Bar
                sent={d.total.sent}
                verified={d.total.verified}
                refused={totalRefused(d.refused)}
                scale={dayScale}
              />
              <span className={styles.chartValue}>
                {d.total.sent} · {percent(d.total.conversionPercent)}
              </span>
            </div>
          ))}
        </div>
        <table className={`${styles.table} ${styles.figures}`}>
          <caption className={styles.caption}>
            Texts and calls per day, the last 7 days (UTC)
          </caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Texts</th>
              <th scope="col">Calls</th>
              <th scope="col">Delivered</th>
              <th scope="col">Verified</th>
              <th scope="col">Conversion</th>
              <th scope="col">Refused</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row" className={styles.nowrap} data-label="Day">
                  {dayLabel(d.day)}
                </th>
                <td data-label="Texts">{d.total.sms}</td>
                <td data-label="Calls">{d.total.voice}</td>
                <td data-label="Delivered">{d.total.delivered}</td>
                <td data-label="Verified">{d.total.verified}</td>
                <td data-label="Conversion">
                  <Conversion c={d.total} low={low} />
                </td>
                <td data-label="Refused">{totalRefused(d.refused)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className={styles.panel} aria-labelledby="countries-heading">
        <h2 id="countries-heading">Per country</h2>
        {countries.length === 0 ? (
          <p className={styles.empty}>No code went out in the last 7 days.</p>
        ) : (
          <>
            <Legend />
            <div className={styles.chart} aria-hidden="true">
              {countries.map((c) => (
                <div key={c.country} className={styles.chartRow}>
                  <span className={styles.chartLabel}>{c.country}</span>
                  <Bar
                    sent={c.sent}
                    verified={c.verified}
                    scale={countryScale}
                  />
                  <span className={styles.chartValue}>
                    {c.sent} · {percent(c.conversionPercent)}
                  </span>
                </div>
              ))}
            </div>
            <table className={`${styles.table} ${styles.figures}`}>
              <caption className={styles.caption}>
                Texts and calls per destination country, the last 7 days
              </caption>
              <thead>
                <tr>
                  <th scope="col">Country</th>
                  <th scope="col">Texts</th>
                  <th scope="col">Calls</th>
                  <th scope="col">Delivered</th>
                  <th scope="col">Verified</th>
                  <th scope="col">Conversion</th>
                </tr>
              </thead>
              <tbody>
                {countries.map((c) => (
                  <tr key={c.country}>
                    <th scope="row" data-label="Country">
                      {c.country}
                    </th>
                    <td data-label="Texts">{c.sms}</td>
                    <td data-label="Calls">{c.voice}</td>
                    <td data-label="Delivered">{c.delivered}</td>
                    <td data-label="Verified">{c.verified}</td>
                    <td data-label="Conversion">
                      <Conversion c={c} low={low} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <section className={styles.panel} aria-labelledby="refusals-heading">
        <h2 id="refusals-heading">Refused sends</h2>
        <div className={styles.chart} aria-hidden="true">
          {reasons.map((r) => (
            <div key={r.reason} className={styles.chartRow}>
              <span className={styles.chartLabel}>
                {REFUSAL_SHORT[r.reason]}
              </span>
              <span className={styles.bar}>
                <span
                  className={styles.barRefused}
                  style={{ width: share(r.week, refusedScale) }}
                />
              </span>
              <span className={styles.chartValue}>{r.week}</span>
            </div>
          ))}
        </div>
        <table className={`${styles.table} ${styles.figures}`}>
          <caption className={styles.caption}>Sends refused, by reason</caption>
          <thead>
            <tr>
              <th scope="col">Reason</th>
              <th scope="col">Last 7 days</th>
              <th scope="col">Today</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r.reason}>
                <th scope="row" data-label="Reason">
                  {REFUSALS[r.reason]}
                </th>
                <td data-label="Last 7 days">{r.week}</td>
                <td data-label="Today">{r.today}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
