// The small grids the CNN pages start from: the lecture's worked examples and the classic
// hand-made 3×3 kernels. Rows of plain numbers, so a page can put them into editable grids.

export interface NamedGrid {
  readonly name: string;
  readonly rows: readonly (readonly number[])[];
}

/** The lecture's 6×6 image: three columns of 5, three of 0 (a vertical edge down the middle). */
export const LECTURE_IMAGE: NamedGrid = {
  name: "Lecture: 6×6 of 5s and 0s",
  rows: Array.from({length: 6}, () => [5, 5, 5, 0, 0, 0])
};

/** The lecture's "single depth slice" for max pooling (2×2, stride 2 gives 6 8 / 3 4). */
export const LECTURE_POOL_SLICE: NamedGrid = {
  name: "Lecture: 4×4 depth slice",
  rows: [
    [1, 1, 2, 4],
    [5, 6, 7, 8],
    [3, 2, 1, 0],
    [1, 2, 3, 4]
  ]
};

const VERTICAL = [1, 0, -1];

/** The playground's kernel presets; the first is the lecture's. Blur is Gaussian so its weights are exact decimals. */
export const KERNEL_PRESETS: readonly NamedGrid[] = [
  {name: "Vertical edge (lecture)", rows: [VERTICAL, VERTICAL, VERTICAL]},
  {
    name: "Horizontal edge",
    rows: [
      [1, 1, 1],
      [0, 0, 0],
      [-1, -1, -1]
    ]
  },
  {
    name: "Blur",
    rows: [
      [0.0625, 0.125, 0.0625],
      [0.125, 0.25, 0.125],
      [0.0625, 0.125, 0.0625]
    ]
  },
  {
    name: "Sharpen",
    rows: [
      [0, -1, 0],
      [-1, 5, -1],
      [0, -1, 0]
    ]
  },
  {
    name: "Identity",
    rows: [
      [0, 0, 0],
      [0, 1, 0],
      [0, 0, 0]
    ]
  }
];

/** Edges along the two diagonals, to make up a bank of 3×3 kernels with the presets. */
export const DIAGONAL_KERNELS: readonly NamedGrid[] = [
  {
    name: "Diagonal edge ↘",
    rows: [
      [0, 1, 1],
      [-1, 0, 1],
      [-1, -1, 0]
    ]
  },
  {
    name: "Diagonal edge ↗",
    rows: [
      [1, 1, 0],
      [1, 0, -1],
      [0, -1, -1]
    ]
  }
];

/**
 * Four edge orientations, each followed by its negative: consecutive pairs are the same edge with
 * opposite polarity, so depth-wise pooling over 2 channels forgets polarity and over 8 forgets
 * orientation too.
 */
export const EDGE_COMPASS: readonly NamedGrid[] = [KERNEL_PRESETS[0], KERNEL_PRESETS[1], ...DIAGONAL_KERNELS].flatMap((k) => {
  const name = k.name.replace(" (lecture)", "");
  return [
    {name, rows: k.rows},
    {name: `${name}, reversed`, rows: k.rows.map((row) => row.map((v) => (v === 0 ? 0 : -v)))}
  ];
});
