// Householder QR of a dense n×p matrix with R's "limited pivoting" (LINPACK dqrdc2 semantics): a
// column whose remaining norm falls below tol × its original norm is moved to the end and counts as
// aliased, which is how R's lm/glm report rank-deficient designs.

/** A QR decomposition in compact form: R above the diagonal, the reflectors below it. */
export interface QrDecomposition {
  rows: number;
  columns: number;
  /** Column-major n×p storage: R in the upper triangle, Householder vectors below the diagonal. */
  packed: Float64Array;
  /** The leading element of each Householder vector (the diagonal of R lives in `packed`). */
  reflectorHead: Float64Array;
  /** pivot[k] = original index of the k-th column after pivoting. */
  pivot: Int32Array;
  rank: number;
}

function columnNorm(data: Float64Array, rows: number, column: number, from: number): number {
  let scale = 0;
  let sum = 1;
  const base = column * rows;
  for (let i = from; i < rows; i++) {
    const value = data[base + i] ?? 0;
    if (value !== 0) {
      const absolute = Math.abs(value);
      if (scale < absolute) {
        sum = 1 + sum * (scale / absolute) ** 2;
        scale = absolute;
      } else sum += (absolute / scale) ** 2;
    }
  }
  return scale * Math.sqrt(sum);
}

/** Moves column `column` of an n×p column-major matrix (and its per-column extras) to the end. */
function moveColumnToEnd(
  matrix: { data: Float64Array; rows: number },
  column: number,
  extras: Float64Array[],
): void {
  const { data, rows } = matrix;
  const last = data.length / rows - 1;
  const saved = data.slice(column * rows, (column + 1) * rows);
  data.copyWithin(column * rows, (column + 1) * rows, (last + 1) * rows);
  data.set(saved, last * rows);
  for (const extra of extras) {
    const value = extra[column] ?? 0;
    extra.copyWithin(column, column + 1, last + 1);
    extra[last] = value;
  }
}

/**
 * Decomposes the column-major matrix `matrix` (n rows, p columns; not modified). `tolerance` is R's
 * `tol` (1e-7 for lm, min(1e-7, epsilon/1000) = 1e-11 for glm.fit).
 */
export function householderQr(
  matrix: Float64Array,
  rows: number,
  columns: number,
  tolerance: number,
): QrDecomposition {
  const data = Float64Array.from(matrix);
  const reflectorHead = new Float64Array(columns);
  const currentNorm = new Float64Array(columns);
  const originalNorm = new Float64Array(columns);
  const pivotAsFloat = new Float64Array(columns);
  for (let j = 0; j < columns; j++) {
    const norm = columnNorm(data, rows, j, 0);
    currentNorm[j] = norm;
    originalNorm[j] = norm === 0 ? 1 : norm;
    pivotAsFloat[j] = j;
  }
  let lastActive = columns; // columns at index ≥ lastActive are aliased
  const steps = Math.min(rows, columns);
  for (let l = 0; l < steps; l++) {
    while (l < lastActive && (currentNorm[l] ?? 0) < (originalNorm[l] ?? 0) * tolerance) {
      moveColumnToEnd({ data, rows }, l, [currentNorm, originalNorm, pivotAsFloat]);
      lastActive -= 1;
    }
    // Every remaining column is negligible, or the last row is reached (R_ll is then the entry itself).
    if (l >= lastActive || l === rows - 1) break;
    const base = l * rows;
    let norm = columnNorm(data, rows, l, l);
    if (norm === 0) continue;
    if ((data[base + l] ?? 0) < 0) norm = -norm;
    for (let i = l; i < rows; i++) data[base + i] = (data[base + i] ?? 0) / norm;
    data[base + l] = 1 + (data[base + l] ?? 0);
    const head = data[base + l] ?? 1;
    for (let j = l + 1; j < columns; j++) {
      const other = j * rows;
      let dot = 0;
      for (let i = l; i < rows; i++) dot += (data[base + i] ?? 0) * (data[other + i] ?? 0);
      const factor = -dot / head;
      for (let i = l; i < rows; i++)
        data[other + i] = (data[other + i] ?? 0) + factor * (data[base + i] ?? 0);
      // Downdate the remaining norm; recompute it when cancellation makes the downdate unreliable.
      const normJ = currentNorm[j] ?? 0;
      if (normJ !== 0) {
        const ratio = Math.abs(data[other + l] ?? 0) / normJ;
        const remaining = Math.max(0, 1 - ratio * ratio);
        currentNorm[j] =
          Math.abs(remaining) < 1e-6 ? columnNorm(data, rows, j, l + 1) : normJ * Math.sqrt(remaining);
      }
    }
    reflectorHead[l] = head;
    data[base + l] = -norm;
  }
  const rank = Math.min(lastActive, rows);
  return {
    rows,
    columns,
    packed: data,
    reflectorHead,
    pivot: Int32Array.from(pivotAsFloat),
    rank,
  };
}

