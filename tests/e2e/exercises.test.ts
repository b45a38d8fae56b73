// Every page's predict-then-check exercises in the browser: one answered right, one wrong, and the
// feedback checked against answers this test works out itself (the formulas by hand, the shift
// test from the shipped JSON), never read off the page. Also: markup stays text, progress survives
// a reload.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Locator, Page} from "playwright-core";
import {launch, openPage} from "./site.js";

const origin = inject("siteOrigin");

/** An answer to type (a number) or to pick (a choice), and how the page must show the truth. */
interface Attempt {
  id: string;
  typed?: string;
  choose?: string;
  /** What the reader's answer reads back as (wrong attempts only). */
  said?: string;
  /** The true answer as the feedback writes it. */
  truth: string;
}

interface PageCase {
  path: string;
  right: Attempt;
  wrong: Attempt;
}

const n = (x: number) => x.toLocaleString("en");
const tanh = Math.tanh;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
/** Conv layer parameters: k·k·c·f + f. */
const conv = (k: number, c: number, f: number) => k * k * c * f + f;
/** Dense layer parameters: in·out + out. */
const dense = (i: number, o: number) => i * o + o;
/** One block of a recurrent layer: in·u + u·u + u. */
const block = (i: number, u: number) => i * u + u * u + u;

const CASES: PageCase[] = [
  {
    path: "/cnn/convolution.html",
    right: {id: "output-size", typed: String(Math.floor((7 + 2 * 1 - 3) / 2) + 1), truth: "4"},
    wrong: {id: "output-value", typed: "5", said: "5", truth: String(2 + 4 + 1 - (1 + 0 + 2))}
  },
  {
    // conv 3: 1 + 2 = 3; pool 2 (stride 2): 3 + 1 = 4, jump 2; conv 3: 4 + 2·2 = 8.
    path: "/cnn/receptive-fields.html",
    right: {id: "field-size", typed: String(1 + 2 + 1 + 2 * 2), truth: "8"},
    wrong: {id: "conv-parameters", typed: "1200", said: "1,200", truth: n(conv(5, 3, 16))}
  },
  {
    path: "/cnn/pooling.html",
    right: {id: "max-pool", typed: String(Math.max(2, 0, 7, 4)), truth: "7"},
    wrong: {id: "pool-size", typed: "4704", said: "4,704", truth: n(14 * 14 * 6)}
  },
  {
    path: "/cnn/feature-maps.html",
    right: {id: "feature-map-values", typed: n((28 - 5 + 1) ** 2 * 8), truth: n(4608)},
    // Horizontal edge on [[0,1,2],[1,3,1],[6,5,4]]: top row − bottom row = 3 − 15, then ReLU.
    wrong: {id: "relu-response", typed: "-12", said: "−12", truth: String(Math.max(0, 0 + 1 + 2 - (6 + 5 + 4)))}
  },
  {
    path: "/cnn/depthwise.html",
    right: {id: "separable-parameters", typed: String(3 * 3 * 32 + dense(32, 64)), truth: n(2400)},
    wrong: {id: "separable-saving", typed: "9", said: "9", truth: ((9 * 64 * 128) / (9 * 64 + 64 * 128)).toFixed(1)}
  },
  {
    path: "/cnn/architectures.html",
    right: {id: "lenet-layer", typed: String(conv(5, 6, 16)), truth: n(2416)},
    // dense1 (400 → 120) holds 48,120 of LeNet-5's parameters; conv1 only 156.
    wrong: {id: "lenet-largest", choose: "conv1 (6 filters of 5×5)", said: "conv1 (6 filters of 5×5)", truth: "dense1 (dense, 120 units)"}
  },
  {
    path: "/cnn/assemble.html",
    right: {id: "flatten-length", typed: String(((28 - 3 + 1) / 2) ** 2 * 8), truth: n(1352)},
    wrong: {id: "total-parameters", typed: "1352", said: "1,352", truth: n(conv(3, 1, 8) + dense(1352, 10))}
  },
  {
    path: "/practical/first-model.html",
    right: {id: "softmax-parameters", typed: String(dense(784, 10)), truth: n(7850)},
    wrong: {id: "mlp-parameters", typed: "7850", said: "7,850", truth: n(dense(784, 128) + dense(128, 10))}
  },
  {
    // The page's default fields: conv 8 and 16 filters of 5×5, each with 2×2 pooling, dense 64, 10 outputs.
    path: "/practical/train.html",
    right: {id: "train-parameters", typed: String(conv(5, 1, 8) + conv(5, 8, 16) + dense(4 * 4 * 16, 64) + dense(64, 10)), truth: n(20522)},
    wrong: {id: "train-steps", typed: "79", said: "79", truth: String(2 * Math.ceil(3000 / 64))}
  },
  {
    // A 100×200 box scaled by 20/200; 20 evenly inked rows have their centre of mass at 9.5.
    path: "/practical/draw.html",
    right: {id: "scaled-width", typed: String(100 * (20 / 200)), truth: "10"},
    wrong: {id: "centring", typed: "4", said: "4", truth: String(Math.round(14 - (20 - 1) / 2))}
  },
  {
    // conv 5 'same', pool 2, conv 5 'same': spacing 1·2 = 2; field 5, + 1 = 6, + 4·2 = 14.
    path: "/practical/saliency.html",
    right: {id: "cam-spacing", typed: String(1 * 2), truth: "2"},
    wrong: {id: "cam-field", typed: "9", said: "9", truth: String(5 + 1 + 4 * 2)}
  },
  {
    path: "/rnn/nutshell.html",
    right: {id: "rnn-step", typed: tanh(0.5 * 0.8 + tanh(1 * 0.8 + 0.1) * 0.9 + 0.1).toFixed(2), truth: "0.82"},
    wrong: {id: "rnn-parameters", typed: "1000", said: "1,000", truth: n(block(10, 32))}
  },
  {
    path: "/rnn/lstm-cell.html",
    right: {id: "cell-update", typed: (0.9 * 2 + 0.2 * 0.5).toFixed(2), truth: "1.90"},
    wrong: {id: "output-gate", typed: "1", said: "1", truth: (0.5 * tanh(2)).toFixed(2)}
  },
  {
    path: "/rnn/lstm-gates.html",
    right: {id: "keep-memory", choose: "f = 1", truth: "f = 1"},
    wrong: {id: "lstm-parameters", typed: "1376", said: "1,376", truth: n(4 * block(10, 32))}
  },
  {
    path: "/rnn/gru.html",
    right: {id: "gru-keep", choose: "z = 1", truth: "z = 1"},
    wrong: {id: "gru-parameters", typed: "5504", said: "5,504", truth: n(3 * block(10, 32))}
  },
  {
    path: "/rnn/vanishing-gradients.html",
    right: {id: "gradient-left", typed: (100 * 0.9 ** 20).toFixed(1), truth: `${(100 * 0.9 ** 20).toFixed(1)}%`},
    wrong: {id: "steps-to-vanish", typed: "10", said: "10", truth: String(Math.ceil(Math.log(0.01) / Math.log(0.9)))}
  },
  {
    path: "/rnn/peepholes.html",
    right: {id: "peephole-gate", typed: sigmoid(0 + 2 * 1).toFixed(2), truth: "0.88"},
    wrong: {id: "peephole-parameters", typed: "1152", said: "1,152", truth: n(4 * block(1, 16) + 3 * 16)}
  },
  {
    // Naive forecasts 12, 14, 13, 17 for 14, 13, 17, 16; 100 days in windows of 30 start on days 0 … 69.
    path: "/rnn/forecasting.html",
    right: {id: "naive-error", typed: String((2 + 1 + 4 + 1) / 4), truth: "2"},
    wrong: {id: "window-count", typed: "71", said: "71", truth: String(100 - 30)}
  },
  {
    path: "/rnn/char-generation.html",
    right: {id: "temperature", typed: ((100 * 0.6 ** 2) / (0.6 ** 2 + 0.3 ** 2 + 0.1 ** 2)).toFixed(1), truth: "78.3%"},
    // 0.05^(1/2) / (0.7^(1/2) + 0.25^(1/2) + 0.05^(1/2)) = 14.3% > 5%.
    wrong: {id: "rare-character", choose: "less likely", said: "less likely", truth: "more likely"}
  },
  {
    path: "/rnn/deep.html",
    right: {id: "deep-parameters", typed: String(block(4, 16) + 2 * block(16, 16)), truth: n(1392)},
    wrong: {id: "deep-steps", typed: "12", said: "12", truth: String(3 * 12)}
  },
  {
    // The MNIST CNN's window is its 28×28 input, 4 pixels apart (two 2×2 poolings): a strip of four
    // digits, 112 wide; an image of 56×84.
    path: "/practical/localisation.html",
    right: {id: "strip-windows", typed: String(Math.floor((112 - 28) / 4) + 1), truth: "22"},
    wrong: {id: "image-windows", typed: "8", said: "8", truth: n((Math.floor((56 - 28) / 4) + 1) * (Math.floor((84 - 28) / 4) + 1))}
  },
  {
    // LSTM(32, return_sequences=False) keeps only its last state; GRU(16, return_sequences=True) then
    // Dense(1) writes one number per step.
    path: "/rnn/sequence-shapes.html",
    right: {id: "output-shape", choose: "[batch, 2]", truth: "[batch, 2]"},
    wrong: {id: "output-count", typed: "1", said: "1", truth: String(30 * 1)}
  },
  {
    // HH AE T IY → HH EY T: AE for EY and an extra IY. CAT exact; N AE T IH AH N → N EY SH AH N:
    // two substitutions and one extra phoneme, over 3 + 5 dictionary phonemes.
    path: "/rnn/encoder-decoder.html",
    right: {id: "phoneme-edits", typed: String(1 + 1), truth: "2"},
    wrong: {id: "error-rate", typed: "50", said: "50", truth: `${((100 * (0 + 3)) / (3 + 5)).toFixed(1)}%`}
  },
  {
    // "seven" and END; the ten names' distinct letters and END.
    path: "/rnn/vector-to-sequence.html",
    right: {id: "name-steps", typed: String("seven".length + 1), truth: "6"},
    wrong: {
      id: "name-symbols",
      typed: "15",
      said: "15",
      truth: String(new Set("zero one two three four five six seven eight nine".replace(/ /g, "")).size + 1)
    }
  },
  {
    // Corners (0, 0), (2, 0), (0, 1), (2, 1): variances 1 and 0.25 along the units' own axes; (2, 1)
    // minus the mean (1, 0.5), along (1, 0).
    path: "/rnn/trajectories.html",
    right: {id: "pca-share", typed: ((100 * 1) / 1.25).toFixed(1), truth: "80.0%"},
    wrong: {id: "pca-coordinate", typed: "2", said: "2", truth: (2 - 1).toFixed(2)}
  },
  {
    // h = (0.5, −0.8, 0.2), weights (2, 1.5, −1), bias 0.1: pushes 1, −1.2, −0.2.
    path: "/rnn/text-trajectories.html",
    right: {id: "readout-score", typed: sigmoid(0.5 * 2 - 0.8 * 1.5 - 0.2 * 1 + 0.1).toFixed(2), truth: "0.43"},
    wrong: {id: "biggest-push", choose: "unit 1", said: "unit 1", truth: "unit 2"}
  }
];

