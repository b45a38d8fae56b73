// "Where the network looks" as pictures: heat maps in yellow-to-red (a Plot scheme), alone and laid
// over the digit, through mapPanels so every picture has its title, size and an accessible name.
import * as Plot from "@observablehq/plot";
import type {Grid} from "../../lib/cnn/conv.js";
import {mapPanels, type MapPanel} from "../cnn/feature-maps.js";
import {overlayHeat} from "../../lib/cnn/saliency.js";

let table: [number, number, number][] | null = null;

/** The heat colour of h in 0…1 (YlOrRd from Plot, sampled once). */
export function heatColour(h: number): readonly [number, number, number] {
  if (!table) {
    const scale = Plot.scale({color: {type: "linear", scheme: "YlOrRd", domain: [0, 255]}});
    table = Array.from({length: 256}, (_, i) => {
      const [r, g, b] = (String(scale.apply(i)).match(/\d+/g) ?? ["0", "0", "0"]).map(Number);
      return [r / 255, g / 255, b / 255];
    });
  }
  return table[Math.max(0, Math.min(255, Math.round(h * 255)))];
}

export interface HeatPanel {
  title: string;
  note: string;
  /** Heat in 0…1. */
  heat: Grid;
  /** The digit under it (ink 0…1), or none for the heat alone. */
  ink?: Grid;
}

/** Heat maps side by side, each over its digit or alone on white. */
export function heatPanels(panels: readonly HeatPanel[], {width = 640, columns = 4, label = "Where the network looks"} = {}): HTMLElement {
  const shown: MapPanel[] = panels.map(({title, note, heat, ink}) => ({
    title,
    note,
    map: overlayHeat(ink ?? {shape: heat.shape, data: new Float32Array(heat.data.length)}, heat, heatColour)
  }));
  return mapPanels(shown, {width, columns, label});
}
