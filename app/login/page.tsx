import type { Metadata } from "next";
import Link from "next/link";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl, reset, secondFactor } = await searchParams;
  const next = safeRedirectPath(
    typeof callbackUrl === "string" ? callbackUrl : null,
  );
  // "Sign in again" for a change that needs a second factor: a remembered browser asks for it too.
  const askSecondFactor = secondFactor === "required";
  return (
    <section className="card">
      <h1>Sign in</h1>
      {askSecondFactor ? (
        <p className="lead">
          To change your account, confirm it is you: enter your password, then a
          code from your phone, your authenticator app or a passkey, even if
          this device is remembered.
        </p>
      ) : (
        <p className="lead">
          Enter your password; then we will send a code to your phone.
        </p>
      )}
      {reset === "done" ? (
        <p className="alert info" role="status">
          Your password was changed and every device was signed out. Sign in
          with your new password.
        </p>
      ) : null}
      <LoginForm next={next} askSecondFactor={askSecondFactor} />
      <p className="switch">
        New here? <Link href="/signup">Create an account</Link>
      </p>
    </section>
  );
}
