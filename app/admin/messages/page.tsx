import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { openConsole } from "@/lib/http/console-page";
import { REFUSAL_REASONS, type RefusalReason } from "@/lib/limits/messages";
import {
  readMessageFigures,
  type BreakerView,
  type CountryDay,
} from "@/lib/steps/message-figures";
import styles from "../console.module.css";
import { consoleFormat, type ConsoleFormat } from "../format";
import { BreakerActions, type BreakerRow } from "./breaker-actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Admin.messages");
  return { title: t("title") };
}

const share = (n: number, of: number) =>
  of > 0 ? `${Math.max(0, Math.min(100, (n * 100) / of))}%` : "0%";

/** A whole percent in the reader's typography ("50 %", "50%"), or a dash when nothing was sent. */
async function percentFormat(): Promise<(p: number | null) => string> {
  const t = await getTranslations("Admin.messages");
  return (p) => (p === null ? "—" : t("percent", { value: p }));
}

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
async function Legend({ refused }: { refused?: boolean }) {
  const t = await getTranslations("Admin.messages");
  return (
    <p className={styles.legend}>
      <span>
        <span className={styles.keyVerified} /> {t("legendVerified")}
      </span>
      <span>
        <span className={styles.keySent} /> {t("legendSent")}
      </span>
      {refused ? (
        <span>
          <span className={styles.keyRefused} /> {t("legendRefused")}
        </span>
      ) : null}
    </p>
  );
}

/** Conversion below the breaker's threshold is what pumping looks like: said in words too. */
async function Conversion({
  c,
  low,
}: {
  c: CountryDay | Omit<CountryDay, "country">;
  low: number;
}) {
  const t = await getTranslations("Admin.messages");
  const percent = await percentFormat();
  const isLow = c.conversionPercent !== null && c.conversionPercent < low;
  const shown = percent(c.conversionPercent);
  return (
    <span className={isLow ? styles.low : undefined}>
      {isLow ? t("low", { percent: shown }) : shown}
    </span>
  );
}

/** A breaker in force, worded for the reader: what it covers, until when, and why it tripped. */
async function breakerRows(
  breakers: BreakerView[],
  format: ConsoleFormat,
): Promise<BreakerRow[]> {
  const t = await getTranslations("Admin.breakers");
  const percent = await percentFormat();
  return breakers.map((b) => {
    const at = format.date(b.trippedAt);
    return {
      scope: b.scope,
      label: t("place", {
        kind: b.place.kind,
        country:
          b.place.kind === "country" ? format.country(b.place.country) : "",
        prefix: b.place.kind === "range" ? b.place.prefix : "",
      }),
      until: format.date(b.until),
      why:
        b.place.kind === "all"
          ? t("whyAll", { sends: b.sends, at })
          : t("why", {
              sends: b.sends,
              at,
              verified: b.verified,
              percent: percent(b.conversionPercent),
            }),
    };
  });
}

/**
 * The last seven days of texts and calls: sent, delivered and verified per day and per country,
 * the refusals by reason, and the breakers in force with a way to lift or extend them. Countries
 * and number ranges only: never a whole phone number.
 */
