import type { Metadata } from "next";
import { listRecentEvents } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { currentSessionId } from "@/lib/auth/sign-in-time";
import { getDb } from "@/lib/db";
import { listDevices } from "@/lib/devices/records";
import { findPendingEmailChange } from "@/lib/account/email-change";
import { ERRORS } from "@/lib/errors";
import { listPasskeys } from "@/lib/factors/passkey-records";
import { summarizeFactors } from "@/lib/factors/records";
import { getMailer } from "@/lib/mail";
import { maskPhone } from "@/lib/phone";
import { listSignedInDevices } from "@/lib/steps/manage-sessions";
import { ChangeEmail } from "./change-email";
import { ChangePassword } from "./change-password";
import { ChangePhone } from "./change-phone";
import { EmailBadge, EmailVerificationNotice } from "./email-status";
import styles from "./page.module.css";
import { RecentActivity } from "./recent-activity";
import { RememberedDevices } from "./remembered-devices";
import { Security } from "./security";
import { SignedInDevices } from "./signed-in-devices";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

async function loadAccount(userId: string) {
  const db = await getDb();
  const sid = await currentSessionId();
  const [user, events, factors, devices, passkeys, sessions, emailChange] =
    await Promise.all([
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
    ]);
  return { user, events, factors, devices, passkeys, sessions, emailChange };
}

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
  return (
    <section className="card wide">
      <h1>Your account</h1>
      <p className="lead">
        You are signed in with your password and a second factor.
      </p>
      {account ? null : (
        <p className="alert error" role="alert">
          {ERRORS.SERVICE_UNAVAILABLE.message}
        </p>
      )}
      <dl className="facts">
        <dt>Signed in as</dt>
        <dd className={styles.email}>
          {user?.email ?? sessionUser.email}
          {user ? <EmailBadge verified={!!user.emailVerifiedAt} /> : null}
        </dd>
        {account ? (
          <>
            <dt>Phone</dt>
            <dd>{phone ? maskPhone(phone) : "None verified"}</dd>
            <dt>Member since</dt>
            <dd>{user?.createdAt.toISOString().slice(0, 10)}</dd>
          </>
        ) : null}
      </dl>
      {user && !user.emailVerifiedAt ? (
        <EmailVerificationNotice canMail={getMailer() !== null} />
      ) : null}
      <SignOutButton />
      {account ? (
        <Security factors={account.factors} passkeys={account.passkeys} />
      ) : null}
      {account ? (
        <ChangeEmail
          pending={account.emailChange?.email ?? null}
          canMail={getMailer() !== null}
        />
      ) : null}
      {account ? <ChangePhone hasPhone={!!phone} /> : null}
      {account ? <ChangePassword /> : null}
      {account ? <SignedInDevices devices={account.sessions} /> : null}
      {account ? <RememberedDevices devices={account.devices} /> : null}
      {account ? <RecentActivity events={account.events} /> : null}
    </section>
  );
}
