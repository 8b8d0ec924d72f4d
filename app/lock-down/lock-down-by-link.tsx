"use client";

import Link from "next/link";
import { ConfirmLink } from "@/app/ui/confirm-link";

/**
 * A notice's "This wasn't me" link. Opening it does nothing: the press does, so a mail scanner that
 * follows links locks no account down. It signs no one in.
 */
export function LockDownByLink() {
  return (
    <ConfirmLink
      endpoint="/api/lock-down"
      lead="If you did not make the change we emailed you about, lock your account down. Every device is signed out, remembered devices are forgotten and any email or phone change in progress is cancelled. To sign in again you set a new password, with a link sent to your email and your second factor. This link signs no one in."
      label="Confirm: lock my account"
      done="Your account is locked down and every device is signed out. To sign in again, set a new password with “Forgot password?”."
      again={
        <>
          Signed in? Choose “This wasn&apos;t me” beside an event on{" "}
          <Link href="/account#activity">your account</Link>.
        </>
      }
      next={<Link href="/forgot-password">Forgot password?</Link>}
    />
  );
}
