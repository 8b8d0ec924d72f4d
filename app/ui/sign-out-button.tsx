"use client";

import { useState } from "react";
import { Button } from "./button";
import { FormAlert } from "./form-alert";
import { signOutHere } from "./sign-out";

/** "Sign out" of this browser, in the header of every page a signed-in person sees. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <>
      <FormAlert error={failure} />
      <Button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signOutHere("/login").then((message) => {
            setFailure(message);
            if (message) setPending(false);
          });
        }}
      >
        {pending ? "Signing out…" : "Sign out"}
      </Button>
    </>
  );
}
