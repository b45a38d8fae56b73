// The home page's maps of the lecture: every page in reading order with its minutes, and the
// lecture slide by slide with the pages that explore each slide.
import type {LectureEntry, LectureSection, SlideTitle} from "../lib/lecture-map.js";
import type {PageTime} from "../lib/reading-time.js";

type Minutes = Record<string, PageTime>;

const link = (entry: LectureEntry, base: string): HTMLAnchorElement => {
  const a = document.createElement("a");
  a.href = `${base}${entry.page}.html`;
  a.textContent = entry.title;
  return a;
};

const minutesText = (n: number) => `${n} min`;

/** Total minutes of a list of pages. */
export function totalMinutes(entries: readonly LectureEntry[], minutes: Minutes): number {
  return entries.reduce((sum, e) => sum + (minutes[e.page]?.minutes ?? 0), 0);
}

export function lectureMapView(map: LectureSection[], {minutes, base = "./"}: {minutes: Minutes; base?: string}): HTMLElement {
  const root = document.createElement("div");
  root.className = "grid grid-cols-3 lecture-map";
  for (const {section, entries} of map) {
    const card = document.createElement("section");
    card.className = "card";
    const heading = document.createElement("h2");
    heading.textContent = section;
    const total = document.createElement("p");
    total.className = "muted";
    total.textContent = `${entries.length} pages, about ${minutesText(totalMinutes(entries, minutes))}`;
    const list = document.createElement("ol");
    for (const entry of entries) {
      const item = document.createElement("li");
      const time = document.createElement("small");
      time.className = "minutes";
      time.textContent = minutesText(minutes[entry.page]?.minutes ?? 0);
      const summary = document.createElement("p");
      summary.textContent = entry.summary;
      item.append(link(entry, base), " ", time, summary);
      list.append(item);
    }
    card.append(heading, total, list);
    root.append(card);
  }
  return root;
}

/** One row per lecture slide, in the lecture's order, with the pages that explore it. */
export function slideTable(slides: {slide: SlideTitle; pages: LectureEntry[]}[], {base = "./"} = {}): HTMLElement {
  const wrapper = document.createElement("div");
  wrapper.className = "slide-map";
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const name of ["#", "Lecture slide", "Explored on"]) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = name;
    head.append(th);
  }
  const body = table.createTBody();
  slides.forEach(({slide, pages}, i) => {
    const row = body.insertRow();
    row.insertCell().textContent = String(i + 1);
    row.insertCell().textContent = slide;
    const cell = row.insertCell();
    pages.forEach((p, j) => cell.append(...(j ? ["; ", link(p, base)] : [link(p, base)])));
  });
  wrapper.append(table);
  return wrapper;
}
