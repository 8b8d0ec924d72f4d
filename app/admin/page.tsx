import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Button } from "@/app/ui/button";
import { openConsole } from "@/lib/http/console-page";
import { findAccounts } from "@/lib/steps/console-accounts";
import styles from "./console.module.css";
import { consoleFormat } from "./format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Admin.people");
  return { title: t("title") };
}

/** The highest page number a link may ask for: far past any real search. */
const MAX_PAGE = 10_000;

function pageOf(raw: string | undefined): number {
  const n = Number(raw ?? 1);
  return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE ? n : 1;
}

/** Find a person by email or phone, exact or a prefix, a page at a time. */
export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; page?: string }>;
}) {
  const params = await searchParams;
  const q = (typeof params.q === "string" ? params.q : "").slice(0, 254);
  const page = pageOf(params.page);
  await openConsole("/admin", {
    action: q ? "search" : "open",
    target: q || null,
  });
  const found = q ? await findAccounts(q, page - 1) : null;
  const t = await getTranslations("Admin.people");
  const format = consoleFormat(await getLocale());
  const link = (n: number) =>
    `/admin?${new URLSearchParams({ q, page: String(n) }).toString()}`;
  return (
    <section className={styles.panel} aria-labelledby="people-heading">
      <h1 id="people-heading">{t("heading")}</h1>
      <p className="lead">{t("lead")}</p>
      <form
        className={styles.search}
        action="/admin"
        method="get"
        role="search"
      >
        <div className="field">
          <label htmlFor="console-q">{t("query")}</label>
          <input
            id="console-q"
            name="q"
            type="search"
            defaultValue={q}
            autoComplete="off"
            spellCheck={false}
            placeholder={t("placeholder")}
          />
        </div>
        <Button type="submit">{t("find")}</Button>
      </form>
      {found ? (
        found.accounts.length === 0 ? (
          <p className={styles.empty}>{t("none", { q })}</p>
        ) : (
          <>
            <table className={styles.table}>
              <caption className={styles.caption}>
                {t("caption", { q, page: format.count(page) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{t("phone")}</th>
                  <th scope="col">{t("created")}</th>
                  <th scope="col">{t("state")}</th>
                </tr>
              </thead>
              <tbody>
                {found.accounts.map((a) => (
                  <tr key={a.id}>
                    <td className={styles.wrap}>
                      <Link href={`/admin/accounts/${a.id}`}>{a.email}</Link>
                    </td>
                    <td className={styles.nowrap} data-label={t("phone")}>
                      {a.phone ?? "—"}
                    </td>
                    <td className={styles.nowrap} data-label={t("created")}>
                      {format.date(a.createdAt)}
                    </td>
                    <td data-label={t("state")}>
                      {a.switchedOff ? t("switchedOff") : t("on")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className={styles.pages} aria-label={t("pages")}>
              {page > 1 ? (
                <Link href={link(page - 1)}>{t("previous")}</Link>
              ) : (
                <span />
              )}
              {found.more ? (
                <Link href={link(page + 1)}>{t("next")}</Link>
              ) : null}
            </nav>
          </>
        )
      ) : null}
    </section>
  );
}
