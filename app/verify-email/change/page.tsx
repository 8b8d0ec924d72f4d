import type { Metadata } from "next";
import { ConfirmEmailChange } from "./confirm-email-change";

export const metadata: Metadata = { title: "Confirm your new email address" };

export default function ConfirmEmailChangePage() {
  return (
    <section className="card">
      <h1>Confirm your new email address</h1>
      <ConfirmEmailChange />
    </section>
  );
}
