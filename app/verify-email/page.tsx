import type { Metadata } from "next";
import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { ConfirmEmail } from "./confirm-email";

export const metadata: Metadata = { title: "Confirm your email address" };
export const dynamic = "force-dynamic";

/**
 * A verification link confirms only in a browser signed in to the account it was sent for: the
 * link proves the mailbox, the session the password and phone of the one who signed up.
 */
export default async function VerifyEmailPage() {
  const user = await getSessionUser().catch(() => null);
  return (
    <section className="card">
      <h1>Confirm your email address</h1>
      {user ? (
        <ConfirmEmail />
      ) : (
        <>
          <p className="lead">
            This link works in a browser signed in to the account you created.{" "}
            <Link href="/login">Sign in</Link>, then open the link from the
            email again.
          </p>
          <p className="switch">
            Did not sign up for Twostep? Use the other link in the email, “I
            didn’t sign up”, to refuse it.
          </p>
        </>
      )}
    </section>
  );
}
