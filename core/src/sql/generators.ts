/**
 * Generators (table-generating functions): `explode`, `explode_outer`, `posexplode(_outer)`,
 * `inline(_outer)` and `stack`, as a select item or in `LATERAL VIEW [OUTER]`. Each produces
 * columns with Spark's default names (`col`, `pos`, `key`, `value`, the struct's fields,
 * `col0`, `col1`, ...). The `_outer` forms (and LATERAL VIEW OUTER) emit a row of NULLs for an
 * empty or NULL input, so all their columns are nullable.
 */
import { sameTypeIgnoringNullability } from './coercion.js';
import type { DiagnosticSink } from './diagnostics.js';
import type { TextRange } from './ast.js';
import { isIntegerLiteral, type Typed } from './typed.js';
import { T, sqlTypeName, type DataType } from './types.js';

export interface GeneratedColumn {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

export const GENERATORS: ReadonlySet<string> = new Set([
  'explode',
  'explode_outer',
  'posexplode',
  'posexplode_outer',
  'inline',
  'inline_outer',
  'stack',
  'json_tuple'
]);

/**
 * The columns a generator call produces; undefined when the arguments are wrong (reported) or
 * unknown. `outer` is LATERAL VIEW OUTER.
 */
export function generatorColumns(
  name: string,
  args: readonly Typed[],
  outer: boolean,
  range: TextRange,
  diagnostics: DiagnosticSink
): GeneratedColumn[] | undefined {
  const base = name.replace(/_outer$/, '');
  const isOuter = outer || base !== name;
  const sql = `${name}(${args.map(a => a.sql).join(', ')})`;
  if (args.some(a => a.type.kind === 'unknown')) {
    return undefined;
  }
  const arity = (expected: number): boolean => {
    if (args.length === expected) {
      return true;
    }
    diagnostics.error(
      'WRONG_NUM_ARGS',
      `The \`${name}\` requires ${expected} parameters but the actual number is ${args.length}.`,
      range
    );
    return false;
  };
  const wrongType = (index: number, expected: string): undefined => {
    diagnostics.error(
      'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE',
      `Cannot resolve "${sql}" due to data type mismatch: Parameter ${index + 1} requires the ${expected} type, however "${args[index].sql}" has the type "${sqlTypeName(args[index].type)}".`,
      args[index].range
    );
    return undefined;
  };
  let columns: GeneratedColumn[];
  switch (base) {
    case 'explode':
    case 'posexplode': {
      if (!arity(1)) {
        return undefined;
      }
      const t = args[0].type;
      if (t.kind === 'array') {
        columns = [{ name: 'col', type: t.element, nullable: t.containsNull }];
      } else if (t.kind === 'map') {
        columns = [
          { name: 'key', type: t.key, nullable: false },
          { name: 'value', type: t.value, nullable: t.valueContainsNull }
        ];
      } else {
        return wrongType(0, '("ARRAY" or "MAP")');
      }
      if (base === 'posexplode') {
        columns = [{ name: 'pos', type: T.int, nullable: false }, ...columns];
      }
      break;
    }
    case 'inline': {
      if (!arity(1)) {
        return undefined;
      }
      const t = args[0].type;
      if (t.kind !== 'array' || t.element.kind !== 'struct') {
        return wrongType(0, '"ARRAY<STRUCT>"');
      }
      // A NULL struct element becomes a row of NULLs.
      columns = t.element.fields.map(f => ({
        name: f.name,
        type: f.type,
        nullable: f.nullable || t.containsNull
      }));
      break;
    }
    case 'stack': {
      const rows = args[0];
      if (args.length < 2) {
        diagnostics.error(
          'WRONG_NUM_ARGS',
          `The \`stack\` requires > 1 parameters but the actual number is ${args.length}.`,
          range
        );
        return undefined;
      }
      if (!isIntegerLiteral(rows)) {
        return wrongType(0, '"INT"');
      }
      const n = Math.max(1, Number(rows.sql));
      const values = args.slice(1);
      const width = Math.ceil(values.length / n);
      columns = [];
      for (let c = 0; c < width; c++) {
        // Stack does not widen: every value of a column has its type (or is NULL).
        let type: DataType = T.void;
        for (let r = 0; r < n; r++) {
          const value = values[r * width + c];
          if (value === undefined || value.type.kind === 'void') {
            continue;
          }
          if (type.kind === 'void') {
            type = value.type;
          } else if (!sameTypeIgnoringNullability(type, value.type)) {
            diagnostics.error(
              'DATATYPE_MISMATCH.STACK_COLUMN_DIFF_TYPES',
              `Cannot resolve "${sql}" due to data type mismatch: The data type of the column (${c}) do not have the same type: "${sqlTypeName(type)}" <> "${sqlTypeName(value.type)}".`,
              value.range
            );
            return undefined;
          }
        }
        columns.push({
          name: `col${c}`,
          type: type.kind === 'void' ? T.string : type,
          nullable: true
        });
      }
      break;
    }
    case 'json_tuple': {
      if (args.length < 2) {
        diagnostics.error(
          'WRONG_NUM_ARGS',
          `The \`json_tuple\` requires > 1 parameters but the actual number is ${args.length}.`,
          range
        );
        return undefined;
      }
      const bad = args.findIndex(a => a.type.kind !== 'string' && a.type.kind !== 'void');
      if (bad >= 0) {
        return wrongType(bad, '"STRING"');
      }
      columns = args.slice(1).map((_, i) => ({ name: `c${i}`, type: T.string, nullable: true }));
      break;
    }
    default:
      return undefined;
  }
  return isOuter ? columns.map(c => ({ ...c, nullable: true })) : columns;
}
