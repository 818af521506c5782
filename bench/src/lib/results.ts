/** The JSON written to bench/results/<name>.json, and its one-screen summary on stdout. */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Machine, Versions } from './environment.ts';
import { round, type Summary, summarize } from './stats.ts';

export interface VariantResult {
  description: string;
  unit: string;
  samples: number[];
  summary: Summary;
}

export interface Goal {
  /** The ratio must not exceed this. */
  maxRatio: number;
  text: string;
}

export interface BenchResult<Details = unknown> {
  name: string;
  description: string;
  createdAt: string;
  machine: Machine;
  versions: Versions;
  featurelabInstalled: boolean;
  trials: number;
  warmup: number;
  /** How `ratio` is computed from the variants. */
  ratioDefinition: string;
  ratio: number;
  goal: Goal | null;
  /** null when there is no goal or Featurelab is not installed (nothing to judge). */
  goalMet: boolean | null;
  variants: Record<string, VariantResult>;
  details: Details;
  notes: string[];
}

export function variant(description: string, unit: string, samples: readonly number[]): VariantResult {
  const summary = summarize(samples);
  const rounded = Object.fromEntries(Object.entries(summary).map(([key, value]) => [key, round(value)])) as unknown as Summary;
  return { description, unit, samples: samples.map(value => round(value)), summary: rounded };
}

export async function writeResult(dir: string, result: BenchResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${result.name}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function printResult(result: BenchResult, file: string): void {
  const lines: string[] = [`${result.name}: ${result.description}`];
  for (const [name, value] of Object.entries(result.variants)) {
    const s = value.summary;
    lines.push(
      `  ${name.padEnd(12)} median ${fmt(s.median)} ${value.unit}  IQR ${fmt(s.iqr)}  MAD ${fmt(s.mad)}  (n=${s.n}, min ${fmt(s.min)}, max ${fmt(s.max)})`
    );
  }
  const verdict =
    result.goal === null ? '' : result.goalMet === null ? `  goal ${result.goal.text}: not judged` : `  goal ${result.goal.text}: ${result.goalMet ? 'met' : 'NOT MET'}`;
  lines.push(`  ratio ${result.ratio.toFixed(4)} (${result.ratioDefinition})${verdict}`);
  for (const note of result.notes) {
    lines.push(`  note: ${note}`);
  }
  lines.push(`  written to ${file}`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

function fmt(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
