"use client";

import Link from "next/link";
import type { FormEvent } from "react";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useLinkToken } from "@/app/ui/use-link-token";
import { useSubmit } from "@/app/ui/use-submit";

/** A button rather than on load, so a mail scanner opening the link does not use it up. */
export function ConfirmEmailChange() {
  const token = useLinkToken();
  const { pending, error, done, submit } = useSubmit("/api/email/change");

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit({ token });
  }

  if (done)
    return (
      <>
        <p className="alert info" role="status">
          Your email address is changed and verified.
        </p>
        <p className="switch">
          <Link href="/account">Go to your account</Link>
        </p>
      </>
    );
  if (token === "" || error?.final)
    return (
      <>
        <p className="alert error" role="alert">
          {error
            ? describeError(error)
            : "This link is incomplete. Open the link from the email again."}
        </p>
        <p className="switch">
          A new link can be asked for with “Change email” on{" "}
          <Link href="/account">your account</Link>.
        </p>
      </>
    );
  return (
    <>
      <p className="lead">
        Confirm that this address is yours. It then replaces your account’s
        current email address for signing in and password resets.
      </p>
      <form method="post" onSubmit={onSubmit} noValidate>
        <FormAlert error={error ? describeError(error) : null} />
        <button type="submit" disabled={pending || token === null}>
          {pending ? "Confirming…" : "Confirm new email address"}
        </button>
      </form>
    </>
  );
}
