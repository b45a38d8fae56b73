// The model comparison page reads the committed models (models/mnist-models/, …, as readers get
// them) and shows them per dataset: the table and curves, a confusion matrix per model,
// per-class accuracy, galleries of mistakes, and where the CNN alone is right or wrong.
import {afterAll, beforeAll, describe, expect, inject, test} from "vitest";
import type {Browser, Page} from "playwright-core";
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {launch, openPage, ROOT, waitForSettled, fetchedFile} from "../site.js";

const origin = inject("siteOrigin");

describe.runIf(origin)("practical/models", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch(inject("browserPath"));
  });
  afterAll(async () => browser?.close());

  test("shows four models per dataset with their curves and the committed models' accuracy", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/models.html");
    expect(problems).toEqual([]);
    // The comparison table (the page's other table compares the CNN with each model).
    const rows = () =>
      page.$$eval("table:not(.disagreement-table) tbody tr", (trs) => trs.map((tr) => tr.querySelector("th")?.textContent));
    expect(await rows()).toEqual(["Softmax regression", "Multilayer perceptron", "k-nearest neighbours", "Convolutional network"]);
    const text = async () => (await page.textContent("body")) ?? "";
    expect(await text()).not.toContain("WORKBOOK_QUICK=1");
    expect(await page.locator("table:not(.disagreement-table) caption").textContent()).toBe("MNIST: 4 models, 10,000 test images");
    expect(await text()).toContain("How: trained on all 60,000 training images; tested on all 10,000 test images");
    const cnn = JSON.parse(readFileSync(join(ROOT, "models/mnist-models/cnn/metrics.json"), "utf8")) as {test: {accuracy: number}};
    expect(
      await page.locator("table:not(.disagreement-table) tbody tr", {hasText: "Convolutional network"}).locator("td").first().textContent()
    ).toContain((100 * cnn.test.accuracy).toFixed(2));
    // Accuracy cells are percentages well above chance.
    const accuracies = await page.$$eval("table:not(.disagreement-table) tbody tr td:first-of-type", (tds) =>
      tds.map((td) => Number.parseFloat(td.textContent ?? ""))
    );
    for (const a of accuracies) expect(a).toBeGreaterThan(50);
    expect(await page.locator('svg[aria-label^="MNIST: accuracy per epoch"]').count()).toBe(1);
    // The shift test: a solid and a dashed line per model, a dot per model, shift (0–6) and kind.
    const shift = page.locator('svg[aria-label^="MNIST shift test"]');
    expect(await shift.count()).toBe(1);
    expect(await shift.locator('g[aria-label="line"] path').count()).toBe(8);
    expect(await shift.locator('g[aria-label="dot"] > *').count()).toBe(4 * 7 * 2);
    const softmax = JSON.parse(readFileSync(join(ROOT, "models/mnist-models/softmax/metrics.json"), "utf8")) as {test: {accuracy: number}};
    expect(await text()).toContain(`softmax regression falls from ${(100 * softmax.test.accuracy).toFixed(1)}%`);

    await page.getByLabel("Fashion-MNIST (clothes)").check();
    // The caption changes once the Fashion-MNIST files have been fetched and parsed.
    await page.locator("table:not(.disagreement-table) caption", {hasText: "Fashion-MNIST"}).waitFor({timeout: 60_000});
    await waitForSettled(page);
    await page.getByLabel("Loss").check();
    await waitForSettled(page);
    expect(await page.locator('svg[aria-label^="Fashion-MNIST: loss per epoch"]').count()).toBe(1);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });

  test("confusion matrices, a gallery of mistakes and the CNN against the others agree with the table", async () => {
    const {problems, page} = await openPage(browser, origin, "/practical/models.html");
    expect(problems).toEqual([]);

    // Mistakes per model from the comparison table's accuracies (to 0.01% of 10,000 images: exact).
    const tableMistakes = async () =>
      Object.fromEntries(
        await page.$$eval("table:not(.disagreement-table) tbody tr", (trs) =>
          trs.map((tr) => [
            tr.querySelector("th")?.textContent ?? "",
            Math.round(10_000 - 100 * Number.parseFloat(tr.querySelector("td")?.textContent ?? ""))
          ])
        )
      ) as Record<string, number>;
    const mnistMistakes = await tableMistakes();
    expect(Object.keys(mnistMistakes)).toHaveLength(4);

    await checkMatrices(page, "MNIST", mnistMistakes);

    // The galleries' images (the test images some model got wrong) are not part of the first view: fetched on request.
    expect(await fetchedFile(page, "mnist-mistakes/images")).toBe(false);
    expect(await page.locator('ul[aria-label="Mistakes of the Convolutional network"]').count()).toBe(0);
    await page.getByRole("button", {name: "Show the test images"}).click();
    await page.getByText(/^MNIST test images: [\d.]+ MB loaded\.$/).waitFor({timeout: 60_000});
    expect(await fetchedFile(page, "mnist-mistakes/images")).toBe(true);
    expect(await page.getByRole("button", {name: "Show the test images"}).isDisabled()).toBe(true);

    // The gallery of the CNN's mistakes: images with true and predicted labels and a confidence.
    const cnnGallery = page.locator('ul[aria-label="Mistakes of the Convolutional network"] li');
    // The status says "loaded" before the gallery's cell has run on the images.
    await cnnGallery.first().waitFor({timeout: 60_000});
    expect(await cnnGallery.count()).toBe(Math.min(40, mnistMistakes["Convolutional network"]));
    expect(await cnnGallery.first().textContent()).toMatch(/^true \dsaid \d, >?[\d.]+%$/);
    expect(await cnnGallery.first().locator("canvas").getAttribute("aria-label")).toMatch(
      /^Test image \d+: a \d; Convolutional network said \d with >?[\d.]+% confidence$/
    );
    await expect
      .poll(() => page.locator("h2", {hasText: "Test images the convolutional network got wrong: "}).textContent())
      .toContain(`: ${mnistMistakes["Convolutional network"].toLocaleString("en")}`);
    // Filtered by true class, every image shown is of that class; more appear on request.
    await page.getByLabel("True class", {exact: true}).selectOption({label: "4"});
    await page.locator("h2", {hasText: "got wrong of class 4"}).waitFor();
    const fours = await cnnGallery.evaluateAll((lis) => lis.map((li) => li.querySelector("span span")?.textContent));
    expect(fours.length).toBeGreaterThan(0);
    expect(new Set(fours)).toEqual(new Set(["true 4"]));
    await page.getByLabel("True class", {exact: true}).selectOption({label: "any"});
    await page.locator("h2", {hasText: /got wrong: [\d,]+/}).waitFor();
    await page.getByRole("button", {name: "Show 40 more"}).first().click();
    expect(await cnnGallery.count()).toBe(Math.min(80, mnistMistakes["Convolutional network"]));

    // The CNN against each other model: counts add up to both models' mistakes.
    const disagreementRows = async () =>
      page.$$eval("table.disagreement-table tbody tr", (trs) =>
        trs.map((tr) => ({
          id: (tr as HTMLElement).dataset.model,
          name: tr.querySelector("th")?.textContent ?? "",
          values: [...tr.querySelectorAll("td")].map((td) => Number((td.textContent ?? "").replaceAll(",", "")))
        }))
      );
    const rows = await disagreementRows();
    expect(rows.map((r) => r.id)).toEqual(["softmax", "mlp", "knn", "all"]);
    for (const {name, values} of rows.slice(0, 3)) {
      const [cnnRight, cnnWrong, both, theirs] = values;
      expect(theirs, name).toBe(mnistMistakes[name]);
      expect(cnnRight + both, name).toBe(mnistMistakes[name]);
      expect(cnnWrong + both, name).toBe(mnistMistakes["Convolutional network"]);
    }
    // The galleries of both sets show as many images as the table counts.
    const [alone, beaten] = rows[3].values;
    await checkSetGallery(page, `CNN right, every other model wrong: ${alone.toLocaleString("en")}`, alone);
    await checkSetGallery(page, `CNN wrong, every other model right: ${beaten.toLocaleString("en")}`, beaten);
    await page.getByLabel("Compare the CNN with").selectOption({label: "k-nearest neighbours"});
    const knn = rows[2].values;
    await page.locator("h2", {hasText: `CNN right, the k-nearest neighbours wrong: ${knn[0].toLocaleString("en")}`}).waitFor();
    await checkSetGallery(page, `CNN wrong, the k-nearest neighbours right: ${knn[1].toLocaleString("en")}`, knn[1]);

    // Clicking the CNN's commonest mistake in its matrix shows exactly those images.
    const cnnMatrix = page.locator('svg[aria-label="MNIST: confusion matrix of the Convolutional network, true class by predicted class"]');
    await cnnMatrix.scrollIntoViewIfNeeded();
    // The largest count off the diagonal (bold marks the diagonal), and where it is drawn.
    const target = await cnnMatrix.evaluate((svg) => {
      const texts = [...svg.querySelectorAll('g[aria-label="text"]:not([font-weight="bold"]) text')];
      const top = texts.reduce((a, b) => (Number(b.textContent) > Number(a.textContent) ? b : a));
      const r = top.getBoundingClientRect();
      return {count: Number(top.textContent), x: r.x + r.width / 2, y: r.y + r.height / 2};
    });
    await page.mouse.move(target.x - 2, target.y);
    await page.mouse.click(target.x, target.y);
    const heading = page.locator("h2", {hasText: new RegExp(`got wrong of class \\d taken for \\d: ${target.count}\\b`)});
    await heading.waitFor();
    const [, trueClass, predicted] = (await heading.textContent())!.match(/of class (\d) taken for (\d)/)!;
    const shown = await cnnGallery.evaluateAll((lis) => lis.map((li) => [...li.querySelectorAll("span span")].map((s) => s.textContent)));
    expect(shown.length).toBe(Math.min(40, target.count));
    for (const [t, said] of shown) {
      expect(t).toBe(`true ${trueClass}`);
      expect(said).toMatch(new RegExp(`^said ${predicted}, `));
    }

    // Fashion-MNIST: its own matrices, and class names in the captions.
    await page.getByLabel("Fashion-MNIST (clothes)").check();
    await page.locator('svg[aria-label^="Fashion-MNIST: confusion matrix"]').first().waitFor({timeout: 60_000});
    await waitForSettled(page);
    const fashionMistakes = await tableMistakes();
    await checkMatrices(page, "Fashion-MNIST", fashionMistakes);
    expect(await cnnGallery.first().textContent()).toMatch(/^true [A-Z][\w/ -]+said [A-Z][\w/ -]+, >?[\d.]+%$/);
    // Its gallery drew from the test images some model got wrong, never the whole test set.
    expect(await fetchedFile(page, "fashion-mistakes/images")).toBe(true);
    expect(await fetchedFile(page, "test-images")).toBe(false);
    await expect.poll(() => page.getByText(/only the [\d,]+ test images some model got wrong are fetched/).count()).toBe(1);
    expect(await page.$$eval(".observablehq--error", (n) => n.length)).toBe(0);
    await page.context().close();
  });
});

