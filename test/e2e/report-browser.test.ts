/**
End to end: `dcplan report` opened in a real headless Chromium (the system's,
through playwright-core), offline: file:// with JavaScript off, and any request
other than the file itself, any console error or page error fails the test.
Every chart is an SVG with a size and data marks; the headings, the KPI table
and the comparison are there; the page prints to A4 PDF; full-page screenshots
in English and Chinese go to the temp dir, or with DCPLAN_SCREENSHOTS=1 to
docs/screenshots/report-{en,zh}.png (`npm run screenshots`).

Skipped, with one line saying why and how to enable it, where Chromium is not
installed (test/helpers/browser.ts finds it: DCPLAN_CHROMIUM or the PATH).
*/
import { execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HOWTO, findChromium, fontsUsed, launchChromium, openOffline, pdfPageCount } from '../helpers/browser.js';
import { tempDir } from '../helpers/tmp.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const found = findChromium();
const CHROMIUM = 'path' in found ? found.path : '';
const SKIP = 'missing' in found ? `report-browser: skipped, no Chromium (${found.missing}); to run it, ${CHROMIUM_HOWTO}` : '';
if (SKIP) process.stderr.write(`${SKIP}\n`);

const dir = tempDir('report-browser');
const SHOTS = process.env.DCPLAN_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : dir;
const SCENARIOS = ['scenarios/guian-plan.yaml', 'scenarios/guian-realistic-cost.yaml'];
// 96 CSS px per inch: an A4 sheet is 793.7 × 1122.5 px
const A4 = { width: 794, height: 1123 };
// the window for the screen checks and the screenshots: a laptop browser window, a little wider than the page's column
const SCREEN = { width: 900, height: 1200 };

interface Case {
  lang: 'en' | 'zh';
  runs: number;
}
// the English report at the full 1,000 runs; the Chinese one with fewer, to keep the file fast
const CASES: Case[] = [
  { lang: 'en', runs: 1000 },
  { lang: 'zh', runs: 200 },
];

interface Report {
  child: ChildProcess;
  done: Promise<{ code: number; stderr: string }>;
}

/** `node bin/dcplan.js ...args`, without blocking: the reports are written while the browser starts. */
function dcplanAsync(args: string[]): Report {
  let child!: ChildProcess;
  const done = new Promise<{ code: number; stderr: string }>((resolve) => {
    child = execFile(process.execPath, ['bin/dcplan.js', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, _stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr });
    });
  });
  return { child, done };
}

const htmlOf = (c: Case): string => join(dir, `r-${c.lang}.html`);

let browser: Browser | undefined;
const reports = new Map<string, Report>();

/**
What each top-level `<svg>` on the page is: its title, box, and the kinds of data marks drawn in it
(Observable Plot labels each mark's group: "line", "area", "rule", "dot", "bar", "text", …; axes,
grid and legend are not marks), with `dashed` the kinds drawn with a dash pattern.
*/
function charts(page: Page, scope = 'body') {
  return page.locator(scope).locator('svg').evaluateAll((svgs) =>
    svgs
      .filter((s) => !s.parentElement?.closest('svg'))
      .map((s, i) => {
        const r = s.getBoundingClientRect();
        const drawn = (el: Element): boolean =>
          [...el.querySelectorAll('path, rect, circle, ellipse, line, polyline, polygon, text')].some((m) => {
            const b = (m as SVGGraphicsElement).getBBox();
            return b.width > 0 || b.height > 0;
          });
        const marks = [...s.querySelectorAll(':scope > g, :scope > a > g')].filter((g) => {
          const kind = g.getAttribute('aria-label') ?? g.getAttribute('class') ?? '';
          return !/axis|grid|legend|tick/i.test(kind) && drawn(g);
        });
        const kinds = [...new Set(marks.map((g) => g.getAttribute('aria-label') ?? ''))].filter(Boolean).sort();
        const dashed = [...new Set(marks.filter((g) => !/^(none|0)?$/.test(g.getAttribute('stroke-dasharray') ?? '')).map((g) => g.getAttribute('aria-label') ?? ''))];
        const title = s.getAttribute('aria-label') ?? s.querySelector('title')?.textContent ?? '';
        return { label: `#${i + 1} ${title}`.trim(), title, x: r.x, y: r.y, width: r.width, height: r.height, marks: marks.length, kinds, dashed };
      }),
  );
}

