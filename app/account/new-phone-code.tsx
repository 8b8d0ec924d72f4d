"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/app/ui/button";
import { CodeEntry } from "@/app/ui/code-entry/code-entry";
import type { ChallengeView } from "@/lib/challenge/view";
import { SignInAgain } from "./session-action";

const ROUTES = {
  verify: "/api/account/phone/verify",
  send: "/api/account/phone/send",
  status: "/api/account/phone/status",
};

/** The code sent to the new number, entered as on the sign-in's code step. */
export function NewPhoneCode({
  initial,
  onChanged,
  onRestart,
}: {
  initial: ChallengeView;
  onChanged: () => void;
  /** Back to the number: after a refusal that ends this code, or to correct a mistyped number. */
  onRestart: () => void;
}) {
  const t = useTranslations("Account.changePhone");
  return (
    <CodeEntry
      initial={initial}
      routes={ROUTES}
      fieldId="field-new-phone-code"
      onVerified={onChanged}
      notice={
        initial.lastChannel === "voice"
          ? t("calling", { phone: initial.maskedPhone })
          : t("texted", { phone: initial.maskedPhone })
      }
      errorAction={(error) => <SignInAgain error={error} />}
      footer={() => (
        <Button type="button" className="secondary" onClick={onRestart}>
          {t("anotherNumber")}
        </Button>
      )}
    />
  );
}
