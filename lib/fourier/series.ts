/**
 * Truncated multi-dimensional Fourier series of a 2π-periodic function of N inputs, by grid sampling + DFT.
 *
 * Convention (Schuld, Sweke & Meyer 2021; the paper's appendix A.2; the formula in PennyLane's docs):
 *
 *   f(x) = Σ_{ω ∈ {-d..d}^N} c_ω e^{-i ω·x},   hence   c_ω = (1/K^N) Σ_k f(x_k) e^{+i ω·x_k},
 *
 * with K = 2d + 1 equidistant samples per input, x_k = 2π k / K for k = 0..K-1. The sum is exact when f has no
 * frequency above d in any input (no aliasing); higher frequencies fold onto ω mod K.
 *
 * Layout: a series stores K^N coefficients row-major over (ω_1, ..., ω_N), each ω_i running -d..d, so index
 * Σ_i (ω_i + d) K^(N-1-i): the first input is the most significant, (-d,..,-d) comes first, (d,..,d) last.
 * Grid samples use the same layout with k_i in place of ω_i + d.
 *
 * Note on PennyLane: `qml.fourier.coefficients` returns `fftn(samples) / K^N` in numpy's FFT order (0..d, -d..-1).
 * numpy's forward FFT carries e^{-2πi mk/K}, so its entry at index ω is the coefficient of e^{+iω·x}, i.e. our
 * c_{-ω} (= conj(c_ω) for real f). We follow the e^{-iω·x} formula as written, not numpy's array order.
 */

export interface FourierSeries {
  nInputs: number;
  degree: number;
  /** Real and imaginary parts of c_ω in the layout above (length (2d+1)^N). */
  re: Float64Array;
  im: Float64Array;
}

export class FourierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FourierError";
  }
}

/** Largest grid (K^N points) any function here accepts: 2^20 samples. */
export const MAX_GRID_POINTS = 1 << 20;

/** Number of grid points / coefficients, (2d+1)^N; throws a FourierError for bad sizes. */
export function gridSize(nInputs: number, degree: number): number {
  if (!Number.isInteger(nInputs) || nInputs < 1) throw new FourierError(`the number of inputs must be a positive integer, got ${nInputs}`);
  if (!Number.isInteger(degree) || degree < 0) throw new FourierError(`the degree must be a non-negative integer, got ${degree}`);
  const size = (2 * degree + 1) ** nInputs;
  if (size > MAX_GRID_POINTS) {
    throw new FourierError(`(2*${degree}+1)^${nInputs} = ${size} grid points exceed the limit of ${MAX_GRID_POINTS}`);
  }
  return size;
}

/** Every frequency vector in layout order: (-d,..,-d), (-d,..,-d+1), ..., (d,..,d). */
export function frequencyVectors(nInputs: number, degree: number): number[][] {
  const size = gridSize(nInputs, degree), k = 2 * degree + 1;
  return Array.from({ length: size }, (_, index) => {
    const freq = new Array<number>(nInputs);
    for (let i = nInputs - 1, rest = index; i >= 0; i--, rest = Math.floor(rest / k)) freq[i] = (rest % k) - degree;
    return freq;
  });
}

/** Position of frequency vector `freq` in a series of the given degree. */
export function frequencyIndex(freq: ArrayLike<number>, degree: number): number {
  let index = 0;
  for (let i = 0; i < freq.length; i++) {
    if (!Number.isInteger(freq[i]) || Math.abs(freq[i]) > degree) throw new FourierError(`frequency ${freq[i]} is outside -${degree}..${degree}`);
    index = index * (2 * degree + 1) + freq[i] + degree;
  }
  return index;
}

/** The coefficient c_freq. */
export function coefficient(series: FourierSeries, freq: ArrayLike<number>): { re: number; im: number } {
  if (freq.length !== series.nInputs) throw new FourierError(`frequency vector has ${freq.length} entries, the series ${series.nInputs}`);
  const i = frequencyIndex(freq, series.degree);
  return { re: series.re[i], im: series.im[i] };
}

