import type { Metadata } from "next";
import { CancelRecoveryByLink } from "./cancel-recovery";

export const metadata: Metadata = { title: "Cancel the recovery" };

export default function CancelRecoveryPage() {
  return (
    <section className="card">
      <h1>Cancel the recovery</h1>
      <CancelRecoveryByLink />
    </section>
  );
}
