// The code block's Copy button in jsdom: the clipboard when the browser offers it, else the code
// selected and a message saying how to copy it.
// @vitest-environment jsdom
import {afterEach, describe, expect, test, vi} from "vitest";
import {codeCopy} from "../../src/ui/code-copy.js";

const CODE = 'print("<b>hi</b>")\n';
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("codeCopy", () => {
  afterEach(() => vi.unstubAllGlobals());

  test("shows the code as text and copies it to the clipboard", async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal("navigator", {clipboard: {writeText}});
    const figure = codeCopy(CODE, {label: "Some code"});
    document.body.append(figure);
    expect(figure.querySelector("pre code")?.textContent).toBe(CODE);
    expect(figure.querySelector("b")).toBeNull();
    figure.querySelector("button")?.click();
    await settle();
    expect(writeText).toHaveBeenCalledWith(CODE);
    expect(figure.querySelector('[role="status"]')?.textContent).toBe("Copied.");
  });

  test("without a clipboard (or refused), selects the code and says how to copy it", async () => {
    vi.stubGlobal("navigator", {clipboard: {writeText: async () => Promise.reject(new Error("NotAllowedError"))}});
    const figure = codeCopy(CODE);
    document.body.append(figure);
    figure.querySelector("button")?.click();
    await settle();
    expect(figure.querySelector('[role="status"]')?.textContent).toContain("the code is selected: press Ctrl+C");
    expect(window.getSelection()?.toString()).toBe(CODE);
  });
});