/** Four confusion matrices whose non-empty cells hold the model's counts: all 10,000 images, diagonal = right. */
async function checkMatrices(page: Page, dataset: string, mistakes: Record<string, number>) {
  const matrices = page.locator(`svg[aria-label^="${dataset}: confusion matrix"]`);
  expect(await matrices.count()).toBe(4);
  const sums = await matrices.evaluateAll((svgs) =>
    svgs.map((svg) => {
      // Counts are the text marks; bold ones are the diagonal.
      const texts = [...svg.querySelectorAll('g[aria-label="text"]')];
      const all = texts.flatMap((g) => [...g.querySelectorAll("text")].map((t) => Number(t.textContent)));
      const bold = texts
        .filter((g) => g.getAttribute("font-weight") === "bold")
        .flatMap((g) => [...g.querySelectorAll("text")].map((t) => Number(t.textContent)));
      return {label: svg.getAttribute("aria-label") ?? "", total: all.reduce((a, b) => a + b, 0), right: bold.reduce((a, b) => a + b, 0)};
    })
  );
  for (const {label, total, right} of sums) {
    expect(total, label).toBe(10_000);
    const model = Object.keys(mistakes).find((name) => label.includes(`of the ${name},`));
    expect(model, label).toBeDefined();
    expect(10_000 - right, label).toBe(mistakes[model!]);
  }
}

/** The gallery under the heading `heading` shows min(20, count) images, each with its true class. */
async function checkSetGallery(page: Page, heading: string, count: number) {
  const card = page.locator(".card", {has: page.locator("h2", {hasText: heading})});
  await card.waitFor();
  const items = card.locator("li");
  expect(await items.count(), heading).toBe(Math.min(20, count));
  if (count) expect(await items.first().textContent(), heading).toMatch(/^true /);
}
