// The Content-Security-Policy of every page, with the nonce of its request (proxy.ts).

/** W3C CSP Level 3, nonce sources: at least 128 bits from a secure random source. */
export const NONCE_BYTES = 16;

export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Scripts run only with this request's nonce, which Next puts on its own scripts; 'strict-dynamic'
 * lets those load the page's chunks ('self' is the fallback for browsers without it). React's
 * development build evaluates strings (Fast Refresh, server error stacks), so 'unsafe-eval' is
 * granted to `next dev` only.
 *
 * Styles keep 'unsafe-inline': a style cannot run script, every request a style could make is held
 * to this origin by img-src, font-src and connect-src, and nonces cannot cover the style attributes
 * React and Next render.
 */
export function contentSecurityPolicy(
  nonce: string,
  { dev }: { dev: boolean },
): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