/** Applies Qᵀ to the vector `values` in place (the reflectors in order). */
export function applyQTranspose(qr: QrDecomposition, values: Float64Array): void {
  const { rows, packed, reflectorHead } = qr;
  const steps = Math.min(qr.rank, rows - 1);
  for (let l = 0; l < steps; l++) {
    const head = reflectorHead[l] ?? 0;
    if (head === 0) continue;
    const base = l * rows;
    let dot = head * (values[l] ?? 0);
    for (let i = l + 1; i < rows; i++) dot += (packed[base + i] ?? 0) * (values[i] ?? 0);
    const factor = -dot / head;
    values[l] = (values[l] ?? 0) + factor * head;
    for (let i = l + 1; i < rows; i++) values[i] = (values[i] ?? 0) + factor * (packed[base + i] ?? 0);
  }
}

/** Applies Q to the vector `values` in place (the reflectors in reverse order). */
export function applyQ(qr: QrDecomposition, values: Float64Array): void {
  const { rows, packed, reflectorHead } = qr;
  const steps = Math.min(qr.rank, rows - 1);
  for (let l = steps - 1; l >= 0; l--) {
    const head = reflectorHead[l] ?? 0;
    if (head === 0) continue;
    const base = l * rows;
    let dot = head * (values[l] ?? 0);
    for (let i = l + 1; i < rows; i++) dot += (packed[base + i] ?? 0) * (values[i] ?? 0);
    const factor = -dot / head;
    values[l] = (values[l] ?? 0) + factor * head;
    for (let i = l + 1; i < rows; i++) values[i] = (values[i] ?? 0) + factor * (packed[base + i] ?? 0);
  }
}

/** R[i][j] (i ≤ j) of the pivoted upper triangle. */
export function rElement(qr: QrDecomposition, i: number, j: number): number {
  return i <= j ? (qr.packed[j * qr.rows + i] ?? 0) : 0;
}

/** Solves R β = c for the leading rank×rank block (c has at least rank entries). */
export function solveUpperTriangular(qr: QrDecomposition, rhs: Float64Array): Float64Array {
  const solution = new Float64Array(qr.rank);
  for (let i = qr.rank - 1; i >= 0; i--) {
    let sum = rhs[i] ?? 0;
    for (let j = i + 1; j < qr.rank; j++) sum -= rElement(qr, i, j) * (solution[j] ?? 0);
    solution[i] = sum / rElement(qr, i, i);
  }
  return solution;
}

/** (RᵀR)⁻¹ of the leading rank×rank block (pivoted order), row-major rank×rank. */
export function unscaledCovariance(qr: QrDecomposition): Float64Array {
  const r = qr.rank;
  const inverse = new Float64Array(r * r); // R⁻¹, upper triangular, row-major
  for (let column = 0; column < r; column++) {
    for (let i = column; i >= 0; i--) {
      let sum = i === column ? 1 : 0;
      for (let k = i + 1; k <= column; k++) sum -= rElement(qr, i, k) * (inverse[k * r + column] ?? 0);
      inverse[i * r + column] = sum / rElement(qr, i, i);
    }
  }
  const covariance = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      let sum = 0;
      for (let k = j; k < r; k++) sum += (inverse[i * r + k] ?? 0) * (inverse[j * r + k] ?? 0);
      covariance[i * r + j] = sum;
      covariance[j * r + i] = sum;
    }
  }
  return covariance;
}
