// The lecture, section by section, and the page that explores each idea. One list feeds both
// the sidebar (observablehq.config.ts) and the home page (a test checks every page named here
// exists and every page is named here). Sections and pages are in reading order: the practical
// follows the CNN pages it needs; the RNN pages follow the lecture's slides.

/**
 * The lecture's content slides in the order it shows them (LECTURE.md). The title, overview and
 * logistics slides have no page; the closing CNN slide, which cites work on localisation and
 * segmentation (Oquab et al., Shelhamer et al.) under no title of its own, is named here.
 */
export const LECTURE_SLIDES = [
  "From Visual Cortex",
  "From Visual Cortex to CNNs",
  "Convolutional Layers: receptive fields",
  "Convolutional Layers: stride and zero padding",
  "Filters",
  "Stacking Multiple Feature Maps",
  "Depthwise Convolution",
  "Pooling Layers",
  "Types of Pooling",
  "Assemble a CNN",
  "Recap: Learning Representations & Features",
  "ImageNet Large Scale Visual Recognition Challenge",
  "LeNet-5",
  "AlexNet",
  "GoogleNet",
  "Residual Network (ResNet)",
  "Localisation and segmentation",
  "Predicting the Future",
  "Sequence Generation with RNNs",
  "RNNs in a Nutshell",
  "Unrolling the Network through Time",
  "Mathematical Definition",
  "Memory Cells",
  "Sequence-to-Sequence",
  "Sequence-to-Vector",
  "Vector-to-Sequence",
  "Delayed Sequence-to-Sequence",
  "Deep RNN",
  "Problems with RNNs",
  "Did a Human or a Computer Write This?",
  "Long Term Dependencies Problem",
  "Solution: Long Short-Term Memory (LSTM) cells",
  "Long Short-Term Memory (LSTM) Networks",
  "Forget Gate Layer",
  "Input Gate Layer",
  "Update to the Old Cell",
  "Output Gate",
  "Peephole Connections",
  "Gated Recurrent Unit (GRU)",
  "Practical 5: learning objectives"
] as const;

export type SlideTitle = (typeof LECTURE_SLIDES)[number];

export interface LectureEntry {
  title: string;
  /** What the reader can do on the page. */
  summary: string;
  /** Path of the page under src/, without ".md". */
  page: string;
  /** The lecture slides the page explores. */
  slides: readonly SlideTitle[];
}

export interface LectureSection {
  section: string;
  entries: LectureEntry[];
}

