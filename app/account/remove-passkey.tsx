"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ApiError } from "@/lib/http/types";
import { SignInAgain } from "./session-action";
import { Button } from "@/app/ui/button";

/** "Remove" one passkey: allowed within 10 minutes of passing a second factor. */
export function RemovePasskey({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function remove() {
    setBusy(true);
    setError(null);
    const result = await postJson("/api/account/passkeys/remove", { id });
    if (result.ok) return router.refresh();
    setError(result.error);
    setBusy(false);
  }

  return (
    <>
      <Button
        type="button"
        className="secondary"
        aria-label={`Remove passkey ${name}`}
        disabled={busy}
        onClick={() => void remove()}
      >
        {busy ? "Removing…" : "Remove"}
      </Button>
      <FormAlert error={error ? describeError(error) : null} />
      <SignInAgain error={error} />
    </>
  );
}
