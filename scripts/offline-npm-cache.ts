// Framework's client refers to optional libraries (React, ECharts, Leaflet, …) that this site
// never loads, and resolves their versions on the npm registry at every cold build: without a
// network the build fails ("fetch failed"). Framework treats a folder name@version under
// .observablehq/cache/_npm as a resolved version, so seeding these folders lets a fresh
// clone build offline. The versions are those a networked build resolved on 2026-11-25; their
// files are never fetched, since no page imports them.
//   npx tsx scripts/offline-npm-cache.ts [root=src]
import {mkdirSync} from "node:fs";
import {join, resolve} from "node:path";

export const FRAMEWORK_CLIENT_LIBRARIES = [
  "@observablehq/plot@0.6.17",
  "@observablehq/sample-datasets@1.0.1",
  "apache-arrow@21.2.0",
  "arquero@8.0.3",
  "d3-dsv@3.0.2",
  "d3@7.9.2",
  "echarts@6.1.0",
  "htl@1.0.0",
  "leaflet@1.9.4",
  "lodash@4.18.1",
  "mapbox-gl@3.32.0",
  "parquet-wasm@0.8.0",
  "react-dom@19.3.1",
  "react@19.3.1",
  "topojson-client@3.1.0"
];

export function seedNpmVersionCache(root: string): void {
  for (const spec of FRAMEWORK_CLIENT_LIBRARIES) mkdirSync(join(root, ".observablehq", "cache", "_npm", spec), {recursive: true});
}

if (import.meta.url === `file://${process.argv[1]}`) seedNpmVersionCache(resolve(process.argv[2] ?? "src"));
