"use client";

import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import { Button } from "@/app/ui/button";

export function ResendVerification() {
  const { pending, error, done, submit } = useSubmit("/api/email/resend");
  return (
    <>
      <FormAlert
        error={error ? describeError(error) : null}
        info={done ? "We sent a new link to your email address." : null}
      />
      <Button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() => void submit({})}
      >
        {pending ? "Sending…" : "Resend verification email"}
      </Button>
    </>
  );
}
