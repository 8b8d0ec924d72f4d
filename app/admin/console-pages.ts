// The pages of the operators' console, in the order its navigation lists them. A new page is a
// folder under app/admin whose page.tsx calls openConsole first (lib/http/console-page.ts), and
// one entry here.
export const CONSOLE_PAGES = [
  { href: "/admin", label: "People" },
  { href: "/admin/messages", label: "Messages" },
] as const;
