"use client";

import {
  createContext,
  useContext,
  useEffect,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { Button } from "@/app/ui/button";
import { signOutHere } from "@/app/ui/sign-out";
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
  const choose = useContext(Choose);
  return (
    <Button
      type="button"
      className={`secondary ${styles.notMe}`}
      onClick={() => choose({ what, when })}
    >
      This wasn&apos;t me
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
  const heading = useRef<HTMLHeadingElement>(null);
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
        Lock your account down?
      </h3>
      <p>
        You chose “This wasn&apos;t me” for <strong>{chosen.what}</strong> (
        {chosen.when}).
      </p>
      <p className={styles.consequences}>
        Every device, this one too, is signed out, remembered devices are
        forgotten and any email or phone change in progress is cancelled. To
        sign in again you set a new password with a link sent to your email and
        your second factor.
      </p>
      <FormAlert error={message} />
      <div className="actions">
        <Button
          type="button"
          className={styles.lock}
          disabled={pending}
          onClick={() => void submit({})}
        >
          {pending ? "Locking…" : "Lock my account"}
        </Button>
        <Button
          type="button"
          className="secondary"
          disabled={pending}
          onClick={onKeep}
        >
          Keep it as it is
        </Button>
      </div>
    </section>
  );
}
