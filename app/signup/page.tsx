import type { Metadata } from "next";
import Link from "next/link";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Create account" };

export default function SignupPage() {
  return (
    <section className="card">
      <h1>Create your account</h1>
      <p className="lead">
        We will text a code to your phone to make sure it is yours.
      </p>
      <noscript>
        <p className="alert error">
          Creating an account needs JavaScript: before we text your phone, your
          browser does a quick security check. Turn JavaScript on for this site
          and reload the page.
        </p>
      </noscript>
      <SignupForm />
      <p className="switch">
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </section>
  );
}
