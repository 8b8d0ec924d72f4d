import type { Metadata } from "next";
import { LockDownByLink } from "./lock-down-by-link";

export const metadata: Metadata = { title: "Lock your account down" };

export default function LockDownPage() {
  return (
    <section className="card">
      <h1>This wasn&apos;t me</h1>
      <LockDownByLink />
    </section>
  );
}