function card(page: Page, id: string): Locator {
  return page.locator(`.exercise[data-exercise="${id}"]`);
}

/** Answer in a card and return its feedback line (text and class). */
async function attempt(page: Page, a: Attempt): Promise<{text: string; className: string}> {
  const c = card(page, a.id);
  await c.scrollIntoViewIfNeeded();
  if (a.choose !== undefined) await c.getByLabel(a.choose, {exact: true}).check();
  else await c.getByLabel("Your answer").fill(a.typed ?? "");
  await c.getByRole("button", {name: "Check"}).click();
  const feedback = c.locator(".exercise-feedback");
  await expect.poll(() => feedback.textContent()).not.toBe("");
  return {text: (await feedback.textContent()) ?? "", className: (await feedback.getAttribute("class")) ?? ""};
}

async function rightAndWrong(page: Page, {right, wrong}: Pick<PageCase, "right" | "wrong">) {
  const r = await attempt(page, right);
  expect(r.className).toBe("exercise-feedback right");
  expect(r.text.startsWith(`Right: ${right.truth}. `)).toBe(true);
  // An explanation follows the verdict.
  expect(r.text.length).toBeGreaterThan(`Right: ${right.truth}. `.length + 20);
  const w = await attempt(page, wrong);
  expect(w.className).toBe("exercise-feedback wrong");
  expect(w.text.startsWith(`Not quite: you said ${wrong.said ?? wrong.typed ?? wrong.choose}, the answer is ${wrong.truth}. `)).toBe(true);
  expect(w.text.length).toBeGreaterThan(`Not quite: you said , the answer is ${wrong.truth}. `.length + 20);
  // Both attempts are kept in the browser.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("workbook-exercises-v1") ?? "{}"));
  const key = new URL(page.url()).pathname.replace(/^\//, "").replace(/\.html$/, "");
  expect(stored[key].exercises[right.id]).toEqual({tries: 1, solved: true});
  expect(stored[key].exercises[wrong.id]).toEqual({tries: 1, solved: false});
}

/** A file the page loaded (its URL matched by `pattern`), fetched again in the page and parsed. */
async function shipped<T>(page: Page, pattern: RegExp, kind: "json" | "bytes"): Promise<T> {
  return page.evaluate(
    async ({source, kind}) => {
      const re = new RegExp(source);
      // The browser's resource timings, or (if that buffer filled up) the files the page registers.
      const registered = [...document.querySelectorAll("script")].flatMap((script) =>
        [...(script.textContent ?? "").matchAll(/"path":"([^"]+)"/g)].map((m) => new URL(m[1], location.href).href)
      );
      const url = [...performance.getEntriesByType("resource").map((e) => e.name), ...registered].find((name) => re.test(name));
      if (!url) throw new Error(`the page did not load ${source}`);
      const response = await fetch(url);
      return kind === "json" ? response.json() : Array.from(new Uint8Array(await response.arrayBuffer()));
    },
    {source: pattern.source, kind}
  ) as Promise<T>;
}

describe.runIf(origin)("exercises that check themselves", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test.each(CASES.map((c) => [c.path, c] as const))("%s: one right, one wrong", async (_, c) => {
    const {problems, page} = await openPage(browser, origin, c.path);
    expect(problems).toEqual([]);
    expect(await page.locator(".exercise").count()).toBeGreaterThanOrEqual(2);
    await rightAndWrong(page, c);
    await page.context().close();
  });

  test("/practical/models.html: the shift test's winner and cost, from the shipped JSON", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/models.html");
    expect(problems).toEqual([]);
    type Report = {shifts: number[]; models: {id: string; name: string; points: {shift: number; recentred: boolean; accuracy: number}[]}[]};
    const report: Report = await page.evaluate(async () => {
      const url = performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .find((name) => /shift-test\.[^/]*json$/.test(name));
      if (!url) throw new Error("the page did not load shift-test.json");
      return (await fetch(url)).json();
    });
    const at = (id: string, shift: number) =>
      report.models.find((m) => m.id === id)!.points.find((p) => p.shift === shift && !p.recentred)!.accuracy;
    const best = [...report.models].sort((a, b) => at(b.id, 2) - at(a.id, 2))[0];
    const drop = (Math.round(1000 * (at("softmax", 0) - at("softmax", 2))) / 10).toFixed(1);
    await rightAndWrong(page, {
      right: {id: "shift-winner", choose: best.name, truth: best.name},
      wrong: {id: "shift-drop", typed: "0", said: "0", truth: drop}
    });
    await page.context().close();
  });

  test("/practical/datasets.html: class counts from MNIST's shipped label file", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/datasets.html");
    expect(problems).toEqual([]);
    const labels = await shipped<number[]>(page, /\/mnist\/train-labels\.[^/]*bin$/, "bytes");
    const {classes} = await shipped<{classes: string[]}>(page, /\/mnist\/meta\.[^/]*json$/, "json");
    const counts = classes.map((_, c) => labels.filter((l) => l === c).length);
    const most = counts.indexOf(Math.max(...counts));
    const fewest = counts.indexOf(Math.min(...counts));
    await rightAndWrong(page, {
      right: {
        id: "class-share",
        typed: ((100 * counts[1]) / labels.length).toFixed(1),
        truth: `${((100 * counts[1]) / labels.length).toFixed(1)}%`
      },
      wrong: {id: "commonest-class", choose: classes[fewest], truth: classes[most]}
    });
    await page.context().close();
  });

  test("/practical/assignment.html: mistakes and standard error from the shipped summary", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/assignment.html");
    expect(problems).toEqual([]);
    type Summary = {models: {id: string; testAccuracy: number; testCount: number}[]};
    const summary = await shipped<Summary>(page, /\/mnist-models\/summary\.[^/]*json$/, "json");
    const cnn = summary.models.find((m) => m.id === "cnn")!;
    const wrong = Math.round((1 - cnn.testAccuracy) * cnn.testCount);
    const se = 100 * Math.sqrt((cnn.testAccuracy * (1 - cnn.testAccuracy)) / cnn.testCount);
    await rightAndWrong(page, {
      right: {id: "test-mistakes", typed: String(wrong), truth: n(wrong)},
      wrong: {id: "standard-error", typed: "1", said: "1", truth: se.toFixed(2)}
    });
    await page.context().close();
  });

  test("/rnn/sentiment.html: the LSTM layer's parameters from the shipped architecture; the bag of words ignores order", async () => {
    const {problems, page} = await openPage(browser, origin, "/rnn/sentiment.html");
    expect(problems).toEqual([]);
    const meta = await shipped<{lstm: {arch: {embeddingDim: number; units: number}}}>(page, /\/sentiment\/meta\.[^/]*json$/, "json");
    const {embeddingDim: d, units: u} = meta.lstm.arch;
    await rightAndWrong(page, {
      right: {id: "sentiment-parameters", typed: String(4 * u * (d + u + 1)), truth: n(4 * u * (d + u + 1))},
      // The same words in another order: the same set, so the same score.
      wrong: {id: "bag-change", choose: "higher", truth: "the same"}
    });
    await page.context().close();
  });

  test("markup typed as an answer stays text; progress survives a reload and the home page sums it up and resets it", async () => {
    const {page} = await openPage(browser, origin, "/cnn/convolution.html");
    const c = card(page, "output-size");
    await c.getByLabel("Your answer").fill('<b>4</b><img src=x onerror="window.__hacked=1">');
    await c.getByRole("button", {name: "Check"}).click();
    const feedback = c.locator(".exercise-feedback");
    await expect.poll(() => feedback.textContent()).toContain("contains markup, which is read as plain text");
    expect(await feedback.getAttribute("class")).toBe("exercise-feedback invalid");
    expect(await feedback.locator("b, img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as {__hacked?: number}).__hacked)).toBeUndefined();
    // Feedback is announced to screen readers.
    expect(await c.locator("[aria-live=polite] .exercise-feedback").count()).toBe(1);
    await c.getByLabel("Your answer").fill("4");
    await c.getByLabel("Your answer").press("Enter");
    await expect.poll(() => feedback.getAttribute("class")).toBe("exercise-feedback right");
    await page.reload();
    await expect
      .poll(() => card(page, "output-size").locator(".exercise-status").textContent())
      .toBe("You have solved this one before (1 try in all).");
    // A new question has new numbers, and its answer is still checked.
    const before = await card(page, "output-size").locator(".exercise-prompt").textContent();
    await card(page, "output-size").getByRole("button", {name: "New question"}).click();
    expect(await card(page, "output-size").locator(".exercise-prompt").textContent()).not.toBe(before);
    // The home page sums it up and resets it.
    await page.goto(`${origin}/index.html`);
    const summary = page.locator(".exercise-progress");
    await expect.poll(() => summary.locator(".exercise-progress-total").textContent()).toBe("Solved 1 of 1 exercise tried, on 1 page.");
    expect(await summary.locator("li").allTextContents()).toEqual(["Convolution playground: 1 of 1 solved"]);
    expect(await summary.locator("li a").getAttribute("href")).toBe("./cnn/convolution.html");
    await summary.getByRole("button", {name: "Reset progress"}).click();
    await expect.poll(() => summary.locator(".exercise-progress-total").textContent()).toMatch(/^No exercises answered yet\./);
    expect(await page.evaluate(() => localStorage.getItem("workbook-exercises-v1"))).toBeNull();
    await page.context().close();
  });
});
