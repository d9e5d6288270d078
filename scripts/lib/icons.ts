import type { RgbaImage } from './png.js';

/**
 * Draws Neuvo's two Teams icons from a tiny vector description: a speech bubble with three dots
 * ("someone is here to talk to"), white on deep teal for the colour icon, white on transparent
 * for the outline icon.
 *
 * Why in code: the PNGs in appPackage/ are committed, but generating them keeps them reproducible
 * and lets a reviewer see exactly what is drawn. Edges are anti-aliased by 4×4 supersampling.
 */

/** Deep teal: the manifest's accentColor and the colour icon's background (#00606B). */
export const NEUVO_TEAL: readonly [number, number, number] = [0x00, 0x60, 0x6b];

const SUPERSAMPLE = 4;

/** Is the unit-square point (x right, y down, both 0..1) inside the speech bubble? */
function inBubble(x: number, y: number): boolean {
  return inRoundedRect(x, y, 0.14, 0.18, 0.86, 0.66, 0.13) || inTriangle(x, y, [0.25, 0.6], [0.45, 0.6], [0.2, 0.86]);
}

/** Is the unit-square point inside one of the three dots cut out of the bubble? */
function inDot(x: number, y: number): boolean {
  const r = 0.065;
  return [0.32, 0.5, 0.68].some((cx) => (x - cx) ** 2 + (y - 0.42) ** 2 <= r * r);
}

function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x: number, y: number, a: readonly [number, number], b: readonly [number, number], c: readonly [number, number]): boolean {
  const side = (p: readonly [number, number], q: readonly [number, number]) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  const hasNeg = d1 < 0 || d2 < 0 || d3 < 0;
  const hasPos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(hasNeg && hasPos);
}

/**
 * Fraction (0..1) of the pixel (px, py) covered by the white glyph, when the unit square is mapped
 * onto the pixel square [offset, offset + span).
 */
function coverage(px: number, py: number, offset: number, span: number): number {
  let hits = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy++) {
    for (let sx = 0; sx < SUPERSAMPLE; sx++) {
      const x = (px + (sx + 0.5) / SUPERSAMPLE - offset) / span;
      const y = (py + (sy + 0.5) / SUPERSAMPLE - offset) / span;
      if (inBubble(x, y) && !inDot(x, y)) hits++;
    }
  }
  return hits / (SUPERSAMPLE * SUPERSAMPLE);
}

/**
 * The 192×192 colour icon: a full-bleed teal square (Teams rounds the corners itself) with the
 * white glyph inside the central 144×144 area, so it stays clear of the cropping edge.
 */
export function drawColorIcon(size = 192): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const offset = size / 8;
  const span = size - 2 * offset;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, offset, span);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) pixels[i + k] = Math.round(NEUVO_TEAL[k]! * (1 - c) + 255 * c);
      pixels[i + 3] = 255;
    }
  }
  return { width: size, height: size, pixels };
}

/**
 * The 32×32 outline icon: the same glyph in white on a transparent background. Every pixel is
 * pure white (RGB 255,255,255); only alpha varies, so Teams' "white and transparent only" rule
 * holds even on the anti-aliased edge.
 */
export function drawOutlineIcon(size = 32): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const offset = size / 32;
  const span = size - 2 * offset;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      pixels[i] = 255;
      pixels[i + 1] = 255;
      pixels[i + 2] = 255;
      pixels[i + 3] = Math.round(255 * coverage(x, y, offset, span));
    }
  }
  return { width: size, height: size, pixels };
}
