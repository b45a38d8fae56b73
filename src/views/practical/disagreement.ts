// The counts of model-disagreement.ts as a table: per other model, the test images only the
// reference got right, only it got right, and both got wrong; then the reference against all.
import type {Disagreement} from "../../lib/training/model-disagreement.js";

export function disagreementTable(d: Disagreement, {short = d.reference.name}: {short?: string} = {}): HTMLDivElement {
  const box = document.createElement("div");
  box.style.overflowX = "auto";
  const table = box.appendChild(document.createElement("table"));
  table.className = "disagreement-table";
  table.style.margin = "0";
  const caption = table.createCaption();
  caption.style.textAlign = "left";
  caption.textContent = `${d.reference.name} (${d.reference.wrong.toLocaleString("en")} mistakes) against the other models, on the same ${d.count.toLocaleString("en")} test images`;
  const head = table.createTHead().insertRow();
  for (const label of ["Compared with", `${short} right, it wrong`, `It right, ${short} wrong`, "Both wrong", "Its mistakes"]) {
    const th = head.appendChild(document.createElement("th"));
    th.scope = "col";
    th.textContent = label;
    if (label !== "Compared with") th.style.textAlign = "right";
  }
  const body = table.createTBody();
  const row = (name: string, values: number[], id: string) => {
    const tr = body.insertRow();
    tr.dataset.model = id;
    const th = tr.appendChild(document.createElement("th"));
    th.scope = "row";
    th.textContent = name;
    for (const v of values) {
      const td = tr.insertCell();
      td.style.textAlign = "right";
      td.textContent = v.toLocaleString("en");
    }
  };
  for (const p of d.pairs)
    row(p.name, [p.referenceRight.length, p.referenceWrong.length, p.bothWrong.length, p.referenceRight.length + p.bothWrong.length], p.id);
  // Against all of them at once: right where every other is wrong, wrong where every other is right.
  row(`All ${d.pairs.length} others at once*`, [d.onlyReferenceRight.length, d.onlyReferenceWrong.length, d.allWrong.length], "all");
  Object.assign(body.rows[body.rows.length - 1].insertCell(), {textContent: "–"}).style.textAlign = "right";
  const foot = table.createTFoot().insertRow().insertCell();
  foot.colSpan = 5;
  foot.style.fontSize = "smaller";
  foot.textContent = `* ${short} right and every other model wrong; ${short} wrong and every other model right; all ${d.pairs.length + 1} models wrong.`;
  return box;
}
