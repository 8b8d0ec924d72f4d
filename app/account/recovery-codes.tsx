"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ApiError } from "@/lib/http/types";
import styles from "./security.module.css";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";

/** "Generate recovery codes": a new set, shown this once. */
export function RecoveryCodes({ hasSet }: { hasSet: boolean }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function generate() {
    setBusy(true);
    setError(null);
    const result = await postJson<{ codes: string[] }>(
      "/api/account/recovery-codes",
      {},
    );
    if (result.ok) {
      setCodes(result.codes);
      router.refresh();
    } else setError(result.error);
    setBusy(false);
  }

  return (
    <>
      <FormAlert error={error ? describeError(error) : null} />
      <SignInAgain error={error} />
      {codes ? (
        <>
          <p className={styles.risk}>
            <strong>Save these codes now</strong> (print them, or keep them in a
            password manager): they will not be shown again. Each code works
            once.
          </p>
          <ol className={styles.codes} aria-label="Recovery codes">
            {codes.map((code) => (
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
        disabled={busy}
        onClick={() => void generate()}
      >
        {busy ? "Generating…" : "Generate recovery codes"}
      </Button>
    </>
  );
}
