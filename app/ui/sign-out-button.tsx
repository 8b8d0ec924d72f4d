"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "./button";
import { FormAlert } from "./form-alert";
import { useSignOut } from "./sign-out";

/** "Sign out" of this browser, in the header of every page a signed-in person sees. */
export function SignOutButton() {
  const t = useTranslations("Ui.signOut");
  const signOutHere = useSignOut();
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
        {pending ? t("pending") : t("button")}
      </Button>
    </>
  );
}
