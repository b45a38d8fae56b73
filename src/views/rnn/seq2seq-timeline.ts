// The timeline of a delayed sequence to sequence: the encoder reads one input symbol per step
// and writes nothing; only after the last one does its state, the message, pass to the
// decoder, which then writes one symbol per step, each fed back in as the next step's input.
import * as Plot from "@observablehq/plot";

export interface TimelineOptions {
  width?: number;
  ariaLabel?: string;
  /** Pixels per time step at least (the chart scrolls sideways when it does not fit). */
  minStep?: number;
}

interface Box {
  t: number;
  row: number;
  text: string;
  lane: "encoder" | "decoder";
  role: "input" | "cell" | "output";
}

const ROWS = ["input", "recurrent cell", "output"];

/**
 * `inputs`: what the encoder reads, one per step; `fed`: what the decoder is fed at each of its
 * steps (START, then its own previous output); `written`: what it writes (ending in END).
 */
export function seq2seqTimeline(
  inputs: readonly string[],
  fed: readonly string[],
  written: readonly string[],
  {width = 640, ariaLabel, minStep = 36}: TimelineOptions = {}
): HTMLElement {
  const n = inputs.length;
  const m = written.length;
  const steps = n + m;
  const chartWidth = Math.max(width, 110 + steps * minStep);
  const boxes: Box[] = [
    ...inputs.map((text, i) => ({t: i + 1, row: 0, text, lane: "encoder" as const, role: "input" as const})),
    ...inputs.map((_, i) => ({t: i + 1, row: 1, text: "enc", lane: "encoder" as const, role: "cell" as const})),
    ...fed.map((text, j) => ({t: n + j + 1, row: 0, text, lane: "decoder" as const, role: "input" as const})),
    ...written.map((_, j) => ({t: n + j + 1, row: 1, text: "dec", lane: "decoder" as const, role: "cell" as const})),
    ...written.map((text, j) => ({t: n + j + 1, row: 2, text, lane: "decoder" as const, role: "output" as const}))
  ];
  // The state passed along, step to step; the one across the boundary is the message.
  const links = Array.from({length: steps - 1}, (_, k) => ({from: k + 1, to: k + 2, message: k + 1 === n}));
  const feedback = written.slice(0, -1).map((_, j) => ({from: n + j + 1, to: n + j + 2}));
  const y = (row: number) => row;
  const plot = Plot.plot({
    width: chartWidth,
    // Wider than the page (a long word on a phone): keep the drawing's size and scroll sideways.
    style: chartWidth > width ? {maxWidth: "none"} : undefined,
    height: 200,
    marginLeft: 100,
    marginTop: 28,
    marginBottom: 30,
    ariaLabel:
      ariaLabel ??
      `Timeline: the encoder reads ${n} symbols (${inputs.join(" ")}) in steps 1 to ${n} and writes nothing; its final state goes to the decoder, which writes ${written.join(" ")} in steps ${n + 1} to ${steps}`,
    x: {
      domain: [0.5, steps + 0.5],
      label: "time step",
      ticks: Array.from({length: steps}, (_, k) => k + 1).filter((t) => steps <= 24 || t % 2 === 1),
      tickFormat: "d"
    },
    y: {domain: [2.6, -0.6], ticks: [0, 1, 2], tickFormat: (r: number) => ROWS[r], label: null},
    marks: [
      // The two phases as shaded spans, named at the top.
      Plot.rect(
        [
          {x1: 0.5, x2: n + 0.5, lane: "encoder reads"},
          {x1: n + 0.5, x2: steps + 0.5, lane: "decoder writes"}
        ],
        {
          x1: "x1",
          x2: "x2",
          y1: -0.6,
          y2: 2.6,
          fill: (d: {lane: string}) => (d.lane === "encoder reads" ? "currentColor" : "var(--theme-foreground-focus)"),
          fillOpacity: 0.06
        }
      ),
      // Named from the boundary outwards, so the names never overlap however short a phase is.
      Plot.text(["encoder reads"], {
        x: n + 0.5,
        frameAnchor: "top",
        dy: -18,
        dx: -8,
        textAnchor: "end",
        fill: "currentColor",
        fontWeight: 600
      }),
      Plot.text(["decoder writes"], {
        x: n + 0.5,
        frameAnchor: "top",
        dy: -18,
        dx: 8,
        textAnchor: "start",
        fill: "currentColor",
        fontWeight: 600
      }),
      Plot.ruleX([n + 0.5], {stroke: "var(--theme-foreground-focus)", strokeDasharray: "4,3"}),
      Plot.arrow(links, {
        x1: (d) => d.from + 0.3,
        x2: (d) => d.to - 0.3,
        y1: y(1),
        y2: y(1),
        stroke: (d) => (d.message ? "var(--theme-foreground-focus)" : "currentColor"),
        strokeWidth: (d) => (d.message ? 3 : 1.2),
        headLength: 6
      }),
      Plot.text(
        links.filter((d) => d.message),
        {x: (d) => d.from + 0.5, y: y(1), dy: -16, text: () => "message", fill: "var(--theme-foreground-focus)", fontWeight: 600}
      ),
      // Input → cell, cell → output.
      Plot.arrow(
        boxes.filter((b) => b.role === "input"),
        {x1: "t", x2: "t", y1: (b: Box) => b.row + 0.28, y2: 0.72, stroke: "currentColor", strokeOpacity: 0.5, headLength: 4}
      ),
      Plot.arrow(
        boxes.filter((b) => b.role === "output"),
        {x1: "t", x2: "t", y1: 1.28, y2: 1.72, stroke: "currentColor", strokeOpacity: 0.5, headLength: 4}
      ),
      // Each written symbol is the next step's input.
      Plot.arrow(feedback, {
        x1: (d) => d.from + 0.2,
        y1: 1.8,
        x2: (d) => d.to - 0.2,
        y2: 0.2,
        stroke: "var(--theme-foreground-focus)",
        strokeOpacity: 0.45,
        bend: true,
        headLength: 4
      }),
      Plot.rect(boxes, {
        x1: (b: Box) => b.t - 0.3,
        x2: (b: Box) => b.t + 0.3,
        y1: (b: Box) => b.row - 0.26,
        y2: (b: Box) => b.row + 0.26,
        fill: "var(--theme-background)",
        stroke: (b: Box) => (b.lane === "encoder" ? "currentColor" : "var(--theme-foreground-focus)"),
        strokeWidth: (b: Box) => (b.role === "cell" ? 1.5 : 1),
        rx: 3
      }),
      Plot.text(boxes, {
        x: "t",
        y: "row",
        text: "text",
        fill: "currentColor",
        fontSize: (b: Box) => (b.role === "cell" ? 9 : 11),
        fontFamily: "var(--monospace)"
      }),
      Plot.text(
        inputs.map((_, i) => ({t: i + 1})),
        {x: "t", y: 2, text: () => "—", fill: "currentColor", fillOpacity: 0.35}
      )
    ]
  });
  const wrapper = document.createElement("div");
  wrapper.className = "seq2seq-timeline";
  wrapper.style.overflowX = "auto";
  wrapper.style.maxWidth = "100%";
  wrapper.append(plot);
  return wrapper;
}
