// The home page's map of the lecture: every idea, linked where its page exists.
import type {LectureSection} from "../lib/lecture-map.js";

export function lectureMapView(map: LectureSection[], {base = "./"} = {}): HTMLElement {
  const root = document.createElement("div");
  root.className = "grid grid-cols-3 lecture-map";
  for (const {section, entries} of map) {
    const card = document.createElement("section");
    card.className = "card";
    const heading = document.createElement("h2");
    heading.textContent = section;
    const list = document.createElement("ol");
    for (const entry of entries) {
      const item = document.createElement("li");
      const title = document.createElement(entry.page ? "a" : "strong");
      title.textContent = entry.title;
      if (entry.page) (title as HTMLAnchorElement).href = `${base}${entry.page}.html`;
      const summary = document.createElement("p");
      summary.textContent = entry.summary;
      item.append(title, summary);
      if (!entry.page) {
        const soon = document.createElement("small");
        soon.className = "muted";
        soon.textContent = "page to come";
        item.append(" ", soon);
      }
      list.append(item);
    }
    card.append(heading, list);
    root.append(card);
  }
  return root;
}
