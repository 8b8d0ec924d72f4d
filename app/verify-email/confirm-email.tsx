"use client";

import Link from "next/link";
import { ConfirmLink } from "@/app/ui/confirm-link";

export function ConfirmEmail() {
  return (
    <ConfirmLink
      endpoint="/api/email/verify"
      lead="Confirm that this address is yours, for the account you are signed in to. It lets you reset your password by email if you ever forget it."
      label="Confirm email address"
      done="Your email address is verified."
      again={
        <>
          A new link can be sent from <Link href="/account">your account</Link>.
        </>
      }
    />
  );
}
