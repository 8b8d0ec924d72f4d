"use client";

import Link from "next/link";
import { ConfirmLink } from "@/app/ui/confirm-link";

export function ConfirmEmailChange() {
  return (
    <ConfirmLink
      endpoint="/api/email/change"
      lead="Confirm that this address is yours. It then replaces your account’s current email address for signing in and password resets."
      label="Confirm new email address"
      done="Your email address is changed and verified."
      again={
        <>
          A new link can be asked for with “Change email” on{" "}
          <Link href="/account">your account</Link>.
        </>
      }
    />
  );
}
