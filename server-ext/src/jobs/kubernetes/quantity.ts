/**
 * The subset of Kubernetes resource quantities the job schema allows (see TrainingResources):
 * CPU as cores or millicores, memory with a binary or decimal suffix. Parsed only to compare
 * a job's total against the configured caps; manifests carry the text unchanged.
 */
const MEMORY_FACTORS: Readonly<Record<string, number>> = {
  '': 1,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40
};

/** Millicores of a CPU quantity such as "4", "0.5" or "500m". */
export function cpuMillis(quantity: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(m?)$/.exec(quantity);
  if (!match) {
    throw new RangeError(`not a CPU quantity: ${JSON.stringify(quantity)} (e.g. 4 or 500m)`);
  }
  const value = Number(match[1]);
  return match[2] === 'm' ? value : value * 1000;
}

/** Bytes of a memory quantity such as "16Gi", "512M" or "1073741824". */
export function memoryBytes(quantity: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|K|M|G|T)?$/.exec(quantity);
  if (!match) {
    throw new RangeError(`not a memory quantity: ${JSON.stringify(quantity)} (e.g. 16Gi)`);
  }
  return Number(match[1]) * MEMORY_FACTORS[match[2] ?? ''];
}
