// The convolution playground: what it reads from typed text, and (in jsdom) that the widget shows
// the lecture's output, steps with the arrow keys, and keeps its last good output on bad input.
// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  convPlayground,
  evaluatePlayground,
  outputSizeText,
  resizeRows,
  textRows,
  traceCell,
  PLAYGROUND_LIMITS
} from "../../../src/views/cnn/conv-playground.js";
import {KERNEL_PRESETS, LECTURE_IMAGE} from "../../../src/lib/cnn/kernel-presets.js";
import {parseWhole} from "../../../src/lib/core/result.js";
import {message, value} from "../../helpers/tensor-helpers.js";

const lecture = {image: textRows(LECTURE_IMAGE.rows), kernel: textRows(KERNEL_PRESETS[0].rows), stride: "1", padding: "0"};
const rows = (g: {shape: readonly number[]; data: Float32Array}) =>
  Array.from({length: g.shape[0]}, (_, r) => Array.from(g.data.subarray(r * g.shape[1], (r + 1) * g.shape[1])));

describe("evaluatePlayground", () => {
  it("gives the lecture's four rows of 0 15 15 0", () => {
    const p = value(evaluatePlayground(lecture));
    expect(rows(p.output)).toEqual([
      [0, 15, 15, 0],
      [0, 15, 15, 0],
      [0, 15, 15, 0],
      [0, 15, 15, 0]
    ]);
    expect(outputSizeText(p.rows)).toBe("⌊(6 + 2·0 − 3) / 1⌋ + 1 = 4");
    expect(value(traceCell(p, 0, 1)).text).toBe("5·1 + 5·1 + 5·1 + 5·0 + 5·0 + 5·0 + 0·(−1) + 0·(−1) + 0·(−1) = 15");
  });

  it("pads with zeros and strides as the hand computation says", () => {
    // By hand, padding 1, first output column: the window covers columns −1 (padding), 0 and 1 of the image,
    // weights 1, 0, −1: 0·1 + 5·0 + 5·(−1) per image row: −15 where all three rows are real, −10 at the top and bottom.
    const padded = value(evaluatePlayground({...lecture, padding: "1"}));
    expect(padded.output.shape).toEqual([6, 6]);
    expect(rows(padded.output)[0]).toEqual([-10, 0, 10, 10, 0, 0]);
    expect(rows(padded.output)[2]).toEqual([-15, 0, 15, 15, 0, 0]);
    const strided = value(evaluatePlayground({...lecture, stride: "2"}));
    expect(rows(strided.output)).toEqual([
      [0, 15],
      [0, 15]
    ]);
    expect(value(traceCell(padded, 0, 0)).terms.filter((t) => !t.inside)).toHaveLength(5);
  });

  it("says what is wrong with bad input instead of throwing or giving NaN", () => {
    const bad = (change: object) => message(evaluatePlayground({...lecture, ...change}));
    const image = lecture.image.map((r) => [...r]);
    image[1][2] = "x";
    expect(bad({image})).toBe('Input image: row 2, column 3: "x" is not a number.');
    image[1][2] = " ";
    expect(bad({image})).toBe("Input image: row 2, column 3 is empty.");
    const kernel = lecture.kernel.map((r) => [...r]);
    kernel[0][0] = "";
    expect(bad({kernel})).toBe("Kernel: row 1, column 1 is empty.");
    expect(bad({stride: "0"})).toBe("Stride must be at least 1 (got 0).");
    expect(bad({stride: ""})).toBe("Stride is empty.");
    expect(bad({padding: "-1"})).toBe("Zero padding cannot be negative (got -1).");
    expect(bad({padding: "1.5"})).toBe("Zero padding must be a whole number (got 1.5).");
    expect(bad({padding: "9"})).toBe(`Zero padding can be at most ${PLAYGROUND_LIMITS.padding} here (got 9).`);
    expect(bad({kernel: resizeRows(lecture.kernel, 7, 7)})).toBe("The kernel height 7 is larger than the input height 6.");
    expect(bad({kernel: resizeRows(lecture.kernel, 9, 9), padding: "1"})).toBe(
      "The kernel height 9 is larger than the input height 6 padded to 8."
    );
  });
});

