/**
A real headless Chromium for end-to-end tests: the system's browser driven by
playwright-core (its own browser download is not used), pages opened offline.

`findChromium()` looks at DCPLAN_CHROMIUM, then `chromium`, `chromium-browser`,
`google-chrome-stable` and `google-chrome` on the PATH. `openOffline()` loads one
local file with JavaScript off and records, as problems, every request other
than the file itself (each one is aborted), every console error and every page
error.
*/
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** How to get the browser test to run where it skips. */
export const CHROMIUM_HOWTO = 'install it (apt-get install chromium fonts-noto-cjk) or set DCPLAN_CHROMIUM=/path/to/chromium';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

const executable = (p: string): boolean => {
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The Chromium to drive: its path, or why there is none. */
export function findChromium(): { path: string } | { missing: string } {
  const env = process.env.DCPLAN_CHROMIUM;
  if (env) return executable(env) ? { path: resolve(env) } : { missing: `DCPLAN_CHROMIUM=${env} is not an executable file` };
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of NAMES) {
    for (const dir of dirs) {
      const p = join(dir, name);
      if (executable(p)) return { path: p };
    }
  }
  return { missing: `no ${NAMES.slice(0, 2).join(' or ')} on the PATH` };
}

/** Headless Chromium from `executablePath`; a failure to start names the browser and the way to pick another. */
export async function launchChromium(executablePath: string): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath, headless: true, timeout: 30_000 });
  } catch (e) {
    throw new Error(`could not start Chromium at ${executablePath} (DCPLAN_CHROMIUM picks another): ${(e as Error).message}`, { cause: e });
  }
}

export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** Requests other than the file (aborted), console errors and page errors, in order. */
  problems: string[];
}

/**
`file` opened at `file://` in a fresh context with JavaScript disabled. Any other
request (http, https, file, …) is aborted and recorded; so are console errors and
uncaught page errors. Close the context when done (the browser's close does too).
*/
export async function openOffline(
  browser: Browser,
  file: string,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<OfflinePage> {
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    problems.push(`request: ${u}`);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('popup', (p) => problems.push(`popup: ${p.url()}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) problems.push(`the file itself did not load: ${response?.status() ?? 'no response'}`);
  return { context, page, problems };
}

/** The number of pages in a PDF as Chromium writes it (page objects; `/Type /Pages` is the tree, not a page). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
The fonts Chromium actually drew the text directly inside each element with: for each selector (its first
match), the font families with their glyph counts. A character no font has is drawn as a box (.notdef) and
counted to the first font of the element's font stack.
*/
export async function fontsUsed(page: Page, selectors: string[]): Promise<{ family: string; glyphs: number }[][]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const out: { family: string; glyphs: number }[][] = [];
    for (const selector of selectors) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      if (!nodeId) throw new Error(`no element matches ${selector}`);
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      out.push(fonts.map((f) => ({ family: f.familyName, glyphs: f.glyphCount })));
    }
    return out;
  } finally {
    await cdp.detach();
  }
}
