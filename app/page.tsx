import Link from "next/link";
import { findCurrentEmail } from "@/lib/account/email";
import { getSessionUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getSessionUser();
  // Read from the account, not the session: a changed address shows at once.
  const email = user ? ((await findCurrentEmail(user.id)) ?? user.email) : null;
  return (
    <section className="card hero">
      <h1>Welcome to Twostep</h1>
      <p className="lead">
        Sign in with your password and a one-time code sent to your phone by
        text message, or read to you by a call.
      </p>
      {user ? (
        <p>
          Signed in as <strong>{email}</strong>.{" "}
          <Link href="/account">Go to your account</Link>
        </p>
      ) : (
        <div className="actions">
          <Link className="button-link" href="/signup">
            Create account
          </Link>
          <Link className="button-link secondary" href="/login">
            Sign in
          </Link>
        </div>
      )}
    </section>
  );
}
