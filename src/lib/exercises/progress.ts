// What a reader has solved, kept in a key-value store (localStorage in the browser, a Map in
// tests) as one JSON record. A damaged or foreign record reads as no progress, never as a crash.

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const PROGRESS_KEY = "workbook-exercises-v1";

export interface ExerciseRecord {
  /** Checked answers, right or wrong. */
  readonly tries: number;
  /** Answered right at least once. */
  readonly solved: boolean;
}

export interface PageRecord {
  readonly title: string;
  readonly exercises: Readonly<Record<string, ExerciseRecord>>;
}

/** Page path (e.g. "cnn/convolution") → that page's record. */
export type Progress = Readonly<Record<string, PageRecord>>;

export function loadProgress(store: KeyValueStore): Progress {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store.getItem(PROGRESS_KEY) ?? "{}");
  } catch {
    return {};
  }
  if (!isObject(parsed)) return {};
  const progress: Record<string, PageRecord> = {};
  for (const [page, record] of Object.entries(parsed)) {
    if (!isObject(record) || typeof record.title !== "string" || !isObject(record.exercises)) continue;
    const exercises: Record<string, ExerciseRecord> = {};
    for (const [id, e] of Object.entries(record.exercises)) {
      if (isObject(e) && Number.isInteger(e.tries) && (e.tries as number) >= 0 && typeof e.solved === "boolean")
        exercises[id] = {tries: e.tries as number, solved: e.solved};
    }
    progress[page] = {title: record.title, exercises};
  }
  return progress;
}

/** Count one checked answer; returns the new progress (the store may refuse to keep it). */
export function recordAnswer(
  store: KeyValueStore,
  {page, title, exercise, right}: {page: string; title: string; exercise: string; right: boolean}
): Progress {
  const progress = loadProgress(store);
  const before = progress[page]?.exercises[exercise] ?? {tries: 0, solved: false};
  const next: Progress = {
    ...progress,
    [page]: {title, exercises: {...progress[page]?.exercises, [exercise]: {tries: before.tries + 1, solved: before.solved || right}}}
  };
  try {
    store.setItem(PROGRESS_KEY, JSON.stringify(next));
  } catch {
    // Storage full or forbidden: the answer still gets its feedback, it just is not kept.
  }
  return next;
}

export function resetProgress(store: KeyValueStore): void {
  try {
    store.removeItem(PROGRESS_KEY);
  } catch {
    // Nothing was kept, so nothing is lost.
  }
}

export interface PageSummary {
  readonly page: string;
  readonly title: string;
  readonly solved: number;
  readonly tried: number;
}

export interface ProgressSummary {
  readonly solved: number;
  readonly tried: number;
  readonly pages: readonly PageSummary[];
}

/** Totals and one line per page tried, pages in path order (so sections stay together). */
export function summarizeProgress(progress: Progress): ProgressSummary {
  const pages = Object.entries(progress)
    .map(([page, record]) => {
      const all = Object.values(record.exercises);
      return {page, title: record.title, solved: all.filter((e) => e.solved).length, tried: all.filter((e) => e.tries > 0).length};
    })
    .filter((p) => p.tried > 0)
    .sort((a, b) => a.page.localeCompare(b.page));
  return {solved: pages.reduce((s, p) => s + p.solved, 0), tried: pages.reduce((s, p) => s + p.tried, 0), pages};
}

/** A store in memory: for browsers that refuse localStorage, and for tests. */
export function memoryStore(): KeyValueStore & {readonly map: Map<string, string>} {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key)
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
