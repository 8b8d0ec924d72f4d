"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSignOut } from "@/app/ui/sign-out";

/** Back to /login, then to the console: the second step asks for the passkey, even on a remembered browser. */
const AGAIN = "/login?callbackUrl=%2Fadmin&secondFactor=required";

/** The console's step-up: sign in again, this time with the passkey. Needs the "Admin" messages. */
export function StepUpButton() {
  const t = useTranslations("Admin.stepUp");
  const signOutHere = useSignOut();
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <div className="actions single">
      <FormAlert error={failure} />
      <Button onClick={() => void signOutHere(AGAIN).then(setFailure)}>
        {t("again")}
      </Button>
    </div>
  );
}
