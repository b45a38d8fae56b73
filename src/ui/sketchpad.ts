// A drawing pad for a digit: mouse, touch and pen through pointer events (touch-action: none, so a
// finger draws instead of scrolling), a Clear button, and the keyboard (arrow keys move the pen,
// Space lifts or lowers it, Delete clears). It is an Observable view: `value` is the drawing as a
// grey image (ink 0…1, from the canvas's alpha, so the stroke colour can follow the theme) and an
// "input" event fires while drawing (at most once a frame) and when a stroke ends. Square by
// default; `width` and `height` make a wide pad (a row of digits), and `paint` fills the pad
// with a picture (real digits, say) as if drawn.
import type {GreyImage} from "../lib/cnn/mnist-preprocess.js";
import {injectStyle} from "./inject-style.js";

export interface SketchValue extends GreyImage {
  readonly data: Float32Array;
  /** Strokes since the last clear. */
  readonly strokes: number;
}

export type Sketchpad = HTMLDivElement & {value: SketchValue; clear: () => void; paint: (image: GreyImage) => void};

export interface SketchpadOptions {
  /** Largest on-screen side, in CSS pixels (the pad shrinks to fit narrower screens). */
  size?: number;
  /** Canvas pixels per side: the drawing's resolution, whatever its size on screen. */
  resolution?: number;
  /** Canvas pixels across and down, for a pad that is not square (each defaults to `resolution`). */
  width?: number;
  height?: number;
  /** Pen width in canvas pixels: about 2 MNIST pixels for a digit drawn to fill the pad. */
  lineWidth?: number;
  label?: string;
}

let padCount = 0;

