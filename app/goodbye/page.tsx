import type { Metadata } from "next";
import Link from "next/link";
import { StatusPage } from "@/app/ui/status-page";
import { getEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Your account will be deleted" };
export const dynamic = "force-dynamic";

/** Where "Delete account" leads: the session that asked has ended with every other. */
export default function GoodbyePage() {
  const days = getEnv().deletionGraceDays;
  return (
    <StatusPage
      eyebrow="Delete account"
      title="Your account will be deleted"
      lead={`Every device, this one too, is signed out. In ${days === 1 ? "a day" : `${days} days`} your account, its phone number, sign-in methods and devices are erased for good; we have sent you a notice. Changed your mind? Sign in before then: signing in cancels the deletion.`}
      actions={
        <div className="actions">
          <Link className="button-link" href="/login">
            Sign in
          </Link>
          <Link className="button-link secondary" href="/">
            Home
          </Link>
        </div>
      }
    />
  );
}
