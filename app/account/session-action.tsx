"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { postJson } from "@/app/ui/post-json";
import type { ApiError } from "@/lib/http/types";
import { Button } from "@/app/ui/button";

/** Back to /login, then here: a second factor passed now makes the change allowed for 10 minutes. */
const signInAgain = () =>
  void signOut({ callbackUrl: "/login?callbackUrl=%2Faccount" });

/** Offered under a REAUTH_REQUIRED answer: the clear way to a fresh second factor. */
export function SignInAgain({ error }: { error: ApiError | null }) {
  if (error?.code !== "REAUTH_REQUIRED") return null;
  return (
    <Button type="button" onClick={signInAgain}>
      Sign in again
    </Button>
  );
}

/**
 * A button that ends sessions: "Sign out" on a row, or "Sign out everywhere else". When the
 * server asks for a fresh second factor, it offers "Sign in again" right there.
 */
export function SessionAction({
  url,
  body,
  label,
  busyLabel,
  describedBy,
}: {
  url: string;
  body: object;
  label: string;
  busyLabel: string;
  describedBy?: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    const result = await postJson<{ current?: boolean }>(url, body);
    if (result.ok && result.current)
      return void signOut({ callbackUrl: "/login" });
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
        className="secondary"
        disabled={busy}
        aria-describedby={describedBy}
        onClick={() => void run()}
      >
        {busy ? busyLabel : label}
      </Button>
    </>
  );
}