export function sketchpad({
  size = 280,
  resolution = 280,
  width = resolution,
  height = resolution,
  lineWidth = 22,
  label = "Drawing pad: draw a digit"
}: SketchpadOptions = {}): Sketchpad {
  injectStyle("sketchpad-style", CSS);
  const id = `sketchpad-${++padCount}`;
  const root = document.createElement("div") as Sketchpad;
  root.className = "sketchpad";
  root.style.maxWidth = `${size}px`;

  const frame = document.createElement("div");
  frame.className = "sketchpad-frame";
  frame.style.aspectRatio = `${width} / ${height}`;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.tabIndex = 0;
  // "application": screen readers pass the arrow keys to the pad instead of reading the page.
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "drawing pad");
  canvas.setAttribute("aria-label", label);
  canvas.setAttribute("aria-describedby", `${id}-help`);
  const cursor = document.createElement("div");
  cursor.className = "sketchpad-cursor";
  cursor.setAttribute("aria-hidden", "true");
  frame.append(canvas, cursor);

  const bar = document.createElement("div");
  bar.className = "sketchpad-bar";
  const clearButton = document.createElement("button");
  clearButton.type = "button";
  clearButton.textContent = "Clear";
  clearButton.setAttribute("aria-label", "Clear the drawing");
  const help = document.createElement("small");
  help.id = `${id}-help`;
  help.textContent = "Draw with a mouse, finger or pen. Keyboard: arrow keys move the pen, Space puts it down or lifts it, Delete clears.";
  bar.append(clearButton, help);
  root.append(frame, bar);

  const context = canvas.getContext("2d", {willReadFrequently: true})!;
  let strokes = 0;
  let pending = 0;
  let last: [number, number] | null = null;
  const keyPen = {x: width / 2, y: height / 2, down: false};

  const read = (): SketchValue => {
    const {data} = context.getImageData(0, 0, width, height);
    const ink = new Float32Array(width * height);
    for (let i = 0; i < ink.length; i++) ink[i] = data[i * 4 + 3] / 255;
    return {width, height, data: ink, strokes};
  };
  const emit = () => {
    if (pending) cancelAnimationFrame(pending);
    pending = 0;
    root.value = read();
    root.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const emitSoon = () => {
    if (!pending) pending = requestAnimationFrame(emit);
  };

  const pen = () => {
    // Ink in the page's text colour (dark on light, light on dark); only its alpha is read back.
    context.strokeStyle = context.fillStyle = getComputedStyle(canvas).color;
    context.lineWidth = lineWidth;
    context.lineCap = context.lineJoin = "round";
  };
  const dot = ([x, y]: [number, number]) => {
    context.beginPath();
    context.arc(x, y, lineWidth / 2, 0, 2 * Math.PI);
    context.fill();
  };
  const line = ([x0, y0]: [number, number], [x1, y1]: [number, number]) => {
    context.beginPath();
    context.moveTo(x0, y0);
    context.lineTo(x1, y1);
    context.stroke();
  };
  const toCanvas = (event: PointerEvent): [number, number] => {
    const rect = canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) / rect.width) * width, ((event.clientY - rect.top) / rect.height) * height];
  };

  canvas.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    // Keeps the stroke when the pointer leaves the pad; synthetic events have no pointer to capture.
    try {
      canvas.setPointerCapture(event.pointerId);
    } catch {}
    pen();
    strokes++;
    last = toCanvas(event);
    dot(last);
    emitSoon();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!last) return;
    event.preventDefault();
    // Coalesced events keep a fast stroke smooth where the browser batches pointer moves.
    for (const e of event.getCoalescedEvents?.() ?? [event]) {
      const point = toCanvas(e);
      line(last, point);
      last = point;
    }
    emitSoon();
  });
  const end = () => {
    if (!last) return;
    last = null;
    emit();
  };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  const clear = () => {
    context.clearRect(0, 0, width, height);
    strokes = 0;
    last = null;
    keyPen.down = false;
    showCursor();
    emit();
  };
  clearButton.addEventListener("click", clear);

  // A picture as ink: each of its pixels a block of the pad's pixels (no smoothing, so a pad a
  // whole number of times larger reads back the picture's values exactly, to 1/255).
  const paint = (image: GreyImage) => {
    const small = document.createElement("canvas");
    small.width = image.width;
    small.height = image.height;
    const smallContext = small.getContext("2d")!;
    const pixels = smallContext.createImageData(image.width, image.height);
    for (let i = 0; i < image.width * image.height; i++) {
      pixels.data[i * 4 + 3] = Math.round(255 * Math.min(1, Math.max(0, image.data[i])));
    }
    smallContext.putImageData(pixels, 0, 0);
    // Coloured like a stroke: the alpha above, the page's text colour on top of it.
    smallContext.globalCompositeOperation = "source-in";
    smallContext.fillStyle = getComputedStyle(canvas).color;
    smallContext.fillRect(0, 0, image.width, image.height);
    context.clearRect(0, 0, width, height);
    context.imageSmoothingEnabled = false;
    context.drawImage(small, 0, 0, width, height);
    strokes = 1;
    last = null;
    keyPen.down = false;
    showCursor();
    emit();
  };

  // Keyboard drawing: a visible pen position, moved by a step per arrow press.
  const showCursor = () => {
    cursor.style.left = `${(keyPen.x / width) * 100}%`;
    cursor.style.top = `${(keyPen.y / height) * 100}%`;
    cursor.classList.toggle("down", keyPen.down);
  };
  // A twentieth of the shorter side, both ways: on a wide pad, as on a square one, a digit is about 20 steps tall.
  const step = Math.min(width, height) / 20;
  const moves: Record<string, [number, number]> = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
  canvas.addEventListener("keydown", (event) => {
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      const from: [number, number] = [keyPen.x, keyPen.y];
      keyPen.x = Math.max(0, Math.min(width, keyPen.x + move[0] * step));
      keyPen.y = Math.max(0, Math.min(height, keyPen.y + move[1] * step));
      if (keyPen.down) {
        pen();
        line(from, [keyPen.x, keyPen.y]);
        emit();
      }
      showCursor();
    } else if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      keyPen.down = !keyPen.down;
      if (keyPen.down) {
        pen();
        strokes++;
        dot([keyPen.x, keyPen.y]);
        emit();
      }
      showCursor();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      clear();
    }
  });
  showCursor();

  root.value = read();
  root.clear = clear;
  root.paint = paint;
  return root;
}

const CSS = `
.sketchpad { width: 100%; }
.sketchpad-frame { position: relative; width: 100%; aspect-ratio: 1; }
.sketchpad canvas { display: block; width: 100%; height: 100%; touch-action: none; cursor: crosshair; color: var(--theme-foreground);
  background: var(--theme-background-alt); border: 1px solid var(--theme-foreground-faint); border-radius: 6px; box-sizing: border-box; }
.sketchpad canvas:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 2px; }
.sketchpad-cursor { position: absolute; width: 12px; height: 12px; margin: -6px 0 0 -6px; border: 2px solid var(--theme-foreground-focus); border-radius: 50%; pointer-events: none; display: none; box-sizing: border-box; }
.sketchpad-cursor.down { background: var(--theme-foreground-focus); }
.sketchpad-frame:has(canvas:focus-visible) .sketchpad-cursor { display: block; }
.sketchpad-bar { display: flex; gap: 0.6rem; align-items: center; margin-top: 0.4rem; }
.sketchpad-bar small { color: var(--theme-foreground-muted); line-height: 1.3; }
`;