/** The elements wider than the window, as "tag.class: N px" (the page scrolls sideways, or prints cut off). */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= w) return [];
    return [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 0.5 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > w + 0.5))
      .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''}: ${Math.round(el.getBoundingClientRect().right)} px`);
  });
}

/** The printable area of an A4 sheet in CSS px: A4 less the page's own `@page` margins (Chromium honours them when printing). */
async function printArea(page: Page): Promise<{ width: number; height: number }> {
  const m = await page.evaluate(() => {
    const px = (v: string): number => {
      const u = /^(-?[\d.]+)(px|mm|cm|in|pt)?$/.exec(v.trim());
      if (!u) return 0;
      const k: Record<string, number> = { px: 1, mm: 96 / 25.4, cm: 96 / 2.54, in: 96, pt: 96 / 72 };
      return Number(u[1]) * (k[u[2] ?? 'px'] ?? 1);
    };
    const out = { top: 0, right: 0, bottom: 0, left: 0 };
    for (const sheet of [...document.styleSheets]) {
      for (const rule of [...sheet.cssRules]) {
        if (!(rule instanceof CSSPageRule) || rule.selectorText !== '') continue;
        const st = rule.style;
        if (st.marginTop) out.top = px(st.marginTop);
        if (st.marginRight) out.right = px(st.marginRight);
        if (st.marginBottom) out.bottom = px(st.marginBottom);
        if (st.marginLeft) out.left = px(st.marginLeft);
      }
    }
    return out;
  });
  return { width: Math.floor(A4.width - m.left - m.right), height: Math.floor(A4.height - m.top - m.bottom) };
}

beforeAll(async () => {
  if (SKIP) return;
  for (const c of CASES) {
    reports.set(c.lang, dcplanAsync(['report', ...SCENARIOS, '--runs', String(c.runs), '--lang', c.lang, '--out', htmlOf(c)]));
  }
  browser = await launchChromium(CHROMIUM);
});

// before the temp dir goes (after-hooks run in reverse): a report still being written would make it again
afterAll(async () => {
  for (const r of reports.values()) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill();
  await Promise.all([...reports.values()].map((r) => r.done));
  await browser?.close();
});

describe('dcplan report in headless Chromium, offline', () => {
  for (const c of CASES) {
    it(`${c.lang}, ${c.runs.toLocaleString('en')} runs: loads offline, charts drawn, tables there, prints to A4, screenshot`, async (ctx) => {
      ctx.skip(!!SKIP, SKIP);
      const run = await reports.get(c.lang)!.done;
      expect(run.code, `dcplan report exited ${run.code}:\n${run.stderr}`).toBe(0);
      const file = htmlOf(c);
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(1000);

      const { context, page, problems } = await openOffline(browser!, file, { viewport: SCREEN });
      try {
        expect(problems, 'requests, console errors or page errors while loading').toEqual([]);

        // self-contained and static: no scripts, nothing loaded from elsewhere
        expect(await page.locator('script').count()).toBe(0);
        const srcs = await page.locator('[src]').evaluateAll((els) => els.map((e) => e.getAttribute('src') ?? ''));
        expect(srcs.filter((s) => !s.startsWith('data:'))).toEqual([]);
        const lang = await page.locator('html').getAttribute('lang');
        expect(lang ?? '').toMatch(new RegExp(`^${c.lang}\\b`));

        // the page's own words are in its language (scenario names, notes and paths are as written in the files)
        const h2 = await page.locator('h2').allInnerTexts();
        expect(h2.length).toBeGreaterThanOrEqual(5);
        for (const h of h2) expect(/\p{Script=Han}/u.test(h), `heading "${h}"`).toBe(c.lang === 'zh');

        // the sections, each with its heading
        expect(await page.locator('h1').count()).toBe(1);
        for (const id of ['question', 'assumptions', 'kpis', 'charts', 'comparison']) {
          expect(await page.locator(`section#${id} > h2`).count(), `section #${id} with its heading`).toBe(1);
        }

        // the KPI tables, one per scenario: each target with its goal, median, P5–P95 band, P(met) and verdict
        const kpis = page.locator('#kpis table.kpi');
        expect(await kpis.count()).toBe(SCENARIOS.length);
        for (let k = 0; k < SCENARIOS.length; k++) {
          const rows = await kpis.nth(k).locator('tbody tr').evaluateAll((trs) =>
            trs.map((tr) => ({
              kind: tr.getAttribute('data-kind'),
              metric: tr.getAttribute('data-metric'),
              cells: Object.fromEntries(['goal', 'median', 'band', 'pmet', 'verdict'].map((c) => [c, tr.querySelector(`td.${c}`)?.textContent?.trim() ?? ''])),
            })),
          );
          expect(rows.length).toBeGreaterThanOrEqual(5);
          const targets = rows.filter((r) => r.kind === 'target');
          expect(targets.length, 'targets in the KPI table').toBeGreaterThanOrEqual(1);
          for (const t of targets) {
            expect(t.cells.goal, `${t.metric} goal`).toMatch(/[≥≤]\s*[\d.]/);
            expect(t.cells.median, `${t.metric} median`).toMatch(/\d/);
            expect(t.cells.band, `${t.metric} band`).toMatch(/\d.*–.*\d/);
            expect(t.cells.pmet, `${t.metric} P(met)`).toMatch(/^\d+ %$/);
            expect(t.cells.verdict, `${t.metric} verdict`).toMatch(/^[✓✗]/);
          }
        }

        // every chart has a size and data marks
        const svgs = await charts(page);
        expect(svgs.length).toBeGreaterThanOrEqual(5);
        for (const s of svgs) {
          expect(s.width * s.height, `chart "${s.label}" has no size`).toBeGreaterThan(0);
          expect(s.marks, `chart "${s.label}" has no data marks`).toBeGreaterThan(0);
        }
        // the year-by-year charts: a line per scenario over its P5–P95 band; each target a dashed rule on its metric's chart
        const yearly = await charts(page, '#charts');
        expect(yearly.length).toBeGreaterThanOrEqual(5);
        for (const s of yearly) expect(s.kinds, `chart "${s.label}": lines and bands`).toEqual(expect.arrayContaining(['area', 'line']));
        const targetNames = await page.locator('#kpis tr[data-kind="target"] > td:first-child').evaluateAll((tds) => [
          ...new Set(tds.map((td) => (td.firstChild?.textContent ?? '').trim())),
        ]);
        for (const name of targetNames) {
          const chart = yearly.find((s) => s.title === name);
          expect(chart, `a chart for the target metric "${name}"`).toBeDefined();
          expect(chart!.dashed, `chart "${name}": the target as a dashed rule`).toContain('rule');
        }

        // the comparison: the inputs that differ, and B against A with Δ and P(B better), row by metric
        const inputs = await page.locator('#comparison table.inputs tbody tr').allInnerTexts();
        expect(inputs.join('\n')).toContain('construction.costPerRack');
        const deltas = page.locator('#comparison table.deltas');
        expect(await deltas.count()).toBeGreaterThanOrEqual(1);
        const head = await deltas.first().locator('thead th').allInnerTexts();
        expect(head.slice(1, 3)).toEqual(['A', 'B']);
        const rows = await deltas.first().locator('tbody tr[data-metric]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
        expect(rows.length).toBeGreaterThanOrEqual(5);
        for (const r of rows) {
          expect(r.length, r.join(' | ')).toBe(head.length);
          expect(r.slice(1).every((v) => v !== ''), r.join(' | ')).toBe(true);
          expect(r.at(-1), r.join(' | ')).toMatch(/^\d+ %/);
        }

        // nothing sticks out sideways on screen
        expect(await overflowing(page), 'wider than the window').toEqual([]);

        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: join(SHOTS, `report-${c.lang}.png`), fullPage: true });
        // and the first charts, at a size a README shows
        const section = await page.$('#charts');
        const box = await section!.boundingBox();
        expect(box, '#charts has a box').not.toBeNull();
        await page.screenshot({ path: join(SHOTS, `report-${c.lang}-charts.png`), fullPage: true, clip: { x: box!.x, y: box!.y, width: box!.width, height: Math.min(box!.height, 1100) } });

        // print: laid out at the width of an A4 page less its margins, every chart fits on one page and nothing is
        // wider than the page (Chromium would cut it off or shrink the whole document); the PDF has a plausible page count
        await page.emulateMedia({ media: 'print' });
        const area = await printArea(page);
        await page.setViewportSize(area);
        const printed = await charts(page);
        for (const s of printed) {
          expect(s.x + s.width, `chart "${s.label}" is wider than the printed page (${area.width} px)`).toBeLessThanOrEqual(area.width + 0.5);
          expect(s.height, `chart "${s.label}" is taller than the printed page (${area.height} px)`).toBeLessThanOrEqual(area.height);
        }
        expect.soft(await overflowing(page), `wider than the printed page (${area.width} px)`).toEqual([]);
        const printHeight = await page.evaluate(() => document.documentElement.scrollHeight);
        const pdf = await page.pdf({ format: 'A4' });
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.length).toBeGreaterThan(10_000);
        const pages = pdfPageCount(pdf);
        expect(pages, `PDF pages for ${printHeight} px of print layout`).toBeGreaterThanOrEqual(Math.max(1, Math.floor(printHeight / area.height)));
        expect(pages, `PDF pages for ${printHeight} px of print layout`).toBeLessThanOrEqual(Math.ceil(printHeight / (area.height * 0.6)) + 1);

        expect(problems, 'requests, console errors or page errors after printing').toEqual([]);

        // Chinese text drawn with a CJK font, not as boxes (a missing glyph counts to the first font in the stack);
        // last, as the inspector's CSS domain it uses logs a console error of its own about file: URLs
        if (c.lang === 'zh') await expectCjkFonts(page);
      } finally {
        await context.close();
      }
    });
  }
});