export default async function MessagesPage() {
  const ctx = await openConsole("/admin/messages", { action: "messages" });
  const figures = await readMessageFigures(ctx);
  const t = await getTranslations("Admin.messages");
  const tb = await getTranslations("Admin.breakers");
  const format = consoleFormat(await getLocale());
  const percent = await percentFormat();
  const { count } = format;
  const { days, countries, breakers, settings } = figures;
  const low = settings.maxConversionPercent;
  const totalRefused = (r: Record<RefusalReason, number>) =>
    Object.values(r).reduce((a, b) => a + b, 0);
  const dayScale = Math.max(
    1,
    ...days.map((d) => d.total.sent + totalRefused(d.refused)),
  );
  const countryScale = Math.max(1, ...countries.map((c) => c.sent));
  const reasons = REFUSAL_REASONS.map((r) => ({
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
  /** A row's country: its name in the reader's language, then its code ("Allemagne (DE)"). */
  const countryName = (code: string) => {
    const name = format.country(code);
    return t("countryNamed", {
      name: name.charAt(0).toLocaleUpperCase(format.locale) + name.slice(1),
      code,
    });
  };

  return (
    <>
      <section className={styles.panel} aria-labelledby="messages-heading">
        <h1 id="messages-heading">{t("heading")}</h1>
        <p className="lead">{t("lead")}</p>
        <dl className={styles.summary}>
          <div>
            <dt>{t("sent")}</dt>
            <dd>{count(week.sent)}</dd>
          </div>
          <div>
            <dt>{t("verified")}</dt>
            <dd>{count(week.verified)}</dd>
          </div>
          <div>
            <dt>{t("conversion")}</dt>
            <dd>
              {percent(
                week.sent
                  ? Math.round((week.verified * 100) / week.sent)
                  : null,
              )}
            </dd>
          </div>
          <div>
            <dt>{t("refused")}</dt>
            <dd>{count(week.refused)}</dd>
          </div>
        </dl>
      </section>

      <section className={styles.panel} aria-labelledby="breakers-heading">
        <h2 id="breakers-heading">{tb("heading")}</h2>
        {breakers.length === 0 ? (
          <p className={styles.empty}>
            {tb("none", {
              minSends: settings.minSends,
              low,
              ceiling: settings.ceiling,
            })}
          </p>
        ) : (
          <BreakerActions breakers={await breakerRows(breakers, format)} />
        )}
      </section>

      <section className={styles.panel} aria-labelledby="days-heading">
        <h2 id="days-heading">{t("daysHeading")}</h2>
        <Legend refused />
        <div className={styles.chart} aria-hidden="true">
          {days.map((d) => (
            <div key={d.day} className={styles.chartRow}>
              <span className={styles.chartLabel}>{format.day(d.day)}</span>
              <Bar
                sent={d.total.sent}
                verified={d.total.verified}
                refused={totalRefused(d.refused)}
                scale={dayScale}
              />
              <span className={styles.chartValue}>
                {count(d.total.sent)} · {percent(d.total.conversionPercent)}
              </span>
            </div>
          ))}
        </div>
        <table className={`${styles.table} ${styles.figures}`}>
          <caption className={styles.caption}>{t("daysCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("day")}</th>
              <th scope="col">{t("texts")}</th>
              <th scope="col">{t("calls")}</th>
              <th scope="col">{t("delivered")}</th>
              <th scope="col">{t("verified")}</th>
              <th scope="col">{t("conversion")}</th>
              <th scope="col">{t("refused")}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row" className={styles.nowrap}>
                  {format.day(d.day)}
                </th>
                <td data-label={t("texts")}>{count(d.total.sms)}</td>
                <td data-label={t("calls")}>{count(d.total.voice)}</td>
                <td data-label={t("delivered")}>{count(d.total.delivered)}</td>
                <td data-label={t("verified")}>{count(d.total.verified)}</td>
                <td data-label={t("conversion")}>
                  <Conversion c={d.total} low={low} />
                </td>
                <td data-label={t("refused")}>
                  {count(totalRefused(d.refused))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className={styles.panel} aria-labelledby="countries-heading">
        <h2 id="countries-heading">{t("countriesHeading")}</h2>
        {countries.length === 0 ? (
          <p className={styles.empty}>{t("countriesNone")}</p>
        ) : (
          <>
            <Legend />
            {/* The chart names countries by their codes, to keep its bars wide; the table by name. */}
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
                    {count(c.sent)} · {percent(c.conversionPercent)}
                  </span>
                </div>
              ))}
            </div>
            <table className={`${styles.table} ${styles.figures}`}>
              <caption className={styles.caption}>
                {t("countriesCaption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("country")}</th>
                  <th scope="col">{t("texts")}</th>
                  <th scope="col">{t("calls")}</th>
                  <th scope="col">{t("delivered")}</th>
                  <th scope="col">{t("verified")}</th>
                  <th scope="col">{t("conversion")}</th>
                </tr>
              </thead>
              <tbody>
                {countries.map((c) => (
                  <tr key={c.country}>
                    <th scope="row">{countryName(c.country)}</th>
                    <td data-label={t("texts")}>{count(c.sms)}</td>
                    <td data-label={t("calls")}>{count(c.voice)}</td>
                    <td data-label={t("delivered")}>{count(c.delivered)}</td>
                    <td data-label={t("verified")}>{count(c.verified)}</td>
                    <td data-label={t("conversion")}>
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
        <h2 id="refusals-heading">{t("refusalsHeading")}</h2>
        <div className={styles.chart} aria-hidden="true">
          {reasons.map((r) => (
            <div key={r.reason} className={styles.chartRow}>
              <span className={styles.chartLabel}>
                {t(`refusalsShort.${r.reason}`)}
              </span>
              <span className={styles.bar}>
                <span
                  className={styles.barRefused}
                  style={{ width: share(r.week, refusedScale) }}
                />
              </span>
              <span className={styles.chartValue}>{count(r.week)}</span>
            </div>
          ))}
        </div>
        <table className={`${styles.table} ${styles.figures}`}>
          <caption className={styles.caption}>{t("refusalsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reason")}</th>
              <th scope="col">{t("week")}</th>
              <th scope="col">{t("today")}</th>
            </tr>
          </thead>
          <tbody>
            {reasons.map((r) => (
              <tr key={r.reason}>
                <th scope="row">{t(`refusals.${r.reason}`)}</th>
                <td data-label={t("week")}>{count(r.week)}</td>
                <td data-label={t("today")}>{count(r.today)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
