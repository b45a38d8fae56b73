// The browser's localStorage for exercise progress, or a store in memory when the browser refuses
// it (private modes, storage switched off): exercises then work, only without memory.

import {memoryStore, type KeyValueStore} from "../lib/exercises/progress.js";

// One for the whole page, so every exercise and the summary share it.
const fallback = memoryStore();

export function browserStore(): KeyValueStore {
  return persistentStore() ?? fallback;
}

/** localStorage if it can be written, else null. */
export function persistentStore(): KeyValueStore | null {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return null;
    const probe = "workbook-storage-probe";
    storage.setItem(probe, "1");
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}