const CJK_FONT = /CJK|Source Han|WenQuanYi|Droid Sans Fallback|AR PL|UMing|UKai|PingFang|Hiragino|Heiti|Songti|Kaiti|STHei|STSong|YaHei|SimSun|SimHei|DengXian|MingLiU|JhengHei/i;

/**
Chinese text is drawn with a CJK font, not as boxes: in headings, table cells, captions and chart labels
(up to 10 elements of each), every element with Han characters directly in it draws at least that many
glyphs from a CJK font.
*/
async function expectCjkFonts(page: Page): Promise<void> {
  const probes = await page.evaluate(() => {
    const out: { id: string; han: number; text: string }[] = [];
    ['h1, h2, h3', 'th, td', 'figcaption, caption, p', 'svg text, svg tspan'].forEach((group, g) => {
      let n = 0;
      for (const el of document.querySelectorAll(group)) {
        const direct = [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent ?? '').join('');
        const han = (direct.match(/\p{Script=Han}/gu) ?? []).length;
        if (han === 0) continue;
        const id = `${g}-${n}`;
        el.setAttribute('data-cjk-probe', id);
        out.push({ id, han, text: direct.trim().slice(0, 40) });
        if (++n === 10) break;
      }
    });
    return out;
  });
  expect(probes.length, 'elements with Chinese text').toBeGreaterThanOrEqual(10);
  const fonts = await fontsUsed(page, probes.map((p) => `[data-cjk-probe="${p.id}"]`));
  probes.forEach((p, i) => {
    const cjk = fonts[i]!.filter((f) => CJK_FONT.test(f.family)).reduce((n, f) => n + f.glyphs, 0);
    expect(cjk, `"${p.text}" drawn with ${JSON.stringify(fonts[i])}: no CJK font (apt-get install fonts-noto-cjk)`).toBeGreaterThanOrEqual(p.han);
  });
}
