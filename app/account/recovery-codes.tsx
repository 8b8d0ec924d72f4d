"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";

/** "Generate recovery codes": a new set, shown this once. */
export function RecoveryCodes({ hasSet }: { hasSet: boolean }) {
  const router = useRouter();
  const { pending, error, message, done, submit } = useSubmit<{
    codes: string[];
  }>("/api/account/recovery-codes", { onDone: () => router.refresh() });
  return (
    <>
      <FormAlert error={message} />
      <SignInAgain error={error} />
      {done ? (
        <>
          <p className={styles.risk}>
            <strong>Save these codes now</strong> (print them, or keep them in a
            password manager): they will not be shown again. Each code works
            once.
          </p>
          <ol className={styles.codes} aria-label="Recovery codes">
            {done.codes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ol>
        </>
      ) : hasSet ? (
        <p className="hint">A new set makes your current codes stop working.</p>
      ) : null}
      <Button
        type="button"
        className={`secondary ${styles.button}`}
        disabled={pending}
        onClick={() => void submit()}
      >
        {pending ? "Generating…" : "Generate recovery codes"}
      </Button>
    </>
  );
}
