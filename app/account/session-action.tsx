"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSignOut } from "@/app/ui/sign-out";
import { useSubmit } from "@/app/ui/use-submit";
import type { ApiError } from "@/lib/http/types";

/**
 * Back to /login, then here: a second factor passed now makes the change allowed for 10 minutes.
 * The sign-in asks for it even on a remembered browser, whose sign-in never counts as one.
 */
const AGAIN = "/login?callbackUrl=%2Faccount&secondFactor=required";

/** Offered under a REAUTH_REQUIRED answer: the clear way to a fresh second factor. */
export function SignInAgain({ error }: { error: ApiError | null }) {
  const t = useTranslations("Account");
  const [failure, setFailure] = useState<string | null>(null);
  const signOutHere = useSignOut();
  if (error?.code !== "REAUTH_REQUIRED") return null;
  return (
    <>
      <FormAlert error={failure} />
      <Button
        type="button"
        onClick={() => void signOutHere(AGAIN).then(setFailure)}
      >
        {t("signInAgain")}
      </Button>
    </>
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
  const signOutHere = useSignOut();
  const [failure, setFailure] = useState<string | null>(null);
  const { pending, error, message, submit } = useSubmit<{
    current?: boolean;
  }>(url, {
    onDone: ({ current }) =>
      current ? void signOutHere("/login").then(setFailure) : router.refresh(),
    leaves: true,
  });

  return (
    <>
      <FormAlert error={message ?? failure} />
      <SignInAgain error={error} />
      <Button
        type="button"
        className="secondary"
        disabled={pending}
        aria-describedby={describedBy}
        onClick={() => void submit(body)}
      >
        {pending ? busyLabel : label}
      </Button>
    </>
  );
}
