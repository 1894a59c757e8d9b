/**
 * Getting a diagram out of the page: an SVG file, a PNG file (the clipboard
 * is ui/details/clipboard.ts).
 * The PNG is drawn from the SVG on a canvas sized from its viewBox (twice the
 * size for sharp text) and scaled down when the canvas would exceed what
 * browsers allow (Chromium: 16,384 px a side and about 268 million pixels).
 */
import { download } from "../download";

/** Largest canvas side and area used for PNG export. */
export const MAX_CANVAS_SIDE = 16_384;
export const MAX_CANVAS_AREA = 16_384 * 16_384 / 4;

export interface CanvasSize {
  width: number;
  height: number;
  scale: number;
}

/** The canvas size for a drawing of `width` × `height` at `preferred` scale, kept under the limits. */
export function canvasSize(width: number, height: number, preferred = 2, maxSide = MAX_CANVAS_SIDE, maxArea = MAX_CANVAS_AREA): CanvasSize {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  let scale = preferred;
  scale = Math.min(scale, maxSide / w, maxSide / h, Math.sqrt(maxArea / (w * h)));
  return { width: Math.max(1, Math.floor(w * scale)), height: Math.max(1, Math.floor(h * scale)), scale };
}

/** Width and height from the SVG's viewBox (Mermaid always writes one), else its width/height attributes. */
export function svgDimensions(svgText: string): { width: number; height: number } {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = doc.documentElement;
  const vb = svg.getAttribute("viewBox")?.trim().split(/[\s,]+/).map(Number);
  if (vb && vb.length === 4 && vb.every(Number.isFinite) && vb[2]! > 0 && vb[3]! > 0) return { width: vb[2]!, height: vb[3]! };
  const w = parseFloat(svg.getAttribute("width") ?? "");
  const h = parseFloat(svg.getAttribute("height") ?? "");
  return { width: Number.isFinite(w) && w > 0 ? w : 800, height: Number.isFinite(h) && h > 0 ? h : 600 };
}

/** The SVG as a standalone file (XML declaration, namespace, explicit size). */
export function standaloneSvg(svgText: string): string {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const svg = doc.documentElement;
  const { width, height } = svgDimensions(svgText);
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.removeAttribute("style");
  return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
}

/** Draws the SVG on a canvas and returns it as PNG, on a white (or dark) background. */
export async function svgToPng(svgText: string, background: string): Promise<{ blob: Blob; size: CanvasSize }> {
  const { width, height } = svgDimensions(svgText);
  const size = canvasSize(width, height);
  const url = URL.createObjectURL(new Blob([standaloneSvg(svgText)], { type: "image/svg+xml" }));
  try {
    const img = new Image();
    img.decoding = "async";
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = size.width;
    canvas.height = size.height;
    const ctx = canvas.getContext("2d");
    if (!ctx) throw new Error("this browser cannot draw on a canvas");
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, size.width, size.height);
    ctx.drawImage(img, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("the PNG could not be made (the picture may be too large)");
    return { blob, size };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file name from plain words (capture text never reaches the file system unfiltered). */
export function fileNameFrom(words: string, ext: string): string {
  const base = words
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 80);
  return `${base || "diagram"}.${ext}`;
}

/** Downloads each drawn part as a standalone SVG file ("name-part2.svg" when there are several). */
export function downloadSvgs(svgs: readonly string[], baseName: string): void {
  svgs.forEach((svg, i) => {
    const suffix = svgs.length > 1 ? `-part${i + 1}` : "";
    download(new Blob([standaloneSvg(svg)], { type: "image/svg+xml" }), `${baseName}${suffix}.svg`);
  });
}

/** Downloads each drawn part as a PNG on the theme's background; says so when one had to be scaled down. */
export async function downloadPngs(svgs: readonly string[], baseName: string, dark: boolean, say: (text: string) => void): Promise<void> {
  for (let i = 0; i < svgs.length; i++) {
    const { blob, size } = await svgToPng(svgs[i]!, dark ? "#1e1f22" : "#ffffff");
    const suffix = svgs.length > 1 ? `-part${i + 1}` : "";
    download(blob, `${baseName}${suffix}.png`);
    if (size.scale < 1) say(`PNG scaled to ${Math.round(size.scale * 100)}% (the diagram is larger than a canvas can hold)`);
  }
}
