"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "./button";

/** "Sign out" of this browser, in the header of every page a signed-in person sees. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      type="button"
      className="secondary"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/login" });
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
