// A short, human name for a browser from its user agent ("Chrome on Android"), for the account
// page's list. Only a label: nothing is decided on it.

const BROWSERS: [RegExp, string][] = [
  [/Edg\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\//, "Firefox"],
  [/Chrome\/|Chromium\/|CriOS\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone|iPad|iPod/, "iOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

const first = (list: [RegExp, string][], ua: string) =>
  list.find(([pattern]) => pattern.test(ua))?.[1];

/** The browser and the system a user agent names, each null when unknown; a notice words them. */
export function browserAndSystem(userAgent: string | null | undefined): {
  browser: string | null;
  system: string | null;
} {
  const ua = userAgent ?? "";
  return {
    browser: first(BROWSERS, ua) ?? null,
    system: first(SYSTEMS, ua) ?? null,
  };
}

export function nameDevice(userAgent: string | null | undefined): string {
  const { browser, system } = browserAndSystem(userAgent);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? "Unknown browser";
}
