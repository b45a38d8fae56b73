// The pooling page: the playground's reading of typed input (and, in jsdom, its widget), and the
// location-invariance study checked against hand-made cases.
// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {evaluatePool, percent, poolPlayground, reductionText, windowText} from "../../../src/views/cnn/pool-playground.js";
import {textRows} from "../../../src/views/cnn/conv-playground.js";
import {LECTURE_POOL_SLICE, EDGE_COMPASS} from "../../../src/lib/cnn/kernel-presets.js";
import {bankFilters, channelMajor, reluInPlace, scaleEach} from "../../../src/lib/cnn/feature-maps.js";
import {cosineDistance, relativeChange, shiftGrid, shiftStudy} from "../../../src/views/cnn/shift-invariance.js";
import {gridFromRows, gridToRows, type Filters} from "../../../src/lib/cnn/conv.js";
import {poolWindow} from "../../../src/lib/cnn/pool.js";
import {message, value} from "../../helpers/tensor-helpers.js";

const lecture = {cells: textRows(LECTURE_POOL_SLICE.rows), type: "max" as const, size: "2", stride: "2", padding: "valid" as const};

describe("evaluatePool", () => {
  it("gives the lecture's 6 8 / 3 4 and a 75% drop", () => {
    const s = value(evaluatePool(lecture));
    expect(gridToRows(s.output)).toEqual([
      [6, 8],
      [3, 4]
    ]);
    expect(reductionText(s)).toBe("4×4 = 16 values → 2×2 = 4 values: 75% fewer (4 times smaller)");
    // Averages by hand: (1+1+5+6)/4, (2+4+7+8)/4, (3+2+1+2)/4, (1+0+3+4)/4.
    expect(gridToRows(value(evaluatePool({...lecture, type: "avg"})).output)).toEqual([
      [3.25, 5.25],
      [2, 2]
    ]);
    expect(windowText(value(poolWindow(0, 0, s.input, "max", s)), "max")).toBe("max(1, 1, 5, 6) = 6");
    expect(windowText(value(poolWindow(1, 1, s.input, "avg", s)), "avg")).toBe("(1 + 0 + 3 + 4) / 4 = 2");
    expect(percent(1 - 4 / 25)).toBe("84%");
    expect(percent(1 - 4 / 9)).toBe("55.6%");
  });

  it("overlapping windows and 'same' padding", () => {
    expect(gridToRows(value(evaluatePool({...lecture, stride: "1"})).output)).toEqual([
      [6, 7, 8],
      [6, 7, 8],
      [3, 3, 4]
    ]);
    expect(value(evaluatePool({...lecture, size: "3", padding: "same"})).output.shape).toEqual([2, 2]);
  });

  it("says what is wrong with bad input", () => {
    const cells = lecture.cells.map((r) => [...r]);
    cells[3][0] = "";
    expect(message(evaluatePool({...lecture, cells}))).toBe("Input: row 4, column 1 is empty.");
    expect(message(evaluatePool({...lecture, stride: "0"}))).toBe("Stride must be at least 1 (got 0).");
    expect(message(evaluatePool({...lecture, size: "-2"}))).toBe("Pool size must be at least 1 (got -2).");
    expect(message(evaluatePool({...lecture, size: "5"}))).toBe("The pool window height 5 is larger than the input height 4.");
  });
});

