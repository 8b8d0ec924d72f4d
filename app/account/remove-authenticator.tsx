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

/** "Remove authenticator app": allowed within 10 minutes of passing a second factor. */
export function RemoveAuthenticator() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const result = await postJson("/api/account/authenticator/remove", {});
    if (result.ok) return router.refresh();
    setError(result.error);
    setBusy(false);
  }

  return (
    <>
      <FormAlert error={error ? describeError(error) : null} />
      <SignInAgain error={error} />
      <Button
        type="button"
        className={`secondary ${styles.button}`}
        disabled={busy}
        onClick={() => void remove()}
      >
        {busy ? "Removing…" : "Remove authenticator app"}
      </Button>
    </>
  );
}
