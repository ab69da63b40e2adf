// Draws the ribbon and manifest icons as PNG files (16, 32, 64 and 80 px) beside this script.
// Run: node assets/make-icons.mjs. The PNGs are committed; this script is how they were made.
// Shapes are described in a 0..1 square and rendered with 4x4 supersampling for smooth edges.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 64, 80];
const BLUE = [15, 108, 189];
const WHITE = [255, 255, 255];
const LIGHT = [207, 228, 250];

const inRoundedRect = (x, y, left, top, right, bottom, radius) => {
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return x >= left && x <= right && y >= top && y <= bottom && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** Upper half of an ellipse: a person's shoulders. */
const inShoulders = (x, y, cx, top, rx, ry) => y <= top + ry && ((x - cx) / rx) ** 2 + ((y - (top + ry)) / ry) ** 2 <= 1;

/** Three pupils, the middle one in front: a needs group. */
function groupIcon(x, y) {
  if (!inRoundedRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.18)) return null;
  const person = (cx, headY, scale) =>
    inCircle(x, y, cx, headY, 0.1 * scale) || inShoulders(x, y, cx, headY + 0.13 * scale, 0.17 * scale, 0.2 * scale);
  const front = person(0.5, 0.4, 1.15);
  if (front) return WHITE;
  if (person(0.25, 0.36, 0.9) || person(0.75, 0.36, 0.9)) return LIGHT;
  return BLUE;
}

/** A window with its side pane open. */
function paneIcon(x, y) {
  if (!inRoundedRect(x, y, 0.02, 0.08, 0.98, 0.92, 0.14)) return null;
  if (!inRoundedRect(x, y, 0.12, 0.2, 0.88, 0.8, 0.05)) return BLUE;
  if (x >= 0.56) return LIGHT;
  const line = (top) => y >= top && y <= top + 0.07 && x >= 0.2 && x <= 0.48;
  return line(0.3) || line(0.45) || line(0.6) ? BLUE : WHITE;
}

function render(shape, size) {
  const samples = 4;
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shape((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!colour) continue;
          r += colour[0]; g += colour[1]; b += colour[2]; covered++;
        }
      }
      const at = (py * size + px) * 4;
      if (covered > 0) {
        rgba[at] = Math.round(r / covered);
        rgba[at + 1] = Math.round(g / covered);
        rgba[at + 2] = Math.round(b / covered);
        rgba[at + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  return encodePng(rgba, size);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
/** 8-bit RGBA PNG, filter 0 on every scanline. */
function encodePng(rgba, size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const here = dirname(fileURLToPath(import.meta.url));
for (const size of SIZES) {
  writeFileSync(join(here, `icon-${size}.png`), render(groupIcon, size));
  writeFileSync(join(here, `pane-${size}.png`), render(paneIcon, size));
}
console.log(`Icônes écrites dans ${here} : ${SIZES.join(', ')} px.`);
