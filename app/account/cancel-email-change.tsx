"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Button } from "@/app/ui/button";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";

/**
 * "Cancel email change" beside a pending change: its link stops working. No fresh second factor is
 * asked: stopping a change is a remedy and grants nothing.
 */
export function CancelEmailChange({
  onCancelled,
}: {
  onCancelled: () => void;
}) {
  const t = useTranslations("Account.changeEmail");
  const router = useRouter();
  const { pending, message, submit } = useSubmit("/api/account/email/cancel", {
    onDone: () => {
      onCancelled();
      router.refresh();
    },
  });
  return (
    <div>
      <FormAlert error={message} />
      <Button
        type="button"
        className="secondary"
        disabled={pending}
        onClick={() => void submit({})}
      >
        {pending ? t("cancelling") : t("cancel")}
      </Button>
    </div>
  );
}
