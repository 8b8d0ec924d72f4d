"use client";

import Link from "next/link";
import { ConfirmLink } from "@/app/ui/confirm-link";

/** The cancel link of a started recovery's email: it only cancels, and signs no one in. */
export function CancelRecoveryByLink() {
  return (
    <ConfirmLink
      endpoint="/api/recovery/cancel"
      lead="Someone started a recovery of your account that would replace its phone. Cancel it here: your phone and ways to verify stay as they are. The link signs no one in."
      label="Cancel the recovery"
      done="The recovery is cancelled. If you did not start it, someone knows your password: sign in and change it now."
      again={
        <>
          Signing in with your phone or another way to verify also cancels a
          recovery: <Link href="/login">sign in</Link>.
        </>
      }
    />
  );
}
