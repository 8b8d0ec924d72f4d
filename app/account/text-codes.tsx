"use client";

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
  const router = useRouter();
  const [checked, setChecked] = useState(off);
  const { pending, error, message, submit } = useSubmit(
    "/api/account/text-codes",
    { onDone: () => router.refresh(), onError: () => setChecked(off) },
  );
  if (!canRefuse)
    return (
      <p className={styles.status}>
        {off
          ? "Accepted again: turning them off needs a passkey or an authenticator app, and unused recovery codes. Add what is missing and they are refused again."
          : "Accepted. Add a passkey or an authenticator app, and recovery codes, to stop accepting them: a stolen phone number then opens nothing."}
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
        <label htmlFor="field-text-codes-off">
          Don&apos;t accept text-message codes
        </label>
      </div>
      <p id="text-codes-hint" className={styles.status}>
        {checked
          ? "Sign-in and password reset ask for your passkey, authenticator app or a recovery code, never a code by text or call. Security notices still come to your phone."
          : "Sign-in and password reset also accept a code by text or call, which someone who takes over your phone number could receive."}
      </p>
      <FormAlert error={message} />
      <SignInAgain error={error} />
    </>
  );
}
