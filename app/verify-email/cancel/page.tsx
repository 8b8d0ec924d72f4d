import type { Metadata } from "next";
import { CancelEmailChangeByLink } from "./cancel-email-change";

export const metadata: Metadata = { title: "Cancel the email change" };

export default function CancelEmailChangePage() {
  return (
    <section className="card">
      <h1>Cancel the email change</h1>
      <CancelEmailChangeByLink />
    </section>
  );
}