describe("helpers", () => {
  it("parseWhole reads what people type", () => {
    expect(value(parseWhole("Neurons", "1,000"))).toBe(1000);
    expect(value(parseWhole("Neurons", " 10000000 "))).toBe(10_000_000);
    expect(value(parseWhole("Size", "\u22122", {min: -5}))).toBe(-2);
    expect(message(parseWhole("Size", "1,00"))).toBe('Size: "1,00" is not a number.');
    expect(message(parseWhole("Size", "abc"))).toBe('Size: "abc" is not a number.');
    expect(message(parseWhole("Size", "-3", {min: 1}))).toBe("Size must be at least 1 (got -3).");
  });

  it("resizeRows keeps what fits and fills the rest", () => {
    expect(
      resizeRows(
        [
          ["1", "2"],
          ["3", "4"]
        ],
        3,
        1
      )
    ).toEqual([["1"], ["3"], ["0"]]);
  });
});

describe("the widget", () => {
  const outputRows = (root: HTMLElement) => {
    const grid = root.querySelector<HTMLElement>('[aria-label^="Output feature map"]')!;
    const cols = Number(grid.style.getPropertyValue("--cols"));
    const cells = [...grid.children].map((c) => c.textContent);
    return Array.from({length: cells.length / cols}, (_, r) => cells.slice(r * cols, (r + 1) * cols).join(" "));
  };
  const make = () => {
    const root = convPlayground({imagePresets: [LECTURE_IMAGE], kernelPresets: KERNEL_PRESETS});
    document.body.append(root);
    return root;
  };
  const type = (input: HTMLInputElement, text: string) => {
    input.value = text;
    input.dispatchEvent(new Event("input", {bubbles: true}));
  };

  it("shows the lecture's output and the arithmetic of the chosen cell, and steps with arrow keys", () => {
    const root = make();
    expect(outputRows(root)).toEqual(["0 15 15 0", "0 15 15 0", "0 15 15 0", "0 15 15 0"]);
    const arithmetic = root.querySelector(".playground-arithmetic")!;
    expect(arithmetic.textContent).toContain("5·1 + 5·1 + 5·1 + 5·0 + 5·0 + 5·0 + 0·(−1) + 0·(−1) + 0·(−1) = 15");
    const grid = root.querySelector<HTMLElement>('[aria-label^="Output feature map"]')!;
    grid.dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowLeft", bubbles: true}));
    expect(arithmetic.textContent).toContain("Output row 1, column 1");
    expect(arithmetic.textContent).toContain("= 0");
    expect(root.querySelectorAll(".cell.is-field")).toHaveLength(9);
  });

  it("keeps the previous output and says why on a bad cell, and recovers", () => {
    const root = make();
    let events = 0;
    root.addEventListener("input", () => events++);
    const cell = root.querySelector<HTMLInputElement>('input[aria-label="Input row 1, column 1"]')!;
    type(cell, "five");
    expect(root.querySelector(".playground-message")!.textContent).toContain('Input image: row 1, column 1: "five" is not a number.');
    expect(outputRows(root)[0]).toBe("0 15 15 0");
    expect(cell.hasAttribute("aria-invalid")).toBe(true);
    expect(events).toBe(0);
    type(cell, "6");
    expect(root.querySelector(".playground-message")!.textContent).toBe("");
    expect(outputRows(root)[0]).toBe("1 15 15 0");
    expect(events).toBe(1);
    expect(root.value.image.data[0]).toBe(6);
  });

  it("draws padding as a ring of zeros, and refuses stride 0 and negative sizes", () => {
    const root = make();
    const field = (name: string) => root.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    type(field("padding"), "1");
    const input = root.querySelector<HTMLElement>('[aria-label^="Input image"]')!;
    expect(input.children).toHaveLength(64);
    expect(outputRows(root)).toHaveLength(6);
    type(field("stride"), "0");
    expect(root.querySelector(".playground-message")!.textContent).toContain("Stride must be at least 1 (got 0).");
    expect(outputRows(root)).toHaveLength(6);
    type(field("stride"), "1");
    type(field("imageSize"), "-4");
    expect(root.querySelector(".playground-message")!.textContent).toContain("Image size must be at least 1 (got -4).");
    type(field("kernelSize"), "7"); // the 3×3 kernel grows with zeros; 6 + 2 − 7 + 1 = 2
    expect(outputRows(root)).toEqual(["−10 0", "−15 0"]);
    type(field("padding"), "0");
    expect(root.querySelector(".playground-message")!.textContent).toContain("The kernel height 7 is larger than the input height 6.");
    expect(outputRows(root)).toEqual(["−10 0", "−15 0"]);
    expect(root.textContent).not.toContain("NaN");
  });
});
