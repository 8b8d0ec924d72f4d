"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";

/**
 * "Don't accept text-message codes": offered once a passkey or an authenticator app and recovery
 * codes exist (`canRefuse`). Checked, sign-in and reset never text or call a code and take none:
 * a stolen phone number opens nothing. Allowed within 10 minutes of passing a second factor.
 */
export function TextCodes({
  off,
  canRefuse,
}: {
  off: boolean;
  canRefuse: boolean;
}) {
  const t = useTranslations("Account.textCodes");
  const router = useRouter();
  const [checked, setChecked] = useState(off);
  const { pending, error, message, submit } = useSubmit(
    "/api/account/text-codes",
    { onDone: () => router.refresh(), onError: () => setChecked(off) },
  );
  if (!canRefuse)
    return (
      <p className={styles.status}>
        {off ? t("acceptedAgain") : t("accepted")}
      </p>
    );
  return (
    <>
      <div className={styles.choice}>
        <input
          id="field-text-codes-off"
          type="checkbox"
          checked={checked}
          disabled={pending}
          aria-describedby="text-codes-hint"
          onChange={(e) => {
            setChecked(e.target.checked);
            void submit({ off: e.target.checked });
          }}
        />
        <label htmlFor="field-text-codes-off">{t("refuse")}</label>
      </div>
      <p id="text-codes-hint" className={styles.status}>
        {checked ? t("refused") : t("allowed")}
      </p>
      <FormAlert error={message} />
      <SignInAgain error={error} />
    </>
  );
}
