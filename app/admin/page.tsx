import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/app/ui/button";
import { openConsole } from "@/lib/http/console-page";
import { findAccounts } from "@/lib/steps/console-accounts";
import styles from "./console.module.css";
import { formatDate } from "./format";

export const metadata: Metadata = { title: "People · Console" };

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
  const link = (n: number) =>
    `/admin?${new URLSearchParams({ q, page: String(n) }).toString()}`;
  return (
    <section className={styles.panel} aria-labelledby="people-heading">
      <h1 id="people-heading">People</h1>
      <p className="lead">
        Find an account by its email address or verified phone number, whole or
        its beginning.
      </p>
      <form
        className={styles.search}
        action="/admin"
        method="get"
        role="search"
      >
        <div className="field">
          <label htmlFor="console-q">Email or phone</label>
          <input
            id="console-q"
            name="q"
            type="search"
            defaultValue={q}
            autoComplete="off"
            spellCheck={false}
            placeholder="ana@example.com or +3361"
          />
        </div>
        <Button type="submit">Find</Button>
      </form>
      {found ? (
        found.accounts.length === 0 ? (
          <p className={styles.empty}>No account matches “{q}”.</p>
        ) : (
          <>
            <table className={styles.table}>
              <caption className={styles.caption}>
                Accounts matching “{q}”, page {page}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Phone</th>
                  <th scope="col">Created</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {found.accounts.map((a) => (
                  <tr key={a.id}>
                    <td className={styles.wrap} data-label="Email">
                      <Link href={`/admin/accounts/${a.id}`}>{a.email}</Link>
                    </td>
                    <td className={styles.nowrap} data-label="Phone">
                      {a.phone ?? "—"}
                    </td>
                    <td className={styles.nowrap} data-label="Created">
                      {formatDate(a.createdAt)}
                    </td>
                    <td data-label="State">
                      {a.switchedOff ? "Switched off" : "On"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <nav className={styles.pages} aria-label="Pages">
              {page > 1 ? (
                <Link href={link(page - 1)}>Previous page</Link>
              ) : (
                <span />
              )}
              {found.more ? <Link href={link(page + 1)}>Next page</Link> : null}
            </nav>
          </>
        )
      ) : null}
    </section>
  );
}
