// ImageNet Large Scale Visual Recognition Challenge (ILSVRC): the classification task's top-5
// error of the winning (and a few notable) entries, as published. Every row names where the
// figure comes from; nothing here is estimated by this project.

export interface IlsvrcEntry {
  year: number;
  /** The team's entry as listed in the results. */
  team: string;
  /** The architecture the entry is known by. */
  architecture: string;
  /** A short name for the charts. */
  short: string;
  /** Top-5 classification error on the challenge's test set, in percent. */
  top5: number;
  place: "winner" | "runner-up";
  /** Weight layers of the network (deepest single network of the entry); null: not a deep network, or an ensemble of several. */
  layers: number | null;
  /** What the method or the depth figure is. */
  method: string;
  /** Where the figure is published. */
  source: string;
  note?: string;
}

const RESULTS = "ILSVRC results page";
const SURVEY = "Russakovsky et al. (2015), ImageNet Large Scale Visual Recognition Challenge, IJCV";

export const ILSVRC: IlsvrcEntry[] = [
  {
    year: 2010,
    team: "NEC-UIUC",
    architecture: "SIFT + LBP features, linear SVM",
    short: "NEC-UIUC",
    top5: 28.2,
    place: "winner",
    layers: null,
    method: "hand-designed features, coded and pooled, then linear SVMs",
    source: `${RESULTS} 2010; ${SURVEY}`
  },
  {
    year: 2011,
    team: "XRCE",
    architecture: "Fisher vectors, linear SVM",
    short: "XRCE",
    top5: 25.8,
    place: "winner",
    layers: null,
    method: "hand-designed features (Fisher vectors), then linear SVMs",
    source: `${RESULTS} 2011; ${SURVEY}`,
    note: "The lecture's “from 26%”."
  },
  {
    year: 2012,
    team: "SuperVision",
    architecture: "AlexNet",
    short: "AlexNet",
    top5: 15.3,
    place: "winner",
    layers: 8,
    method: "5 convolutional + 3 fully connected layers, ReLU, dropout, two GPUs",
    source: `Krizhevsky, Sutskever & Hinton (2012), ImageNet Classification with Deep Convolutional Neural Networks, NIPS; ${RESULTS} 2012`,
    note: "15.3% with extra pre-training on ImageNet Fall 2011, 16.4% without; the lecture's 17% is the paper's 17.0% on the ILSVRC-2010 test set. The runner-up in 2012 had 26.2%."
  },
  {
    year: 2013,
    team: "Clarifai",
    architecture: "ZFNet",
    short: "ZFNet",
    top5: 11.7,
    place: "winner",
    layers: 8,
    method: "AlexNet's layout with smaller first-layer filters and stride, tuned by visualising feature maps",
    source: `Zeiler & Fergus (2014), Visualizing and Understanding Convolutional Networks, ECCV; ${RESULTS} 2013`
  },
  {
    year: 2014,
    team: "GoogLeNet",
    architecture: "GoogLeNet (Inception v1)",
    short: "GoogLeNet",
    top5: 6.7,
    place: "winner",
    layers: 22,
    method: "inception modules: 1×1, 3×3, 5×5 convolutions and pooling side by side, 1×1 convolutions to cut depth",
    source: `Szegedy et al. (2015), Going Deeper with Convolutions, CVPR; ${RESULTS} 2014`,
    note: "6.67%: the lecture's 7%."
  },
  {
    year: 2014,
    team: "VGG",
    architecture: "VGGNet",
    short: "VGG",
    top5: 7.3,
    place: "runner-up",
    layers: 19,
    method: "only 3×3 convolutions, stacked 16 or 19 weight layers deep",
    source: `Simonyan & Zisserman (2015), Very Deep Convolutional Networks for Large-Scale Image Recognition, ICLR; ${RESULTS} 2014`,
    note: "6.8% after the challenge, in the paper."
  },
  {
    year: 2015,
    team: "MSRA",
    architecture: "ResNet",
    short: "ResNet",
    top5: 3.57,
    place: "winner",
    layers: 152,
    method: "residual blocks: identity shortcuts add each block's input to its output",
    source: `He, Zhang, Ren & Sun (2016), Deep Residual Learning for Image Recognition, CVPR; ${RESULTS} 2015`,
    note: "An ensemble; its deepest network has 152 layers."
  },
  {
    year: 2016,
    team: "Trimps-Soushen",
    architecture: "Ensemble of existing CNNs",
    short: "Trimps-Soushen",
    top5: 2.99,
    place: "winner",
    layers: null,
    method: "a combination of Inception, Inception-ResNet, ResNet and Wide ResNet models",
    source: `${RESULTS} 2016`
  },
  {
    year: 2017,
    team: "WMW",
    architecture: "SENet",
    short: "SENet",
    top5: 2.25,
    place: "winner",
    layers: 154,
    method: "squeeze-and-excitation blocks reweight each block's channels; SENet-154 is the deepest network",
    source: `Hu, Shen & Sun (2018), Squeeze-and-Excitation Networks, CVPR; ${RESULTS} 2017`,
    note: "The last ILSVRC classification challenge."
  }
];

/** One trained person's top-5 error on 1,500 test images (Andrej Karpathy), the usual "human" figure. */
export const HUMAN_TOP5 = {top5: 5.1, source: SURVEY, note: "one trained annotator (A. Karpathy) on 1,500 test images"};

/** Label of a row on the charts: year and short name. */
export function entryLabel(entry: IlsvrcEntry): string {
  return `${entry.year} ${entry.short}`;
}
