"use client";

import Link from "next/link";
import { ConfirmLink } from "@/app/ui/confirm-link";

/** The cancel link mailed to the current address: it only cancels, and signs no one in. */
export function CancelEmailChangeByLink() {
  return (
    <ConfirmLink
      endpoint="/api/email/change/cancel"
      lead="Someone asked to change your account’s email address. Cancel it here: your account keeps this address. The link signs no one in."
      label="Cancel email change"
      done="The email change is cancelled. Your account keeps this address. If you did not ask for it, sign in and change your password now."
      again={
        <>
          A change that is still pending can also be cancelled on{" "}
          <Link href="/account">your account</Link>.
        </>
      }
    />
  );
}
