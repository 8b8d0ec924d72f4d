import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "node_modules/**",
      "next-env.d.ts",
      "test-results/**",
      // `vercel build` writes the deployment here, and `vercel pull` real secrets.
      ".vercel/**",
      "bench-results/**",
      "playwright-report/**",
    ],
  },
  {
    // A raw <button> is live in the server's HTML before the script that gives it a meaning.
    files: ["app/**/*.tsx"],
    ignores: ["app/ui/button.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXOpeningElement[name.name='button']",
          message:
            "Use Button from app/ui/button: it stays disabled until the page's script runs.",
        },
      ],
    },
  },
];
export default config;
