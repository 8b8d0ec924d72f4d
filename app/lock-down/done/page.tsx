import type { Metadata } from "next";
import Link from "next/link";
import { StatusPage } from "@/app/ui/status-page";

export const metadata: Metadata = { title: "Your account is locked down" };

/** Where "This wasn't me" on the account page leads: that session has ended with every other. */
export default function LockedDownPage() {
  return (
    <StatusPage
      eyebrow="This wasn't me"
      title="Your account is locked down"
      lead="Every device, this one too, is signed out, remembered devices are forgotten and any email or phone change in progress is cancelled. To sign in again, set a new password: it takes a link sent to your email and your second factor."
      actions={
        <div className="actions single">
          <Link className="button-link" href="/forgot-password">
            Set a new password
          </Link>
        </div>
      }
    />
  );
}
