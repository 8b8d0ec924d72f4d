import type { Metadata } from "next";
import Link from "next/link";
import { ContinueReset } from "./continue-reset";

export const metadata: Metadata = { title: "Reset your password" };

export default function ResetPasswordPage() {
  return (
    <section className="card">
      <h1>Reset your password</h1>
      <p className="lead">
        First we send a code to the phone of your account. Once you have entered
        it, you choose a new password.
      </p>
      <ContinueReset />
      <p className="switch">
        <Link href="/login">Back to sign in</Link>
      </p>
    </section>
  );
}
