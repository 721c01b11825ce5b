/**
 * Renders Kizo's raster brand images into web/static from the SVG mark, in headless Chromium (the
 * one renderer these machines have; no image library is needed). The outputs are committed, so a
 * build never depends on a browser; run this again only when the mark or the social image changes:
 *
 *   npx tsx web/scripts/brand-images.ts
 *
 * It writes the social image (og-image.png, 1200x630, the size Open Graph and X cards expect), the
 * icons the web manifest lists (192 and 512, plus a maskable 512 with the mark inside the safe
 * zone), the Apple touch icon (180, opaque: iOS paints transparency black and rounds the corners
 * itself), PNG favicons (16 and 32) and favicon.ico (the same two in an ICO container, for
 * tools that ask for /favicon.ico whatever the page says).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const STATIC_DIRECTORY = path.resolve(import.meta.dirname, '../static');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const BRAND = '#0f766e';
const BRAND_DARK = '#134e4a';
/** The mark's strokes on a 32x32 grid, as in favicon.svg and the Logo component. */
const MARK_PATH = 'M10 8v16M10 16l9-8M10 16l9 8';

/** The mark as an SVG document: `inset` is the share of the side left empty around the tile. */
function markSvg(options: { rounded: boolean; inset: number; background: string }): string {
  const size = 32 / (1 - 2 * options.inset);
  const offset = (size - 32) / 2;
  const radius = options.rounded ? 8 : 0;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-offset} ${-offset} ${size} ${size}" width="100%" height="100%">
  ${options.background === 'none' ? '' : `<rect x="${-offset}" y="${-offset}" width="${size}" height="${size}" fill="${options.background}"/>`}
  <rect width="32" height="32" rx="${radius}" fill="${BRAND}"/>
  <path d="${MARK_PATH}" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round" fill="none"/>
</svg>`;
}

const SOCIAL_IMAGE_HTML = `<!doctype html><html><head><style>
  html, body { margin: 0; width: 1200px; height: 630px; }
  body {
    box-sizing: border-box; padding: 88px 96px; color: #fff;
    font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif;
    /* Flat colours and hard edges: a gradient would make the PNG ten times larger. */
    background: ${BRAND}; position: relative; overflow: hidden;
    display: flex; flex-direction: column; justify-content: space-between;
  }
  .disc { position: absolute; border-radius: 50%; background: ${BRAND_DARK}; }
  .disc.one { width: 560px; height: 560px; right: -180px; top: -220px; background: #12857c; }
  .disc.two { width: 360px; height: 360px; right: -120px; bottom: -200px; }
  body > :not(.disc) { position: relative; }
  .brand { display: flex; align-items: center; gap: 24px; font-size: 52px; font-weight: 700; letter-spacing: -1px; }
  .brand svg { width: 88px; height: 88px; }
  h1 { font-size: 76px; line-height: 1.05; margin: 0; letter-spacing: -2px; max-width: 960px; }
  p { font-size: 32px; margin: 0; color: #d5ece9; }
</style></head><body>
  <div class="disc one"></div><div class="disc two"></div>
  <div class="brand"><svg viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#fff"/><path d="${MARK_PATH}" stroke="${BRAND}" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round" fill="none"/></svg>Kizo</div>
  <h1>Money that never gets lost in transit.</h1>
  <p>A digital wallet where every payment is recorded twice and checked.</p>
</body></html>`;

async function render(
  browser: Browser,
  html: string,
  width: number,
  height: number,
  transparent: boolean,
): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  try {
    await page.setContent(html);
    return await page.screenshot({
      type: 'png',
      omitBackground: transparent,
      clip: { x: 0, y: 0, width, height },
    });
  } finally {
    await page.close();
  }
}

function iconHtml(svg: string): string {
  return `<!doctype html><html><head><style>html,body{margin:0;height:100%;background:transparent}svg{display:block}</style></head><body>${svg}</body></html>`;
}

/** An ICO file holding PNG images (supported by every browser since 2007), smallest first. */
function icoOf(images: Array<{ size: number; png: Buffer }>): Buffer {
  const HEADER_BYTES = 6;
  const ENTRY_BYTES = 16;
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = HEADER_BYTES + ENTRY_BYTES * images.length;
  const entries = images.map(({ size, png }) => {
    if (size < 1 || size > 256) throw new Error(`an ICO image is 1 to 256 pixels wide, not ${size}`);
    const entry = Buffer.alloc(ENTRY_BYTES);
    entry.writeUInt8(size === 256 ? 0 : size, 0);
    entry.writeUInt8(size === 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const write = (name: string, bytes: Buffer) => {
      writeFileSync(path.join(STATIC_DIRECTORY, name), bytes);
      console.log(`${name}: ${bytes.length} bytes`);
    };
    write('og-image.png', await render(browser, SOCIAL_IMAGE_HTML, 1200, 630, false));

    const tile = iconHtml(markSvg({ rounded: true, inset: 0, background: 'none' }));
    for (const size of [192, 512]) write(`icon-${size}.png`, await render(browser, tile, size, size, true));
    // Maskable: the platform cuts its own shape, keeping at least the centre 80 % (a circle).
    const maskable = iconHtml(markSvg({ rounded: false, inset: 0.14, background: BRAND }));
    write('icon-maskable-512.png', await render(browser, maskable, 512, 512, false));
    const touch = iconHtml(markSvg({ rounded: false, inset: 0.1, background: BRAND }));
    write('apple-touch-icon.png', await render(browser, touch, 180, 180, false));

    const small = await Promise.all(
      [16, 32].map(async (size) => ({ size, png: await render(browser, tile, size, size, true) })),
    );
    for (const { size, png } of small) write(`favicon-${size}.png`, png);
    // Also as /favicon.ico, which some tools fetch without reading the page. (The web server sends it
    // without a Content-Type, as its MIME table leaves .ico out; browsers recognise the bytes.)
    write('favicon.ico', icoOf(small));
  } finally {
    await browser.close();
  }
}

await main();
