"use client";

import Link from "next/link";
import { digestOf, StatusPage } from "./status-page";
import { Button } from "./button";

// What a failed page shows: what to do next and the reference that finds the server's log line,
// never the error's message.
export function ErrorStatus(props: {
  error: unknown;
  retry: () => void;
  lead: string;
}) {
  return (
    <StatusPage
      eyebrow="Error"
      title="Something went wrong"
      lead={props.lead}
      actions={
        <div className="actions">
          <Button type="button" onClick={() => props.retry()}>
            Try again
          </Button>
          <Link className="button-link secondary" href="/">
            Home page
          </Link>
        </div>
      }
      reference={digestOf(props.error)}
    />
  );
}
