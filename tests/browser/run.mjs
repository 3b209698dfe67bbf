// Browser tests for both themes and for live reload, in headless Debian
// chromium driven by playwright-core (no browser is ever downloaded):
//
//   node --test tests/browser/run.mjs
//
// For each theme the example site is built for a local port and served by
// a tiny static server on 127.0.0.1. On the home, a Hindi post, an English
// post, a post with code, a tag page, the about page, the services page and
// the 404 page (lib.mjs PAGES), in the light and the dark colour scheme, at
// 360 px wide: axe-core finds no violations, nothing scrolls sideways, the
// scheme's colours apply, controls are at least 44 px, and no request
// leaves 127.0.0.1. Then: Devanagari is drawn with a font that has
// Devanagari glyphs, the language switch, keyboard use (skip link, visible
// focus), the theme toggle, reading without JavaScript, and printing.
// Last, `samvad serve` live-reloads an open post after its file changes.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, PAGES, REPO, THEMES, buildBinary, buildSite, freePort, launch, serve, tempDir } from './lib.mjs';

const AXE = fs.readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SCHEMES = ['light', 'dark'];
const MOBILE = { width: 360, height: 780 };
/** Families known to carry Devanagari glyphs, as the platform reports them. */
const DEVANAGARI_FONT = /Devanagari|Nirmala|Mangal|Kohinoor|Lohit|Kokila|Utsaah|Aparajita|Sanskrit|Kalimati|Gargi|Sarai|Chandas|Annapurna/i;
/** Controls that must be at least 44 × 44 px (inline links in prose are exempt). */
const TAP_TARGETS = [
  'body > header a', 'body > header button', 'body > footer a', '.button', '.btn', '.tags a', '.chips a',
  '.share-link', '.pagination a', '.term-cloud a', '.lang-switch a', '.lang-switch span', 'summary',
  '.theme-toggle', '.contact-list a', '.ctas a', '.package-ctas a', '.more-link a',
].join(', ');

