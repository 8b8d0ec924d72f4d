"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ApiError } from "@/lib/http/types";
import { Button } from "@/app/ui/button";

/** "Forget": that browser asks for the second factor again at its next sign-in. */
export function ForgetDevice({ id, nameId }: { id: string; nameId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function forget() {
    setBusy(true);
    setError(null);
    const result = await postJson("/api/account/devices/forget", { id });
    if (result.ok) return router.refresh();
    setError(result.error);
    setBusy(false);
  }

  return (
    <>
      <FormAlert error={error ? describeError(error) : null} />
      <Button
        type="button"
        className="secondary"
        disabled={busy}
        aria-describedby={nameId}
        onClick={() => void forget()}
      >
        {busy ? "Forgetting…" : "Forget"}
      </Button>
    </>
  );
}
