/**
 * Function signatures for completion and hover, derived from the analyzer's
 * function table (`@featurelab/core/sql`'s `FUNCTIONS`). Computed in the
 * worker, which holds the table, and sent to the main thread once.
 */
import type { FunctionDef } from '@featurelab/core/sql';

/**
 * A built-in function as shown to the user.
 */
export interface IFunctionInfo {
  readonly name: string;
  readonly kind: 'scalar' | 'aggregate';
  /** `date_add(date, days) → date`. */
  readonly signature: string;
}

const RESULT_WORDS: Readonly<Record<string, string>> = {
  arg0: 'type of arg 1',
  common: 'common type',
  commonFrom1: 'common type',
  arrayOfArg0: 'array',
  elementOf0: 'element type',
  valueOf0: 'value type',
  mapKeys0: 'array of keys',
  mapValues0: 'array of values',
  sum: 'bigint | double | decimal',
  avg: 'double | decimal',
  round: 'type of arg 1',
  floorCeil: 'bigint | decimal',
  struct: 'struct',
  namedStruct: 'struct',
  arrayOfCommon: 'array',
  mapOfPairs: 'map',
  concat: 'string | array',
  splitResult: 'array<string>',
  stringArray: 'array<string>',
  stringArrays: 'array<array<string>>',
  stringMap: 'map<string,string>',
  flatten: 'array',
  sequence: 'array',
  arraysZip: 'array<struct>',
  mapFromArrays: 'map',
  mapFromEntries: 'map',
  mapEntries: 'array<struct<key,value>>',
  fromJson: 'the given schema'
};

function resultText(def: FunctionDef): string {
  const rule = def.result;
  if (typeof rule === 'object') {
    // Spark prints `timestamp_ntz`; the table may spell it in camel case.
    return String(rule.type).replace('timestampNtz', 'timestamp_ntz');
  }
  return RESULT_WORDS[rule] ?? rule;
}

function argumentsText(def: FunctionDef): string {
  const kinds = def.args.length > 0 ? def.args : ['any'];
  const shown: string[] = [];
  const count = Number.isFinite(def.maxArgs) ? def.maxArgs : Math.max(def.minArgs, kinds.length);
  for (let i = 0; i < count; i++) {
    const kind = kinds[Math.min(i, kinds.length - 1)];
    shown.push(i < def.minArgs ? kind : `[${kind}]`);
  }
  if (!Number.isFinite(def.maxArgs)) {
    shown.push('...');
  }
  return shown.join(', ');
}

/**
 * One row of the function table as signature text; aliases get rows of
 * their own.
 */
export function functionInfos(defs: readonly FunctionDef[]): IFunctionInfo[] {
  const out: IFunctionInfo[] = [];
  for (const def of defs) {
    for (const name of [def.name, ...(def.aliases ?? [])]) {
      out.push({
        name,
        kind: def.kind,
        signature: `${name}(${argumentsText(def)}) → ${resultText(def)}`
      });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
