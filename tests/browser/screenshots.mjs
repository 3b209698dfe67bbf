// Takes the README's screenshots: the home, a Hindi post and the services
// page of the example site, at 1280 px and 390 px wide, in both themes
// (plus each home page in the dark scheme), into docs/screenshots/.
//
//   node tests/browser/screenshots.mjs
//
// Each shot is one viewport high, so the files stay small.

import fs from 'node:fs';
import path from 'node:path';
import { REPO, THEMES, buildBinary, buildSite, launch, serve, PAGES } from './lib.mjs';

const OUT = path.join(REPO, 'docs/screenshots');
const SIZES = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } };
const SHOTS = ['home', 'post', 'services'];

buildBinary();
fs.mkdirSync(OUT, { recursive: true });
const browser = await launch();
try {
  for (const theme of THEMES) {
    const site = await serveBuilt(theme);
    for (const [size, viewport] of Object.entries(SIZES)) {
      for (const shot of SHOTS) {
        await take(site.url, theme, PAGES[shot], viewport, 'light', `${theme}-${shot}-${size}.png`);
      }
    }
    await take(site.url, theme, PAGES.home, SIZES.desktop, 'dark', `${theme}-home-desktop-dark.png`);
    await take(site.url, theme, PAGES.post, SIZES.mobile, 'dark', `${theme}-post-mobile-dark.png`);
    await site.close();
  }
} finally {
  await browser.close();
}

async function serveBuilt(theme) {
  // The port is only known once the server listens, and the build needs it
  // for base_url, so the server starts on an empty folder that is then filled.
  const dir = path.join(REPO, 'target', `screenshots-${theme}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const server = await serve(dir);
  const built = buildSite(theme, server.url);
  fs.cpSync(built, dir, { recursive: true });
  return server;
}

async function take(base, theme, page, viewport, colorScheme, name) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme });
  const tab = await context.newPage();
  tab.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'about:'].includes(u.protocol) && u.hostname !== '127.0.0.1') {
      throw new Error(`${theme} ${page}: request to ${r.url()}`);
    }
  });
  await tab.goto(new URL(page.replace(/^\//, ''), base).href, { waitUntil: 'load' });
  await tab.screenshot({ path: path.join(OUT, name) });
  await context.close();
  console.log(`docs/screenshots/${name}`);
}
