// The credit line every photograph needs (title, package, licence), as a paragraph with a link.
import type {PhotoMeta} from "../../lib/formats/photo-files.js";

/** "Boats in River, Nagasaki: Image of Felice Beato's … (public domain: PDDL-1.0 AND CC0-1.0), via …" with a link to the source. */
export function photoCredit(meta: PhotoMeta): HTMLElement {
  const p = document.createElement("p");
  p.className = "photo-credit";
  p.style.fontSize = "0.85em";
  p.style.color = "var(--theme-foreground-muted)";
  const link = document.createElement("a");
  link.href = meta.source.web;
  link.textContent = meta.source.name;
  p.append(
    `${meta.title}. ${meta.description} Licence ${meta.license}; source: `,
    link,
    `; from the npm package ${meta.package} ${meta.version}. Shrunk from ${meta.original.width}×${meta.original.height} to ${meta.width}×${meta.height} pixels by area averaging.`
  );
  return p;
}
