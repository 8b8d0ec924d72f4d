"use client";

import Link from "next/link";
import { digestOf, StatusPage } from "@/app/ui/status-page";
import "./globals.css";

// When the root layout itself fails, this replaces the whole document, so it brings its own
// <html>, <body> and styles.
export default function GlobalError({
  error,
  retry,
}: {
  error: unknown;
  retry: () => void;
}) {
  return (
    <html lang="en">
      <body className="twostep">
        <title>Something went wrong · Twostep</title>
        <header className="site-header">
          <Link href="/" className="brand">
            Two<span>step</span>
          </Link>
        </header>
        <main>
          <StatusPage
            eyebrow="Error"
            title="Something went wrong"
            lead="Twostep could not show this page. Try again in a moment, or start from the home page."
            actions={
              <div className="actions">
                <button type="button" onClick={() => retry()}>
                  Try again
                </button>
                <Link className="button-link secondary" href="/">
                  Home page
                </Link>
              </div>
            }
            reference={digestOf(error)}
          />
        </main>
      </body>
    </html>
  );
}
