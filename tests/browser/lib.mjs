// Shared helpers for the browser tests and the screenshot script: build the
// example site with a theme, serve a folder on 127.0.0.1 with a tiny static
// server, and start Debian's chromium through playwright-core. Nothing here
// downloads a browser or talks to any host but 127.0.0.1.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'target/release/samvad');
export const THEMES = ['default', 'landing'];

/** The browser: Debian's chromium, never one fetched by a tool. */
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launch() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no browser at ${CHROMIUM}: apt-get install chromium fonts-noto-core (or set CHROMIUM=…)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Builds target/release/samvad once per run. */
export function buildBinary() {
  const r = spawnSync('cargo', ['build', '--release', '--quiet'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('cargo build --release failed');
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `samvad-${prefix}-`));
}

/** Builds the repository's example site with `theme` for `baseUrl` into a new temp folder. */
export function buildSite(theme, baseUrl) {
  const out = path.join(tempDir(`browser-${theme}`), 'public');
  const args = ['build', '--root', REPO, '--theme', theme, '--output', out, '--base-url', baseUrl];
  const r = spawnSync(BIN, args, { cwd: REPO, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`samvad ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves `root` on 127.0.0.1 (a free port): `dir/` serves `dir/index.html`,
 * `dir` redirects to `dir/`, anything else missing gets `404.html` with 404.
 * Resolves to { url, port, close() }; the folder may be filled after start.
 */
export function serve(root) {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const file = path.join(root, rel);
    if (!file.startsWith(root + path.sep) && file !== root) {
      res.writeHead(400).end();
      return;
    }
    let target = file;
    if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
      if (!rel.endsWith('/')) {
        res.writeHead(301, { Location: `${req.url.split('?')[0]}/` }).end();
        return;
      }
      target = path.join(target, 'index.html');
    }
    let status = 200;
    if (!fs.existsSync(target)) {
      status = 404;
      target = path.join(root, '404.html');
    }
    const type = TYPES[path.extname(target)] || 'application/octet-stream';
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : fs.readFileSync(target));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ port, url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

/** The pages every theme is checked on, as paths under the site root. */
export const PAGES = {
  home: '/',
  post: `/posts/${encodeURIComponent('ऑनलाइन-चैटिंग-से-कमाई')}/`,
  'post-en': '/posts/problem-solving-in-chat-support/',
  'post-code': '/posts/tracking-monthly-income/',
  tag: '/tags/chat-support/',
  about: '/about/',
  services: '/services/',
  '404': '/no-such-page/',
};

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}
