import type { Metadata } from "next";
import { getEnv } from "@/lib/env";
import { RecoverAccount } from "./recover-account";

export const metadata: Metadata = { title: "Recover your account" };
export const dynamic = "force-dynamic";

export default function RecoverPage() {
  return (
    <section className="card">
      <h1>Recover your account</h1>
      <RecoverAccount waitingHours={getEnv().recoveryWaitingHours} />
    </section>
  );
}
