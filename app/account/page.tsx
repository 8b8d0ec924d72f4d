import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { listRecentEvents } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { currentSessionId, readSessionFacts } from "@/lib/auth/sign-in-time";
import { getDb } from "@/lib/db";
import { nameDevice } from "@/lib/devices/name";
import { listDevices } from "@/lib/devices/records";
import { findPendingEmailChange } from "@/lib/account/email-change";
import { listPasskeys } from "@/lib/factors/passkey-records";
import { summarizeFactors } from "@/lib/factors/records";
import { getMailer } from "@/lib/mail";
import { maskPhone, phoneFacts } from "@/lib/phone";
import { readLockout } from "@/lib/steps/lockout";
import { listSignedInDevices } from "@/lib/steps/manage-sessions";
import { getChallengeStore } from "@/lib/store";
import { AccountSections, Panel } from "./account-sections";
import { ChangeEmail } from "./change-email";
import { ChangePassword } from "./change-password";
import { ChangePhone } from "./change-phone";
import { ClientMessages } from "@/app/ui/client-messages";
import { PasswordAdvice } from "./password-advice";
import { AccountLanguage } from "./language";
import { EmailBadge, EmailVerificationNotice } from "./email-status";
import styles from "./page.module.css";
import { RecentActivity } from "./recent-activity";
import { RememberedDevices } from "./remembered-devices";
import { Security } from "./security";
import { SignedInDevices } from "./signed-in-devices";
import { DeleteAccount, DownloadData } from "./your-data";
import { getEnv } from "@/lib/env";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Account.page");
  return { title: t("title") };
}

export const dynamic = "force-dynamic";

async function loadAccount(userId: string) {
  const db = await getDb();
  const sid = await currentSessionId();
  const lockoutOf = () =>
    readLockout({ store: getChallengeStore(), now: Date.now }, userId);
  const [
    user,
    events,
    factors,
    devices,
    passkeys,
    sessions,
    emailChange,
    lockout,
  ] = await Promise.all([
    db.user.findUnique({
      where: { id: userId },
      include: { phones: { where: { verifiedAt: { not: null } } } },
    }),
    listRecentEvents(userId),
    summarizeFactors(userId),
    listDevices(userId),
    listPasskeys(userId),
    listSignedInDevices(userId, sid),
    findPendingEmailChange(userId),
    lockoutOf(),
  ]);
  return {
    user,
    events,
    factors,
    devices,
    passkeys,
    sessions,
    emailChange,
    lockout,
  };
}

/** How long after a sign-in that cancelled a deletion the page still says so. */
const CANCELLED_DELETION_SHOWN_MS = 10 * 60_000;

/** The latest events include a deletion a sign-in cancelled a moment ago. */
function deletionJustCancelled(events: { type: string; createdAt: Date }[]) {
  return events.some(
    (e) =>
      e.type === "deletion_cancelled" &&
      Date.now() - e.createdAt.getTime() < CANCELLED_DELETION_SHOWN_MS,
  );
}

/**
 * The account settings: profile, sign-in methods, devices and activity, each a panel that the
 * section navigation links to. Sign-out is in the site header, as on every page.
 */
export default async function AccountPage() {
  const sessionUser = await requireUser("/account");
  // requireUser checked the server-side session (one session-store round trip, shared with the
  // layout's check); the page still answers, with a clear message, when the database does not.
  const account = await loadAccount(sessionUser.id).catch((error: Error) => {
    console.error("account page: %s", error.message);
    return null;
  });
  const user = account?.user;
  const phone = user?.phones[0]?.number;
  // A new passkey is named after this browser, as the signed-in devices are.
  const thisDevice = nameDevice((await headers()).get("user-agent"));
  const { signedInWith } = await readSessionFacts();
  const [t, tp] = await Promise.all([
    getTranslations("Account.page"),
    getTranslations("Account.profile"),
  ]);
  return (
    // The client parts (forms, buttons) read their words from "Account" in the browser.
    <ClientMessages pick={["Account"]}>
      <AccountSections rememberedBrowser={signedInWith === "device"}>
        {account ? null : (
          <p className="alert error" role="alert">
            {t("unavailable")}
          </p>
        )}
        {account ? <PasswordAdvice lockout={account.lockout} /> : null}
        {account && deletionJustCancelled(account.events) ? (
          <p className="alert info" role="status">
            {t("deletionCancelled")}
          </p>
        ) : null}
        <Panel id="profile" title={t("sections.profile")}>
          <dl className={styles.facts}>
            <dt>{tp("signedInAs")}</dt>
            <dd className={styles.email}>
              {user?.email ?? sessionUser.email}
              {user ? <EmailBadge verified={!!user.emailVerifiedAt} /> : null}
            </dd>
            {account ? (
              <>
                <dt>{tp("phone")}</dt>
                <dd>
                  {phone ? maskPhone(phone, phoneFacts(phone)) : tp("noPhone")}
                </dd>
                <dt>{tp("memberSince")}</dt>
                <dd>{user?.createdAt.toISOString().slice(0, 10)}</dd>
              </>
            ) : null}
          </dl>
          {user && !user.emailVerifiedAt ? (
            <EmailVerificationNotice canMail={getMailer() !== null} />
          ) : null}
          {account ? (
            <ChangeEmail
              pending={account.emailChange?.email ?? null}
              canMail={getMailer() !== null}
            />
          ) : null}
          {account ? <ChangePhone hasPhone={!!phone} /> : null}
          {account ? <AccountLanguage saved={user?.locale ?? null} /> : null}
        </Panel>
        {account ? (
          <>
            <Panel id="sign-in-methods" title={t("sections.signInMethods")}>
              <ChangePassword />
              <Security
                factors={account.factors}
                passkeys={account.passkeys}
                newPasskeyName={thisDevice}
              />
            </Panel>
            <Panel id="devices" title={t("sections.devices")}>
              <SignedInDevices devices={account.sessions} />
              <RememberedDevices devices={account.devices} />
            </Panel>
            <div id="activity" className={styles.panel}>
              <RecentActivity events={account.events} />
            </div>
            <Panel id="your-data" title={t("sections.yourData")}>
              <DownloadData />
              <DeleteAccount
                email={user?.email ?? sessionUser.email ?? ""}
                graceDays={getEnv().deletionGraceDays}
              />
            </Panel>
          </>
        ) : null}
      </AccountSections>
    </ClientMessages>
  );
}
