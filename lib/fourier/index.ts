/**
 * Fourier coefficients of parametrised circuits (Schuld, Sweke & Meyer 2021) and the paper's expressivity study.
 *
 * Convention: f(x) = Σ_{ω ∈ {-d..d}^N} c_ω e^{-iω·x}, sampled on x_k = 2πk/(2d+1) per input and transformed with a
 * hand-written separable DFT; frequency vectors in lexicographic order (-d,..,-d) ... (d,..,d). See ./series.
 *
 * API
 *   frequencyVectors(N, d), frequencyIndex(freq, d), gridPoints(N, d), gridSize(N, d)
 *   coefficientsFromGrid(samples, N, d): FourierSeries {nInputs, degree, re, im}
 *   fourierCoefficients(f(points, count), N, d), evaluateSeries(series, x), coefficient(series, freq)
 *   circuitFourier(circuit, {weights, inputs, baseInputs?, degree}): FourierSeries[] (one per observable)
 *   encodingCounts(circuit): how often each input is encoded (its largest frequency)
 *   linalg: correlationMatrix, covarianceMatrix, hermitianCorrelationMatrix, determinant, symmetricEigenvalues,
 *     hermitianEigenvalues, numericalRank
 *   expressivity: PAPER_STUDY, READINGS, sampleWeights, pairCoefficients, orderStatistics, templateSpectrum, ...
 *   runFourierStudy(config = PAPER_STUDY): FourierStudy (the content of results/fourier.json minus provenance);
 *     studyDifferences(a, b, tol): where two studies differ (numbers compared with a tolerance)
 *   report: markdown tables for the notebook (readingsTable, spectrumTable, ...)
 * Errors in arguments throw FourierError.
 */
export * from "./series";
export * from "./circuit";
export * from "./linalg";
export * from "./expressivity";
export * from "./study";
export * from "./report";
