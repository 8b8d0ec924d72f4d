import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { describeEvent } from "@/app/account/event-labels";
import { openConsole } from "@/lib/http/console-page";
import type { Lockout } from "@/lib/steps/lockout";
import { viewAccount, type ConsoleAccount } from "@/lib/steps/console-accounts";
import { ConsoleActions } from "../../console-actions";
import styles from "../../console.module.css";
import { consoleFormat } from "../../format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Admin.account");
  return { title: t("title") };
}

/** This request's formats: getLocale is read once per request. */
const readerFormat = async () => consoleFormat(await getLocale());

async function lockWords(lock: Lockout): Promise<string> {
  const t = await getTranslations("Admin.account");
  const format = await readerFormat();
  const paused =
    lock.pausedUntil === null
      ? ""
      : t("paused", {
          places: lock.pausedClients,
          until: format.date(lock.pausedUntil),
        });
  const off = lock.codesOff ? t("codesOff") : "";
  return [off, paused].filter(Boolean).join(". ") || t("notLocked");
}

type Factor = ConsoleAccount["factors"][number];

/** Each factor's name in the reader's words; a passkey's with the name its owner gave it. */
async function factorLabels(): Promise<(f: Factor) => string> {
  const t = await getTranslations("Admin.factors");
  return (f) =>
    f.kind === "passkey"
      ? t("passkeyNamed", { name: f.name ?? "" })
      : t(f.kind);
}

/** One account: its state, what an operator may do, and its audit rows. */
export default async function AccountPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const ctx = await openConsole(`/admin/accounts/${id}`, {
    action: "view",
    target: id,
  });
  const viewed = await viewAccount(ctx, id);
  if (!viewed.ok) notFound();
  const a = viewed.account;
  const t = await getTranslations("Admin.account");
  const format = await readerFormat();
  const factorLabel = await factorLabels();
  return (
    <>
      <section className={styles.panel} aria-labelledby="account-heading">
        <p className={styles.back}>
          <Link href="/admin">{t("back")}</Link>
        </p>
        <h1 id="account-heading" className={styles.wrap}>
          {a.email}
        </h1>
        <dl className={styles.facts}>
          <dt>{t("email")}</dt>
          <dd>
            {a.emailVerifiedAt
              ? t("emailVerified", { at: format.date(a.emailVerifiedAt) })
              : t("emailNotVerified")}
          </dd>
          <dt>{t("phone")}</dt>
          <dd>
            {a.phone
              ? t("phoneVerified", {
                  number: a.phone.number,
                  at: format.date(a.phone.verifiedAt),
                })
              : t("phoneNone")}
          </dd>
          <dt>{t("created")}</dt>
          <dd>{format.date(a.createdAt)}</dd>
          <dt>{t("signIn")}</dt>
          <dd>{await lockWords(a.lock)}</dd>
          <dt>{t("account")}</dt>
          <dd>
            {a.switchedOff
              ? t("switchedOff", {
                  at: format.date(a.switchedOff.at),
                  reason: a.switchedOff.reason,
                })
              : t("on")}
          </dd>
          <dt>{t("textCodes")}</dt>
          <dd>
            {a.textCodesOff ? t("textCodesRefused") : t("textCodesAccepted")}
          </dd>
          <dt>{t("sends")}</dt>
          <dd>{format.count(a.sendsLastDay)}</dd>
          {a.admin ? (
            <>
              <dt>{t("role")}</dt>
              <dd>{t("admin")}</dd>
            </>
          ) : null}
        </dl>
      </section>
      <ConsoleActions
        userId={a.id}
        locked={a.lock.codesOff || a.lock.pausedClients > 0}
        switchedOff={a.switchedOff !== null}
        sessions={a.sessions.length}
        factors={a.factors.map((f) => ({
          id: f.id,
          label: factorLabel(f),
        }))}
      />
      <Factors account={a} />
      <Sessions account={a} />
      <Devices account={a} />
      <Audit account={a} />
    </>
  );
}

// Cells that say what they are (a factor, a device, an email) carry no data-label: on a phone
// only the others are prefixed with their column's name (console.module.css).

