// A promise for the next animation frame (a macrotask where there is no requestAnimationFrame):
// long work awaited in slices lets the browser paint and answer the reader in between.
export const nextFrame = (): Promise<void> =>
  new Promise<void>((resolve) =>
    typeof requestAnimationFrame === "function" ? requestAnimationFrame(() => resolve()) : setTimeout(resolve, 0)
  );
