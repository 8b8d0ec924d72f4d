import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { describeEvent } from "@/app/account/event-labels";
import { openConsole } from "@/lib/http/console-page";
import type { Lockout } from "@/lib/steps/lockout";
import { viewAccount, type ConsoleAccount } from "@/lib/steps/console-accounts";
import { ConsoleActions } from "../../console-actions";
import styles from "../../console.module.css";
import { formatDate } from "../../format";

export const metadata: Metadata = { title: "Account · Console" };

const FACTOR_NAMES = {
  totp: "Authenticator app",
  passkey: "Passkey",
  recovery_codes: "Recovery codes",
} as const;

function lockWords(lock: Lockout): string {
  const paused =
    lock.pausedUntil === null
      ? ""
      : `${lock.pausedClients === 1 ? "One place" : `${lock.pausedClients} places`} paused by wrong answers until ${formatDate(new Date(lock.pausedUntil))}`;
  const off = lock.codesOff
    ? "Sign-in by code switched off by wrong codes"
    : "";
  return [off, paused].filter(Boolean).join(". ") || "Not locked";
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
  return (
    <>
      <section className={styles.panel} aria-labelledby="account-heading">
        <p className={styles.back}>
          <Link href="/admin">Back to People</Link>
        </p>
        <h1 id="account-heading" className={styles.wrap}>
          {a.email}
        </h1>
        <dl className={styles.facts}>
          <dt>Email</dt>
          <dd>
            {a.emailVerifiedAt
              ? `Verified ${formatDate(a.emailVerifiedAt)}`
              : "Not verified"}
          </dd>
          <dt>Phone</dt>
          <dd>
            {a.phone
              ? `${a.phone.number}, verified ${formatDate(a.phone.verifiedAt)}`
              : "None verified"}
          </dd>
          <dt>Created</dt>
          <dd>{formatDate(a.createdAt)}</dd>
          <dt>Sign-in</dt>
          <dd>{lockWords(a.lock)}</dd>
          <dt>Account</dt>
          <dd>
            {a.switchedOff
              ? `Switched off ${formatDate(a.switchedOff.at)}: ${a.switchedOff.reason}`
              : "On"}
          </dd>
          <dt>Text codes</dt>
          <dd>{a.textCodesOff ? "Refused by the person" : "Accepted"}</dd>
          <dt>Sends, last 24 h</dt>
          <dd>{a.sendsLastDay}</dd>
          {a.admin ? (
            <>
              <dt>Role</dt>
              <dd>Admin</dd>
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

function factorLabel(f: ConsoleAccount["factors"][number]): string {
  if (f.kind === "passkey") return `Passkey “${f.name ?? ""}”`;
  return FACTOR_NAMES[f.kind];
}

function Factors({ account }: { account: ConsoleAccount }) {
  return (
    <section className={styles.panel} aria-labelledby="factors-heading">
      <h2 id="factors-heading">Second factors</h2>
      {account.factors.length === 0 ? (
        <p className={styles.empty}>Only the phone.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Factor</th>
              <th scope="col">Added</th>
              <th scope="col">Last used</th>
            </tr>
          </thead>
          <tbody>
            {account.factors.map((f) => (
              <tr key={f.id}>
                <td className={styles.wrap} data-label="Factor">
                  {factorLabel(f)}
                  {f.codesLeft !== null ? ` (${f.codesLeft} left)` : ""}
                </td>
                <td className={styles.nowrap} data-label="Added">
                  {formatDate(f.addedAt)}
                </td>
                <td className={styles.nowrap} data-label="Last used">
                  {f.lastUsedAt ? formatDate(f.lastUsedAt) : "Never"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Sessions({ account }: { account: ConsoleAccount }) {
  return (
    <section className={styles.panel} aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      {account.sessions.length === 0 ? (
        <p className={styles.empty}>None.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
            {account.sessions.map((s) => (
              <tr key={s.id}>
                <td data-label="Device">{s.name}</td>
                <td className={styles.nowrap} data-label="IP address">
                  {s.ip ?? "—"}
                </td>
                <td className={styles.nowrap} data-label="Signed in">
                  {formatDate(s.signedInAt)}
                </td>
                <td className={styles.nowrap} data-label="Last seen">
                  {formatDate(s.lastSeenAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Devices({ account }: { account: ConsoleAccount }) {
  return (
    <section className={styles.panel} aria-labelledby="devices-heading">
      <h2 id="devices-heading">Remembered devices</h2>
      {account.devices.length === 0 ? (
        <p className={styles.empty}>None.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Remembered</th>
              <th scope="col">Last used</th>
            </tr>
          </thead>
          <tbody>
            {account.devices.map((d) => (
              <tr key={d.id}>
                <td data-label="Device">{d.name}</td>
                <td className={styles.nowrap} data-label="Remembered">
                  {formatDate(d.createdAt)}
                </td>
                <td className={styles.nowrap} data-label="Last used">
                  {formatDate(d.lastUsedAt)}
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

function Audit({ account }: { account: ConsoleAccount }) {
  return (
    <section className={styles.panel} aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit</h2>
      {account.events.length === 0 ? (
        <p className={styles.empty}>No rows yet.</p>
      ) : (
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Reason</th>
              <th scope="col">IP address</th>
            </tr>
          </thead>
          <tbody>
            {account.events.map((e) => {
              const { what, detail } = describeEvent(e.type, e.detail);
              return (
                <tr key={e.id}>
                  <td className={styles.nowrap} data-label="When">
                    {formatDate(e.createdAt)}
                  </td>
                  <td data-label="What">
                    <span className={styles.what}>{what}</span>
                    {detail ? (
                      <span className={styles.detail}>{detail}</span>
                    ) : null}
                  </td>
                  <td className={styles.wrap} data-label="Reason">
                    {supportNote(e.detail)}
                  </td>
                  <td className={styles.nowrap} data-label="IP address">
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
