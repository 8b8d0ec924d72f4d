"use client";

import Link from "next/link";
import { ConfirmLink } from "@/app/ui/confirm-link";

/** The second link of a verification email: undoes the sign-up that gave this address. */
export function RefuseSignUp() {
  return (
    <ConfirmLink
      endpoint="/api/email/refuse"
      lead="Someone signed up for Twostep with your email address. If it was not you, refuse it: the account that gave your address is removed and can never use it. This signs no one in."
      label="Refuse this sign-up"
      done="The sign-up is refused and its account removed. Your address is free."
      next={<Link href="/">Go to the home page</Link>}
      again={
        <>
          If you want a Twostep account of your own, you can{" "}
          <Link href="/signup">create one</Link>.
        </>
      }
    />
  );
}