async function Factors({ account }: { account: ConsoleAccount }) {
  const t = await getTranslations("Admin.factors");
  const format = await readerFormat();
  const factorLabel = await factorLabels();
  return (
    <section className={styles.panel} aria-labelledby="factors-heading">
      <h2 id="factors-heading">{t("heading")}</h2>
      {account.factors.length === 0 ? (
        <p className={styles.empty}>{t("none")}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t("factor")}</th>
              <th scope="col">{t("added")}</th>
              <th scope="col">{t("lastUsed")}</th>
            </tr>
          </thead>
          <tbody>
            {account.factors.map((f) => (
              <tr key={f.id}>
                <td className={styles.wrap}>
                  {f.codesLeft !== null
                    ? t("codesLeft", {
                        factor: factorLabel(f),
                        left: f.codesLeft,
                      })
                    : factorLabel(f)}
                </td>
                <td className={styles.nowrap} data-label={t("added")}>
                  {format.date(f.addedAt)}
                </td>
                <td className={styles.nowrap} data-label={t("lastUsed")}>
                  {f.lastUsedAt ? format.date(f.lastUsedAt) : t("never")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

async function Sessions({ account }: { account: ConsoleAccount }) {
  const t = await getTranslations("Admin.sessions");
  const format = await readerFormat();
  return (
    <section className={styles.panel} aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("heading")}</h2>
      {account.sessions.length === 0 ? (
        <p className={styles.empty}>{t("none")}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t("device")}</th>
              <th scope="col">{t("ip")}</th>
              <th scope="col">{t("signedIn")}</th>
              <th scope="col">{t("lastSeen")}</th>
            </tr>
          </thead>
          <tbody>
            {account.sessions.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td className={styles.nowrap} data-label={t("ip")}>
                  {s.ip ?? "—"}
                </td>
                <td className={styles.nowrap} data-label={t("signedIn")}>
                  {format.date(s.signedInAt)}
                </td>
                <td className={styles.nowrap} data-label={t("lastSeen")}>
                  {format.date(s.lastSeenAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

async function Devices({ account }: { account: ConsoleAccount }) {
  const t = await getTranslations("Admin.devices");
  const format = await readerFormat();
  return (
    <section className={styles.panel} aria-labelledby="devices-heading">
      <h2 id="devices-heading">{t("heading")}</h2>
      {account.devices.length === 0 ? (
        <p className={styles.empty}>{t("none")}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t("device")}</th>
              <th scope="col">{t("remembered")}</th>
              <th scope="col">{t("lastUsed")}</th>
            </tr>
          </thead>
          <tbody>
            {account.devices.map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td className={styles.nowrap} data-label={t("remembered")}>
                  {format.date(d.createdAt)}
                </td>
                <td className={styles.nowrap} data-label={t("lastUsed")}>
                  {format.date(d.lastUsedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The operator's side of a row: who did it and why, when support did. */
function supportNote(detail: unknown): string {
  const d = (detail ?? {}) as Record<string, unknown>;
  if (typeof d.reason !== "string" || !d.reason) return "";
  const who = typeof d.operator === "string" ? `${d.operator}: ` : "";
  return `${who}${d.reason}`;
}

async function Audit({ account }: { account: ConsoleAccount }) {
  const [t, locale, format] = await Promise.all([
    getTranslations("Admin.audit"),
    getLocale(),
    readerFormat(),
  ]);
  return (
    <section className={styles.panel} aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t("heading")}</h2>
      {account.events.length === 0 ? (
        <p className={styles.empty}>{t("none")}</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">{t("when")}</th>
              <th scope="col">{t("what")}</th>
              <th scope="col">{t("reason")}</th>
              <th scope="col">{t("ip")}</th>
            </tr>
          </thead>
          <tbody>
            {account.events.map((e) => {
              const { what, detail } = describeEvent(e.type, e.detail, locale);
              return (
                <tr key={e.id}>
                  <td className={styles.nowrap} data-label={t("when")}>
                    {format.date(e.createdAt)}
                  </td>
                  <td>
                    <span className={styles.what}>{what}</span>
                    {detail ? (
                      <span className={styles.detail}>{detail}</span>
                    ) : null}
                  </td>
                  <td className={styles.wrap} data-label={t("reason")}>
                    {supportNote(e.detail)}
                  </td>
                  <td className={styles.nowrap} data-label={t("ip")}>
                    {e.ip ?? "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
