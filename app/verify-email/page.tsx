import type { Metadata } from "next";
import { ConfirmEmail } from "./confirm-email";

export const metadata: Metadata = { title: "Confirm your email address" };

export default function VerifyEmailPage() {
  return (
    <section className="card">
      <h1>Confirm your email address</h1>
      <ConfirmEmail />
    </section>
  );
}
