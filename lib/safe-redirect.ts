/** Only same-origin paths: "/account" yes; "//evil.example", "https://…", "/\\evil" no. */
export function safeRedirectPath(
  value: string | null | undefined,
  fallback = "/account",
): string {
  if (
    !value ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  ) {
    return fallback;
  }
  try {
    const url = new URL(value, "http://twostep.invalid");
    return url.origin === "http://twostep.invalid"
      ? `${url.pathname}${url.search}`
      : fallback;
  } catch {
    return fallback;
  }
}
