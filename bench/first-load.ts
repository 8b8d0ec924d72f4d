import { gzipSync } from "node:zlib";

// First-load JavaScript as a browser fetches it: every script the page's HTML references, gzipped
// (what the old `next build` table reported), summed. Read from the running bench build.

export interface PageJs {
  page: string;
  scripts: number;
  gzipKb: number;
}

export async function firstLoadJs(
  base: string,
  page: string,
  label = page,
  cookie?: string,
): Promise<PageJs> {
  const res = await fetch(`${base}${page}`, {
    headers: cookie ? { cookie } : {},
  });
  if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
  const html = await res.text();
  const srcs = new Set(
    [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js[^"]*)"/g)].map(
      (m) => m[1]!,
    ),
  );
  let bytes = 0;
  for (const src of srcs) {
    const js = await fetch(new URL(src.replace(/&amp;/g, "&"), base));
    bytes += gzipSync(Buffer.from(await js.arrayBuffer())).length;
  }
  return {
    page: label,
    scripts: srcs.size,
    gzipKb: Math.round(bytes / 102.4) / 10,
  };
}