export const lectureMap: LectureSection[] = [
  {
    section: "Convolutional networks",
    entries: [
      {
        title: "Why convolution: receptive fields",
        summary:
          "Count the connections of a fully connected layer against a convolutional one; watch receptive fields grow through a stack.",
        page: "cnn/receptive-fields",
        slides: ["From Visual Cortex", "From Visual Cortex to CNNs", "Convolutional Layers: receptive fields"]
      },
      {
        title: "Convolution playground",
        summary: "Edit an image and a kernel, change stride and zero padding, and step through the arithmetic of every output cell.",
        page: "cnn/convolution",
        slides: ["Convolutional Layers: stride and zero padding", "Filters"]
      },
      {
        title: "Filters and feature maps",
        summary: "Run several filters over digits, clothes and photographs; stack the feature maps; convolve the RGB channels.",
        page: "cnn/feature-maps",
        slides: ["Filters", "Stacking Multiple Feature Maps"]
      },
      {
        title: "Depthwise separable convolution",
        summary: "One filter per channel, then 1×1: compare parameters, multiplications and outputs with a standard convolution.",
        page: "cnn/depthwise",
        slides: ["Depthwise Convolution"]
      },
      {
        title: "Pooling",
        summary: "Max, average and depth-wise pooling, and how much a shifted image changes before and after pooling.",
        page: "cnn/pooling",
        slides: ["Pooling Layers", "Types of Pooling"]
      },
      {
        title: "Assemble a CNN",
        summary: "LeNet-5 layer by layer: shapes getting smaller and deeper, parameters per layer, the softmax output on a real digit.",
        page: "cnn/assemble",
        slides: ["Assemble a CNN", "Recap: Learning Representations & Features", "LeNet-5"]
      },
      {
        title: "From LeNet-5 to ResNet",
        summary:
          "ImageNet top-5 error and depth by year, and a residual block against a plain 20-layer network trained on MNIST: gradient size layer by layer, and the loss.",
        page: "cnn/architectures",
        slides: ["ImageNet Large Scale Visual Recognition Challenge", "LeNet-5", "AlexNet", "GoogleNet", "Residual Network (ResNet)"]
      }
    ]
  },
  {
    section: "Practical",
    entries: [
      {
        title: "The datasets: MNIST and Fashion-MNIST",
        summary: "Samples of every class, class counts, mean images and pixel intensities.",
        page: "practical/datasets",
        slides: ["Practical 5: learning objectives"]
      },
      {
        title: "A first model in your browser",
        summary: "Train softmax regression on real digits with tfjs, right here, and see what it learned.",
        page: "practical/first-model",
        slides: ["Practical 5: learning objectives"]
      },
      {
        title: "A CNN for MNIST, compared",
        summary:
          "A CNN against softmax regression, an MLP and k-nearest neighbours: confusion matrices, per-class accuracy, the images each gets wrong, and where the CNN alone is right or wrong.",
        page: "practical/models",
        slides: ["Practical 5: learning objectives"]
      },
      {
        title: "Train it yourself",
        summary:
          "Choose filters, kernel, pooling, dense units, dropout and training settings; train a CNN in your browser, watch its curves and first-layer filters, and compare it with the build-time models.",
        page: "practical/train",
        slides: ["Practical 5: learning objectives"]
      },
      {
        title: "Draw a digit",
        summary:
          "Draw on the sketchpad: the trained CNN's probabilities and the feature maps of every layer, for your drawing or any test image.",
        page: "practical/draw",
        slides: ["Practical 5: learning objectives"]
      },
      {
        title: "Where the network looks",
        summary: "Saliency and class-activation maps over drawn and test images for the predicted class.",
        page: "practical/saliency",
        slides: ["Practical 5: learning objectives"]
      },
      {
        title: "Localisation for free",
        summary:
          "The CNN's dense layers as convolutions, slid over a row of digits you draw: a class map per window, boxes where a class is confident, and the cost of one pass against a sliding window.",
        page: "practical/localisation",
        slides: ["Localisation and segmentation"]
      },
      {
        title: "The assignment",
        summary: "The practical's task, the site's CNN as Keras code, your results beside the four models, and ticking-session questions.",
        page: "practical/assignment",
        slides: ["Practical 5: learning objectives"]
      }
    ]
  },
  {
    section: "Recurrent networks",
    entries: [
      {
        title: "RNNs in a nutshell: unrolling",
        summary: "A recurrent neuron unrolled through time, with every hidden state on the drawing and the equations beside it.",
        page: "rnn/nutshell",
        slides: ["RNNs in a Nutshell", "Unrolling the Network through Time", "Mathematical Definition"]
      },
      {
        title: "Sequence shapes",
        summary:
          "The lecture's four shapes side by side, sequence to sequence, sequence to vector, vector to sequence and delayed sequence to sequence, each with the site's trained model for it and its real input and output tensors.",
        page: "rnn/sequence-shapes",
        slides: ["Sequence-to-Sequence", "Sequence-to-Vector", "Vector-to-Sequence", "Delayed Sequence-to-Sequence"]
      },
      {
        title: "Sequence to sequence: forecasting",
        summary:
          "A small RNN forecasts the S&P 500 and Seattle's temperature from the last N days, beside the naive forecast and a linear autoregression, on held-out years.",
        page: "rnn/forecasting",
        slides: ["Predicting the Future", "Sequence-to-Sequence"]
      },
      {
        title: "Hidden-state trajectories",
        summary:
          "Follow a trained forecasting network's hidden state through a real time series: its path in two dimensions and every unit, day by day; for text, see the next page.",
        page: "rnn/trajectories",
        slides: ["Memory Cells"]
      },
      {
        title: "Sequence to vector: sentiment",
        summary:
          "An LSTM trained on real IMDB reviews scores the review you type from 0 (hate) to 1 (love), word by word, beside a bag-of-words baseline; which wins on the test reviews.",
        page: "rnn/sentiment",
        slides: ["Sequence-to-Vector"]
      },
      {
        title: "Hidden-state trajectories: text",
        summary:
          "The sentiment LSTM's state after every word of a review you pick or type: its path in two dimensions, labelled word by word, and every unit.",
        page: "rnn/text-trajectories",
        slides: ["Memory Cells"]
      },
      {
        title: "Vector to sequence: naming a digit",
        summary:
          "A CNN turns an MNIST test digit into one vector and a recurrent decoder spells its name letter by letter; every step's probabilities drawn, accuracy on 10,000 test images.",
        page: "rnn/vector-to-sequence",
        slides: ["Vector-to-Sequence"]
      },
      {
        title: "Encoder–decoder: spelling to sound",
        summary:
          "Type a word: an encoder reads all its letters, then a decoder writes its pronunciation phoneme by phoneme; the message vector, the timeline, and the error rate on held-out dictionary words.",
        page: "rnn/encoder-decoder",
        slides: ["Delayed Sequence-to-Sequence"]
      },
      {
        title: "Deep RNNs",
        summary: "Stacked recurrent layers: accuracy and training time by depth, and every layer's states side by side for one review.",
        page: "rnn/deep",
        slides: ["Deep RNN"]
      },
      {
        title: "Character-level generation",
        summary:
          "A character LSTM trained on Moby Dick or State of the Union speeches writes text at the temperature you choose; watch it learn epoch by epoch, and train it further in the page.",
        page: "rnn/char-generation",
        slides: ["Sequence Generation with RNNs"]
      },
      {
        title: "Human or computer?",
        summary:
          "Real held-out passages mixed with passages our character model wrote: guess which is which, then see your score and the model's own surprise.",
        page: "rnn/human-or-computer",
        slides: ["Did a Human or a Computer Write This?"]
      },
      {
        title: "Vanishing gradients",
        summary:
          "Measure how gradients shrink or explode through time, and how SimpleRNN, LSTM and GRU cope when the answer lies up to 200 steps back.",
        page: "rnn/vanishing-gradients",
        slides: ["Problems with RNNs", "Long Term Dependencies Problem"]
      },
      {
        title: "The LSTM cell, live",
        summary:
          "The conveyor belt and its forget, input and output gates, with every value on the drawing, sliders for inputs and weights, and a few steps unrolled.",
        page: "rnn/lstm-cell",
        slides: [
          "Solution: Long Short-Term Memory (LSTM) cells",
          "Long Short-Term Memory (LSTM) Networks",
          "Forget Gate Layer",
          "Input Gate Layer",
          "Update to the Old Cell",
          "Output Gate"
        ]
      },
      {
        title: "Gate activations on real text",
        summary:
          "Forget, input and output gates and the cell state of the character model over a passage, and a search for units that track something readable.",
        page: "rnn/lstm-gates",
        slides: ["Forget Gate Layer", "Input Gate Layer", "Output Gate"]
      },
      {
        title: "Peephole connections",
        summary: "Gates that look at the cell state: a peephole LSTM layer against the standard one on a timing task.",
        page: "rnn/peepholes",
        slides: ["Peephole Connections"]
      },
      {
        title: "GRU",
        summary:
          "Update and reset gates and a single state vector, every value on the drawing; the trained GRU's gates on the same passages; SimpleRNN, LSTM and GRU compared.",
        page: "rnn/gru",
        slides: ["Gated Recurrent Unit (GRU)"]
      }
    ]
  }
];

/** The sidebar: sections with their pages, in reading order. */
export function sidebarPages(map: LectureSection[] = lectureMap): {name: string; open: boolean; pages: {name: string; path: string}[]}[] {
  return map.map(({section, entries}) => ({
    name: section,
    open: true,
    pages: entries.map((e) => ({name: e.title, path: `/${e.page}`}))
  }));
}

/** Every page in reading order, with its section. */
export function readingOrder(map: LectureSection[] = lectureMap): (LectureEntry & {section: string})[] {
  return map.flatMap(({section, entries}) => entries.map((e) => ({...e, section})));
}

/** The lecture slide by slide, in the lecture's order, with the pages (in reading order) that explore each. */
export function slideMap(map: LectureSection[] = lectureMap): {slide: SlideTitle; pages: LectureEntry[]}[] {
  const pages = readingOrder(map);
  return LECTURE_SLIDES.map((slide) => ({slide, pages: pages.filter((p) => p.slides.includes(slide))}));
}