describe("the pooling widget", () => {
  const rows = (root: HTMLElement, label: string) => {
    const grid = root.querySelector<HTMLElement>(`[aria-label^="${label}"]`)!;
    const cols = Number(grid.style.getPropertyValue("--cols"));
    const cells = [...grid.children].map((c) => c.textContent);
    return Array.from({length: cells.length / cols}, (_, r) => cells.slice(r * cols, (r + 1) * cols).join(" "));
  };
  const type = (input: HTMLInputElement, text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  };

  it("shows 6 8 / 3 4, marks the winner, keeps its output on bad input", () => {
    const root = poolPlayground({presets: [LECTURE_POOL_SLICE]});
    document.body.append(root);
    expect(rows(root, "Pooled output")).toEqual(["6 8", "3 4"]);
    expect(root.textContent).toContain("75% fewer");
    expect(root.querySelector(".playground-arithmetic")!.textContent).toContain("max(1, 1, 5, 6) = 6");
    const winner = root.querySelector('[aria-label^="Pooling input"] .cell.is-chosen input') as HTMLInputElement;
    expect(winner.getAttribute("aria-label")).toBe("Pooling input row 2, column 2");
    root
      .querySelector<HTMLElement>('[aria-label^="Pooled output"]')!
      .dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowDown", bubbles: true}));
    expect(root.querySelector(".playground-arithmetic")!.textContent).toContain("max(3, 2, 1, 2) = 3");
    type(root.querySelector<HTMLInputElement>('input[aria-label="Pooling input row 1, column 1"]')!, "nine");
    expect(root.querySelector(".playground-message")!.textContent).toContain('Input: row 1, column 1: "nine" is not a number.');
    expect(rows(root, "Pooled output")).toEqual(["6 8", "3 4"]);
    type(root.querySelector<HTMLInputElement>('input[aria-label="Pooling input row 1, column 1"]')!, "9");
    expect(rows(root, "Pooled output")).toEqual(["9 8", "3 4"]);
    type(root.querySelector<HTMLInputElement>("input[name=stride]")!, "0");
    expect(rows(root, "Pooled output")).toEqual(["9 8", "3 4"]);
    expect(root.textContent).not.toContain("NaN");
  });
});

describe("location invariance", () => {
  it("shifts with zeros coming in", () => {
    const g = gridFromRows([
      [1, 2, 3],
      [4, 5, 6]
    ]);
    expect(gridToRows(shiftGrid(g, 0, 1))).toEqual([
      [0, 1, 2],
      [0, 4, 5]
    ]);
    expect(gridToRows(shiftGrid(g, 1, 1))).toEqual([
      [0, 0, 0],
      [0, 1, 2]
    ]);
    expect(gridToRows(shiftGrid(g, 0, 0))).toEqual([
      [1, 2, 3],
      [4, 5, 6]
    ]);
  });

  it("measures change by hand-checkable formulas", () => {
    expect(cosineDistance([1, 0], [0, 1])).toBe(1);
    expect(cosineDistance([1, 2], [2, 4])).toBeCloseTo(0, 12);
    expect(cosineDistance([1, 1], [1, 0])).toBeCloseTo(1 - 1 / Math.SQRT2, 12);
    expect(cosineDistance([0, 0], [0, 0])).toBe(0);
    expect(relativeChange([2, 2], [1, 3])).toBe(0.5);
  });

  it("sees 2×2 max pooling ignore a shift inside its window, and not one across it", () => {
    const identity: Filters = {shape: [1, 1, 1, 1], data: Float32Array.of(1)};
    const dot = {shape: [8, 8] as const, data: new Float32Array(64)};
    dot.data[2 * 8 + 2] = 1; // column 2 and column 3 share a 2×2 window; column 4 does not
    const study = shiftStudy({filters: identity, maxShift: 2, poolSizes: [2]});
    study.add(dot);
    const at = (stage: string, shift: number) =>
      study.rows().find((r) => r.metric === "cosine" && r.stage === stage && r.shift === shift)!.value;
    expect(study.stages).toEqual(["pixels", "feature maps", "max pooled 2×2"]);
    expect(at("pixels", 1)).toBe(1);
    expect(at("max pooled 2×2", 1)).toBe(0);
    expect(at("max pooled 2×2", 2)).toBe(1);
    expect(at("pixels", 0)).toBe(0);
  });

  it("lays out an edge compass whose pairs are opposite", () => {
    const f = value(bankFilters(EDGE_COMPASS));
    expect(f.shape).toEqual([3, 3, 1, 8]);
    for (let i = 0; i < 9; i++) for (let k = 0; k < 8; k += 2) expect(f.data[i * 8 + k]).toBe(-f.data[i * 8 + k + 1] || 0);
    const img = {shape: [1, 2, 3] as const, data: Float32Array.of(1, -2, 3, 4, 5, -6)};
    expect([...channelMajor(reluInPlace(img))]).toEqual([1, 4, 0, 5, 3, 0]);
    expect([...scaleEach([gridFromRows([[2, -4]]), gridFromRows([[0, 0]])])]).toEqual([0.5, -1, 0, 0]);
  });
});
