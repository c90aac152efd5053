// Draws the PWA icons of the demo store with plain pixel math and encodes them as PNG with
// node:zlib (IHDR, IDAT and IEND chunks written by hand, CRC32 included). Deterministic.
// Motif: a white chat bubble holding a red gear, on the brand red #c1121f.
// Usage: node scripts/demo-data/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = resolve(ROOT, 'public', 'icons');

const RED = [0xc1, 0x12, 0x1f];
const DARK_RED = [0x9d, 0x0f, 0x1a];
const WHITE = [0xff, 0xff, 0xff];

// ---------------------------------------------------------------------------------------------
// PNG encoding
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** RGBA8 pixels (width*height*4) → PNG file bytes. */
function encodePng(width, height, rgba) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: truecolour with alpha
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  const idat = deflateSync(raw, { level: 9 });
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

// ---------------------------------------------------------------------------------------------
// Shapes (coordinates normalised to the motif box, 0..1)
// ---------------------------------------------------------------------------------------------

function insideRoundedRect(x, y, x0, y0, x1, y1, r) {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function insideTriangle(x, y, [ax, ay], [bx, by], [cx, cy]) {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  const neg = d1 < 0 || d2 < 0 || d3 < 0;
  const pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

/** Gear with trapezoid teeth: radius switches between root and tip by angle. */
function insideGear(x, y, cx, cy, rTip, rRoot, teeth) {
  const dx = x - cx;
  const dy = y - cy;
  const r = Math.hypot(dx, dy);
  if (r > rTip) return false;
  if (r <= rRoot) return true;
  const period = (Math.PI * 2) / teeth;
  const angle = Math.atan2(dy, dx) + Math.PI / 2 + period / 2;
  const phase = Math.abs((((angle / period) % 1) + 1) % 1 - 0.5); // 0 at tooth centre, 0.5 between teeth
  const tipHalf = 0.2;
  const rootHalf = 0.32;
  let limit;
  if (phase <= tipHalf) limit = rTip;
  else if (phase >= rootHalf) limit = rRoot;
  else limit = rTip - ((phase - tipHalf) / (rootHalf - tipHalf)) * (rTip - rRoot);
  return r <= limit;
}

/** Colour of the motif at (u, v) in the motif box, or null where the background shows. */
function motif(u, v) {
  // Gear first (it sits on top of the bubble).
  const gx = 0.5;
  const gy = 0.44;
  if (Math.hypot(u - gx, v - gy) <= 0.062) return WHITE;
  if (insideGear(u, v, gx, gy, 0.205, 0.158, 8)) {
    return Math.hypot(u - gx, v - gy) <= 0.1 ? DARK_RED : RED;
  }
  const inBubble =
    insideRoundedRect(u, v, 0.12, 0.16, 0.88, 0.72, 0.13) ||
    insideTriangle(u, v, [0.24, 0.66], [0.46, 0.7], [0.2, 0.88]);
  return inBubble ? WHITE : null;
}

// ---------------------------------------------------------------------------------------------
// Rasteriser with 4x4 supersampling
// ---------------------------------------------------------------------------------------------

/**
 * @param size        icon size in pixels
 * @param motifScale  size of the motif box relative to the icon
 * @param cornerRadius background corner radius relative to the icon (0 = full bleed square)
 */
function render(size, motifScale, cornerRadius) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  const boxSize = size * motifScale;
  const boxOrigin = (size - boxSize) / 2;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          const nx = x / size;
          const ny = y / size;
          if (cornerRadius > 0 && !insideRoundedRect(nx, ny, 0, 0, 1, 1, cornerRadius)) continue;
          const colour = motif((x - boxOrigin) / boxSize, (y - boxOrigin) / boxSize) ?? RED;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        // Average colour over covered samples; alpha = coverage.
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
        rgba[i + 3] = Math.round((a / (samples * samples)) * 255);
      }
    }
  }
  return encodePng(size, size, rgba);
}

mkdirSync(OUT_DIR, { recursive: true });
const ICONS = [
  // purpose "any": rounded square with transparent corners.
  ['icon-192.png', 192, 0.9, 0.2],
  ['icon-512.png', 512, 0.9, 0.2],
  // purpose "maskable": full-bleed background, motif within the central 80 % safe zone
  // (the farthest motif point is ~0.35 of the icon size from the centre, under the 0.4 limit).
  ['maskable-512.png', 512, 0.74, 0],
  // iOS applies its own mask and fills transparency with black, so full bleed.
  ['apple-touch-icon.png', 180, 0.82, 0],
];
for (const [name, size, scale, corner] of ICONS) {
  const png = render(size, scale, corner);
  writeFileSync(resolve(OUT_DIR, name), png);
  console.log(`${name} ${size}x${size} ${png.length} B`);
}