buildBinary();
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens `rel` on `base` in a fresh context; records every request that leaves 127.0.0.1. */
async function open(base, rel, options = {}) {
  const context = await browser.newContext({ viewport: MOBILE, ...options });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'about:', 'blob:'].includes(u.protocol) && u.hostname !== '127.0.0.1') foreign.push(r.url());
  });
  const response = await page.goto(new URL(rel.replace(/^\//, ''), base).href, { waitUntil: 'load' });
  return { context, page, foreign, response };
}

/** Relative luminance of a computed `rgb(…)` colour, 0 (black) to 1 (white). */
function luminance(css) {
  const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const bodyBackground = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

async function axeViolations(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
}

for (const theme of THEMES) {
  describe(`theme "${theme}"`, () => {
    let site;
    before(async () => {
      const dir = tempDir(`served-${theme}`);
      site = await serve(dir);
      fs.cpSync(buildSite(theme, site.url), dir, { recursive: true });
    });
    after(async () => {
      await site?.close();
    });

    for (const scheme of SCHEMES) {
      for (const [name, rel] of Object.entries(PAGES)) {
        test(`${theme} · ${scheme} · ${name}: axe, 360 px, colours, tap targets, local requests`, async () => {
          const { context, page, foreign, response } = await open(site.url, rel, { colorScheme: scheme });
          try {
            assert.equal(response.status(), name === '404' ? 404 : 200, `status of ${rel}`);
            assert.deepEqual(await axeViolations(page), [], 'axe-core violations');

            const { scrollWidth, clientWidth } = await page.evaluate(() => ({
              scrollWidth: document.documentElement.scrollWidth,
              clientWidth: document.documentElement.clientWidth,
            }));
            assert.ok(scrollWidth <= clientWidth, `horizontal overflow at 360 px: ${scrollWidth} > ${clientWidth}`);

            const here = await bodyBackground(page);
            await page.emulateMedia({ colorScheme: scheme === 'dark' ? 'light' : 'dark' });
            const there = await bodyBackground(page);
            const [light, dark] = scheme === 'dark' ? [there, here] : [here, there];
            assert.notEqual(light, dark, 'the dark scheme changes the body background');
            assert.ok(luminance(dark) < 0.05, `dark scheme background is dark: ${dark}`);
            assert.ok(luminance(light) > 0.7, `light scheme background is light: ${light}`);
            await page.emulateMedia({ colorScheme: scheme });

            const small = await page.evaluate((sel) => [...document.querySelectorAll(sel)]
              .filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden]'))
              .map((el) => ({ el, r: el.getBoundingClientRect() }))
              .filter(({ r }) => r.height < 44 || r.width < 44)
              .map(({ el, r }) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`), TAP_TARGETS);
            assert.deepEqual(small, [], 'tap targets under 44 px');

            assert.deepEqual(foreign, [], 'requests to hosts other than 127.0.0.1');
          } finally {
            await context.close();
          }
        });
      }
    }

    test(`${theme}: Devanagari is drawn with a font that has Devanagari glyphs`, async () => {
      const { context, page } = await open(site.url, PAGES.post);
      try {
        assert.equal(await page.getAttribute('html', 'lang'), 'hi');
        const cdp = await context.newCDPSession(page);
        await cdp.send('DOM.enable');
        await cdp.send('CSS.enable');
        const { root } = await cdp.send('DOM.getDocument');
        for (const selector of ['article h1', 'article .content p']) {
          const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
          assert.ok(nodeId, `${selector} exists`);
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
          const names = fonts.map((f) => `${f.familyName} (${f.glyphCount} glyphs)`).join(', ');
          const deva = fonts.filter((f) => DEVANAGARI_FONT.test(f.familyName));
          assert.ok(deva.length > 0, `${selector} uses a Devanagari font; got ${names}`);
          // Most glyphs of a Hindi heading come from the Devanagari font.
          const total = fonts.reduce((n, f) => n + f.glyphCount, 0);
          const fromDeva = deva.reduce((n, f) => n + f.glyphCount, 0);
          assert.ok(fromDeva / total > 0.6, `${selector}: only ${fromDeva} of ${total} glyphs from a Devanagari font (${names})`);
        }
      } finally {
        await context.close();
      }
    });

    test(`${theme}: a page with a translation switches language`, async () => {
      const { context, page } = await open(site.url, PAGES.about);
      try {
        const link = page.locator('.lang-switch a[hreflang="hi"]');
        assert.equal(await link.innerText(), 'हिन्दी');
        await link.click();
        await page.waitForLoadState('load');
        assert.equal(await page.getAttribute('html', 'lang'), 'hi');
        assert.equal(await page.locator('.lang-switch [aria-current="page"]').innerText(), 'हिन्दी');
        assert.equal(await page.locator('.skip-link').innerText(), 'सामग्री पर जाएँ', 'UI strings follow the page language');
      } finally {
        await context.close();
      }
    });

    test(`${theme}: keyboard: the first Tab shows the skip link, focus is visible`, async () => {
      const { context, page } = await open(site.url, PAGES['post-en']);
      try {
        await page.keyboard.press('Tab');
        const skip = await page.evaluate(() => {
          const el = document.activeElement;
          const r = el.getBoundingClientRect();
          const s = getComputedStyle(el);
          return { cls: el.className, href: el.getAttribute('href'), top: r.top, bottom: r.bottom, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
        });
        assert.equal(skip.cls, 'skip-link');
        assert.equal(skip.href, '#main');
        assert.ok(skip.top >= 0 && skip.bottom > 0, `the focused skip link is on screen: ${JSON.stringify(skip)}`);
        assert.ok(skip.outline !== 'none' && skip.width >= 2, `visible focus ring: ${JSON.stringify(skip)}`);
        await page.keyboard.press('Enter');
        // Following an in-page link is asynchronous; wait for it, then check.
        await page.waitForFunction(() => location.hash === '#main', null, { timeout: 5000 }).catch(() => {});
        assert.equal(new URL(page.url()).hash, '#main');
        for (let i = 0; i < 3; i += 1) {
          await page.keyboard.press('Tab');
          const ring = await page.evaluate(() => {
            const s = getComputedStyle(document.activeElement);
            return { tag: document.activeElement.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
          });
          assert.ok(ring.outline !== 'none' && ring.width >= 2, `focus ring on ${JSON.stringify(ring)}`);
        }
      } finally {
        await context.close();
      }
    });

    test(`${theme}: the theme toggle switches to dark, and the choice is kept`, async () => {
      const { context, page } = await open(site.url, PAGES.home, { colorScheme: 'light' });
      try {
        const button = page.locator('.theme-toggle');
        await button.waitFor({ state: 'visible' });
        assert.equal(await button.getAttribute('aria-pressed'), 'false');
        const before = await bodyBackground(page);
        await button.click();
        assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
        assert.equal(await button.getAttribute('aria-pressed'), 'true');
        const after = await bodyBackground(page);
        assert.ok(luminance(after) < 0.05 && after !== before, `dark after the toggle: ${before} → ${after}`);
        await page.goto(new URL(PAGES.services.replace(/^\//, ''), site.url).href);
        assert.equal(await page.getAttribute('html', 'data-theme'), 'dark', 'the choice survives navigation');
        await page.locator('.theme-toggle').click();
        assert.equal(await page.getAttribute('html', 'data-theme'), 'light');
      } finally {
        await context.close();
      }
    });

    test(`${theme}: everything reads without JavaScript`, async () => {
      const { context, page } = await open(site.url, PAGES.services, { javaScriptEnabled: false });
      try {
        assert.equal(await page.locator('.theme-toggle').isVisible(), false, 'no dead toggle without JS');
        assert.ok((await page.locator('main').innerText()).length > 500);
        assert.ok(await page.locator('.availability .hours').isVisible());
      } finally {
        await context.close();
      }
    });

    test(`${theme}: a post prints without navigation`, async () => {
      const { context, page } = await open(site.url, PAGES.post, { colorScheme: 'dark' });
      try {
        await page.emulateMedia({ media: 'print' });
        const shown = await page.evaluate(() => [...document.querySelectorAll('nav, body > header, body > footer, .share, .skip-link')]
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`));
        assert.deepEqual(shown, [], 'navigation visible in print');
        assert.ok(await page.locator('article h1').isVisible());
        assert.ok(luminance(await bodyBackground(page)) > 0.9, 'paper is white even in the dark scheme');
        const pdf = await page.pdf({ format: 'A4' });
        assert.ok(pdf.length > 10000, 'the post prints to PDF');
      } finally {
        await context.close();
      }
    });
  });
}

describe('samvad serve', () => {
  test('an edit on disk shows in the open page without any action', async () => {
    const root = tempDir('live');
    fs.cpSync(path.join(REPO, 'themes/default'), path.join(root, 'themes/default'), { recursive: true });
    fs.mkdirSync(path.join(root, 'content/posts'), { recursive: true });
    fs.writeFileSync(path.join(root, 'samvad.toml'),
      'title = "Live"\nbase_url = "https://example.com/"\nlanguage = "en"\ntheme = "default"\n');
    const post = path.join(root, 'content/posts/hello.md');
    const write = (body) => fs.writeFileSync(post, `+++\ntitle = "Hello"\ndate = 2026-01-05\n+++\n\n${body}\n`);
    write('The first version of the text.');
    const port = await freePort();
    const child = spawn(BIN, ['serve', '--port', String(port), '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => { log += d; });
    child.stderr.on('data', (d) => { log += d; });
    try {
      const base = `http://127.0.0.1:${port}/`;
      const deadline = Date.now() + 30000;
      for (;;) {
        const ok = await fetch(base).then((r) => r.ok, () => false);
        if (ok) break;
        assert.ok(Date.now() < deadline, `samvad serve did not come up:\n${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const { context, page, foreign } = await open(base, '/posts/hello/');
      try {
        assert.match(await page.locator('article').innerText(), /first version/);
        // Let the reload channel connect before the edit.
        await page.waitForTimeout(500);
        write('Edited on disk, and shown without a click.');
        await page.waitForFunction(() => document.body.innerText.includes('Edited on disk'), null, { timeout: 30000 })
          .catch((e) => { throw new Error(`${e.message}\nserver log:\n${log}`); });
        assert.deepEqual(foreign, []);
      } finally {
        await context.close();
      }
    } finally {
      child.kill();
    }
  });
});
