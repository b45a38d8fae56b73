// The assignment's results table in jsdom: the shipped summary's four rows plus the reader's, the
// form refusing bad input with a message and no change, accepting a good row (kept in storage,
// shown as text), and the reset; and the chart's marks.
// @vitest-environment jsdom
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, test} from "vitest";
import {resultEntry, resultRows, resultsChart, resultsTable} from "../../../src/views/practical/assignment-results.js";
import {STORAGE_KEY} from "../../../src/lib/formats/student-result.js";
import type {ModelsSummary} from "../../../src/lib/formats/model-report.js";

const summary = JSON.parse(readFileSync(join(import.meta.dirname, "../../../models/mnist-models/summary.json"), "utf8")) as ModelsSummary;
const MINE = {name: "<b>Mine</b>", accuracy: 98.5, parameters: 12345, seconds: 60};

function fill(form: HTMLFormElement, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) (form.querySelector(`input[name="${name}"]`) as HTMLInputElement).value = value;
}

describe("rows and table", () => {
  test("the four shipped models from summary.json, then the reader's, accuracy as a fraction", () => {
    const rows = resultRows(summary, MINE);
    expect(rows.map((r) => r.name)).toEqual([...summary.models.map((m) => m.name), "<b>Mine</b>"]);
    expect(rows.slice(0, 4).map((r) => [r.accuracy, r.parameters])).toEqual(summary.models.map((m) => [m.testAccuracy, m.parameters]));
    expect(rows[4]).toMatchObject({accuracy: 0.985, parameters: 12345, seconds: 60, mine: true});
    expect(resultRows(summary, null)).toHaveLength(4);
  });

  test("the table shows the reader's name as text and highlights their row", () => {
    const table = resultsTable(resultRows(summary, MINE));
    expect(table.querySelector("b")).toBeNull();
    const last = [...table.querySelectorAll("tbody tr")].at(-1) as HTMLTableRowElement;
    expect(last.className).toBe("on");
    expect([...last.cells].map((c) => c.textContent)).toEqual(["<b>Mine</b> (yours)", "98.50%", "12,345", "60 s"]);
    const cnn = summary.models.find((m) => m.id === "cnn")!;
    expect(table.textContent).toContain(`${(100 * cnn.testAccuracy).toFixed(2)}%`);
  });

  test("the chart has a dot per shipped model and a star for the reader's", () => {
    const svg = resultsChart(resultRows(summary, MINE), {width: 500, ariaLabel: "results"}) as unknown as SVGElement;
    const dots = svg.querySelectorAll('g[aria-label="dot"]');
    expect(dots).toHaveLength(2);
    expect(dots[0].children).toHaveLength(4);
    expect(dots[1].children).toHaveLength(1);
    expect(svg.textContent).toContain("<b>Mine</b> (yours)");
  });
});

describe("the form", () => {
  function storage() {
    const map = new Map<string, string>();
    return {
      map,
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
      clear: () => map.clear(),
      key: () => null,
      length: 0
    } as Storage & {map: Map<string, string>};
  }

  test("a bad row gets a message and changes nothing; a good one is kept; reset removes it", () => {
    const store = storage();
    const form = resultEntry({storage: store});
    let events = 0;
    form.addEventListener("input", () => events++);
    const status = form.querySelector('[role="status"]') as HTMLElement;
    expect(status.getAttribute("aria-live")).toBe("polite");
    expect(form.value).toBeNull();

    fill(form, {name: "<b>Mine</b>", accuracy: "abc", parameters: "12345", seconds: "60"});
    // Typing is not a change of the saved row.
    form.querySelector("input")?.dispatchEvent(new Event("input", {bubbles: true}));
    form.requestSubmit();
    expect(status.textContent).toBe('Test accuracy: "abc" is not a number. The table keeps what it showed.');
    expect(status.className).toBe("caution");
    expect(form.value).toBeNull();
    expect(events).toBe(0);
    expect(store.map.size).toBe(0);

    fill(form, {accuracy: "98.5"});
    form.requestSubmit();
    expect(form.value).toEqual(MINE);
    expect(events).toBe(1);
    expect(JSON.parse(store.map.get(STORAGE_KEY) ?? "null")).toEqual(MINE);
    expect(status.textContent).toBe("Added <b>Mine</b> to the table; this browser keeps it for next time.");
    expect(status.querySelector("b")).toBeNull();

    // A new form (the page reloaded) starts from the kept row.
    const again = resultEntry({storage: store});
    expect(again.value).toEqual(MINE);
    expect((again.querySelector('input[name="parameters"]') as HTMLInputElement).value).toBe("12345");

    (form.querySelector('button[type="button"]') as HTMLButtonElement).click();
    expect(form.value).toBeNull();
    expect(events).toBe(2);
    expect(store.map.size).toBe(0);
    expect((form.querySelector('input[name="name"]') as HTMLInputElement).value).toBe("");
  });

  test("without storage the row is still shown, and the reader is told it will not be kept", () => {
    const form = resultEntry({storage: null});
    fill(form, {name: "A", accuracy: "97", parameters: "10", seconds: "1"});
    form.requestSubmit();
    expect(form.value).toMatchObject({name: "A", accuracy: 97});
    expect(form.querySelector('[role="status"]')?.textContent).toContain("does not let the page keep it");
  });

  test("a broken saved row is reported, not shown", () => {
    const store = storage();
    store.setItem(STORAGE_KEY, "{oops");
    const form = resultEntry({storage: store});
    expect(form.value).toBeNull();
    expect(form.querySelector('[role="status"]')?.textContent).toContain("not readable");
  });
});
