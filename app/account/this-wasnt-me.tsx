"use client";

import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/app/ui/button";
import { useSignOut } from "@/app/ui/sign-out";
import { FormAlert } from "@/app/ui/form-alert";
import { useSubmit } from "@/app/ui/use-submit";
import styles from "./recent-activity.module.css";

// "This wasn't me" beside each event of "Recent security activity": one press names the event, a
// second, in the panel that opens under the list, locks the account down (the security-change
// table's "locked_down" row): every session ends, this one too, so the page moves on.

interface Chosen {
  what: string;
  when: string;
}

const Choose = createContext<(chosen: Chosen) => void>(() => {});

/** The list of events, and the confirmation its buttons open. */
export function LockDownFromActivity({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  return (
    <Choose value={setChosen}>
      {children}
      {chosen ? (
        <ConfirmLockDown chosen={chosen} onKeep={() => setChosen(null)} />
      ) : null}
    </Choose>
  );
}

/** The button on one event's row. */
export function ThisWasntMe({ what, when }: Chosen) {
  const t = useTranslations("Account.activity");
  const choose = useContext(Choose);
  return (
    <Button
      type="button"
      className={`secondary ${styles.notMe}`}
      onClick={() => choose({ what, when })}
    >
      {t("notMe")}
    </Button>
  );
}

function ConfirmLockDown({
  chosen,
  onKeep,
}: {
  chosen: Chosen;
  onKeep: () => void;
}) {
  const t = useTranslations("Account.activity");
  const heading = useRef<HTMLHeadingElement>(null);
  const signOutHere = useSignOut();
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "nearest" });
  }, [chosen]);
  const { pending, message, submit } = useSubmit("/api/account/lock-down", {
    // This session has ended with every other: clear its cookie on the way.
    onDone: async () => {
      const failed = await signOutHere("/lock-down/done");
      return failed
        ? { code: "SERVICE_UNAVAILABLE", message: failed, final: false }
        : null;
    },
    leaves: true,
  });
  return (
    <section className={styles.confirm} aria-labelledby="lock-down-heading">
      <h3 id="lock-down-heading" ref={heading} tabIndex={-1}>
        {t("confirmHeading")}
      </h3>
      <p>
        {t.rich("chosen", {
          what: chosen.what,
          when: chosen.when,
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <p className={styles.consequences}>{t("consequences")}</p>
      <FormAlert error={message} />
      <div className="actions">
        <Button
          type="button"
          className={styles.lock}
          disabled={pending}
          onClick={() => void submit({})}
        >
          {pending ? t("locking") : t("lock")}
        </Button>
        <Button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={onKeep}
        >
          {t("keep")}
        </Button>
      </div>
    </section>
  );
}
