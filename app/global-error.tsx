"use client";

import Link from "next/link";
import { ErrorStatus } from "@/app/ui/error-status";
import "./globals.css";

// When the root layout itself fails, this replaces the whole document, so it brings its own
// <html>, <body> and styles.
export default function GlobalError(props: {
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
          <ErrorStatus
            {...props}
            lead="Twostep could not show this page. Try again in a moment, or start from the home page."
          />
        </main>
      </body>
    </html>
  );
}
