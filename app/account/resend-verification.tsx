"use client";

import { useTranslations } from "next-intl";
import { describeError } from "@/app/ui/describe-error";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import { Button } from "@/app/ui/button";

export function ResendVerification() {
  const t = useTranslations("Account.emailStatus");
  const { pending, error, done, submit } = useSubmit("/api/email/resend");
  return (
    <>
      <FormAlert
        error={error ? describeError(error) : null}
        info={done ? t("sent") : null}
      />
      <Button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() => void submit({})}
      >
        {pending ? t("sending") : t("resend")}
      </Button>
    </>
  );
}