/** The sample points x_k = 2πk/K, flattened point-major (K^N × N), in layout order. */
export function gridPoints(nInputs: number, degree: number): Float64Array {
  const size = gridSize(nInputs, degree), k = 2 * degree + 1;
  const points = new Float64Array(size * nInputs);
  for (let p = 0; p < size; p++) {
    for (let i = nInputs - 1, rest = p; i >= 0; i--, rest = Math.floor(rest / k)) points[p * nInputs + i] = (2 * Math.PI * (rest % k)) / k;
  }
  return points;
}

/**
 * Twiddles e^{+i ω 2π k / K} for ω = -d..d (rows) and k = 0..K-1 (columns). Negative frequencies are the exact
 * conjugates of positive ones, so a real f yields c_{-ω} = conj(c_ω) bit for bit.
 */
function twiddles(degree: number): { cos: Float64Array; sin: Float64Array } {
  const k = 2 * degree + 1;
  const cos = new Float64Array(k * k), sin = new Float64Array(k * k);
  for (let w = 0; w <= degree; w++) {
    for (let j = 0; j < k; j++) {
      const angle = (2 * Math.PI * ((w * j) % k)) / k;
      const c = w === 0 ? 1 : Math.cos(angle), s = w === 0 ? 0 : Math.sin(angle);
      cos[(degree + w) * k + j] = c; sin[(degree + w) * k + j] = s;
      cos[(degree - w) * k + j] = c; sin[(degree - w) * k + j] = -s;
    }
  }
  return { cos, sin };
}

/**
 * c_ω from samples of a real f on the grid (layout order, length K^N): one length-K DFT along each axis in turn
 * (separable, O(N K^(N+1))), then division by K^N.
 */
export function coefficientsFromGrid(samples: ArrayLike<number>, nInputs: number, degree: number): FourierSeries {
  const size = gridSize(nInputs, degree), k = 2 * degree + 1;
  if (samples.length !== size) throw new FourierError(`expected ${size} grid samples, got ${samples.length}`);
  const tw = twiddles(degree);
  let re = Float64Array.from(samples), im = new Float64Array(size);
  let outRe = new Float64Array(size), outIm = new Float64Array(size);
  const lineRe = new Float64Array(k), lineIm = new Float64Array(k);
  for (let axis = 0; axis < nInputs; axis++) {
    const stride = k ** (nInputs - 1 - axis);
    for (let start = 0; start < size; start++) {
      if (Math.floor(start / stride) % k !== 0) continue; // `start` must be the first element of its line
      for (let j = 0; j < k; j++) { lineRe[j] = re[start + j * stride]; lineIm[j] = im[start + j * stride]; }
      for (let m = 0; m < k; m++) {
        let sr = 0, si = 0;
        for (let j = 0; j < k; j++) {
          const c = tw.cos[m * k + j], s = tw.sin[m * k + j];
          sr += lineRe[j] * c - lineIm[j] * s;
          si += lineRe[j] * s + lineIm[j] * c;
        }
        outRe[start + m * stride] = sr; outIm[start + m * stride] = si;
      }
    }
    [re, outRe] = [outRe, re];
    [im, outIm] = [outIm, im];
  }
  for (let i = 0; i < size; i++) { re[i] /= size; im[i] /= size; }
  return { nInputs, degree, re, im };
}

/** Samples f (called once with all K^N grid points, point-major) and returns its coefficients. */
export function fourierCoefficients(
  f: (points: Float64Array, count: number) => ArrayLike<number>, nInputs: number, degree: number,
): FourierSeries {
  const size = gridSize(nInputs, degree);
  return coefficientsFromGrid(f(gridPoints(nInputs, degree), size), nInputs, degree);
}

/** Σ_ω c_ω e^{-iω·x} at one point x (the imaginary part is ~0 for the series of a real function). */
export function evaluateSeries(series: FourierSeries, x: ArrayLike<number>): { re: number; im: number } {
  if (x.length !== series.nInputs) throw new FourierError(`point has ${x.length} coordinates, the series ${series.nInputs}`);
  const freqs = frequencyVectors(series.nInputs, series.degree);
  let re = 0, im = 0;
  freqs.forEach((freq, i) => {
    let phase = 0;
    for (let j = 0; j < freq.length; j++) phase -= freq[j] * x[j];
    const c = Math.cos(phase), s = Math.sin(phase);
    re += series.re[i] * c - series.im[i] * s;
    im += series.re[i] * s + series.im[i] * c;
  });
  return { re, im };
}
