import type { Metadata } from "next";
import Link from "next/link";
import { ERRORS } from "@/lib/errors";
import { getMailer } from "@/lib/mail";
import { ForgotForm } from "./forgot-form";

export const metadata: Metadata = { title: "Forgot your password?" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  const canMail = getMailer() !== null;
  return (
    <section className="card">
      <h1>Forgot your password?</h1>
      {canMail ? (
        <>
          <p className="lead">
            Enter the email address of your account. If it is verified, we will
            email you a link to choose a new password.
          </p>
          <ForgotForm />
        </>
      ) : (
        <p className="alert error" role="alert">
          {ERRORS.MAIL_UNAVAILABLE.message} Password resets by email are not
          available on this server.
        </p>
      )}
      <p className="switch">
        Remembered it? <Link href="/login">Sign in</Link>
      </p>
    </section>
  );
}
