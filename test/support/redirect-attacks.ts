/**
 * Return addresses that lead off the site once a browser, or a later decode, resolves them: the
 * raw forms, dot segments before a double slash, backslashes, stripped tabs and newlines, and
 * their percent-encodings.
 */
export const ESCAPING_PATHS = [
  "//evil.example",
  "https://evil.example/account",
  "/\\evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e//evil.example",
  "/%2E%2E//evil.example",
  "/.%2e//evil.example",
  "/./\\evil.example",
  "/.\\\\evil.example",
  "/a/../..//evil.example",
  "/%5C/evil.example",
  "/%5c%5cevil.example",
  "/%2F%2Fevil.example",
  "/%2f/evil.example",
  "/%252F%252Fevil.example",
  "/%09/evil.example",
  "/%2e%2e/%2fevil.example",
  "/.//evil.example/phish",
  "javascript:alert(1)",
  "%2F%2Fevil.example",
] as const;
