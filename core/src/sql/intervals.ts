/**
 * ANSI interval literals (`INTERVAL 1 DAY 2 HOURS`, `INTERVAL '1-2' YEAR TO MONTH`) as Spark 3.5
 * reads them by default: a year-month or a day-time interval type from the largest to the
 * smallest unit used, printed in Spark's canonical form (`INTERVAL '1 02' DAY TO HOUR`).
 */
import { T, type DataType, type IntervalUnit } from './types.js';

const YEAR_MONTH: readonly IntervalUnit[] = ['year', 'month'];
const DAY_TIME: readonly IntervalUnit[] = ['day', 'hour', 'minute', 'second'];

const MICROS: Readonly<Record<string, bigint>> = {
  day: 86_400_000_000n,
  hour: 3_600_000_000n,
  minute: 60_000_000n,
  second: 1_000_000n
};

/** A unit of a multi-unit literal: its field and how many of the field's base it counts. */
const MULTI_UNITS: Readonly<
  Record<string, { field: IntervalUnit; micros?: bigint; months?: number }>
> = {
  year: { field: 'year', months: 12 },
  month: { field: 'month', months: 1 },
  week: { field: 'day', micros: 7n * MICROS.day },
  day: { field: 'day', micros: MICROS.day },
  hour: { field: 'hour', micros: MICROS.hour },
  minute: { field: 'minute', micros: MICROS.minute },
  second: { field: 'second', micros: MICROS.second },
  millisecond: { field: 'second', micros: 1000n },
  microsecond: { field: 'second', micros: 1n }
};

export type IntervalLiteral =
  | { readonly ok: true; readonly type: DataType; readonly text: string }
  | { readonly ok: false; readonly message: string };

/** `value` with its sign, e.g. `-1.5`, or the content of a string value. */
export interface IntervalPart {
  readonly value: string;
  readonly unit: string;
}

/** A multi-unit literal: `INTERVAL 1 DAY 2 HOURS`. */
export function multiUnitInterval(parts: readonly IntervalPart[]): IntervalLiteral | undefined {
  let months = 0;
  let micros = 0n;
  const fields: IntervalUnit[] = [];
  for (const part of parts) {
    const unit = MULTI_UNITS[part.unit.toLowerCase().replace(/s$/, '')];
    const value = part.value.trim();
    if (unit === undefined || !/^[+-]?\d+(\.\d*)?$/.test(value)) {
      return undefined;
    }
    if (unit.months !== undefined) {
      if (value.includes('.')) {
        return undefined;
      }
      months += Number(value) * unit.months;
    } else {
      micros += scaled(value, unit.micros!);
    }
    fields.push(unit.field);
  }
  const yearMonth = fields.filter(f => YEAR_MONTH.includes(f));
  if (yearMonth.length > 0 && yearMonth.length < fields.length) {
    return { ok: false, message: 'Cannot mix year-month and day-time fields.' };
  }
  const order = yearMonth.length > 0 ? YEAR_MONTH : DAY_TIME;
  const indexes = fields.map(f => order.indexOf(f));
  const start = order[Math.min(...indexes)];
  const end = order[Math.max(...indexes)];
  return yearMonth.length > 0
    ? yearMonthLiteral(BigInt(months), start, end)
    : dayTimeLiteral(micros, start, end);
}

/** A unit-to-unit literal: `INTERVAL '1 02:03' DAY TO MINUTE`. */
export function unitToUnitInterval(
  value: string,
  from: string,
  to: string
): IntervalLiteral | undefined {
  const start = from.toLowerCase() as IntervalUnit;
  const end = to.toLowerCase() as IntervalUnit;
  const text = value.trim();
  const sign = text.startsWith('-') ? -1n : 1n;
  const body = text.replace(/^[+-]/, '');
  if (start === 'year' && end === 'month') {
    const m = /^(\d+)-(\d+)$/.exec(body);
    return m === null
      ? undefined
      : yearMonthLiteral(sign * (BigInt(m[1]) * 12n + BigInt(m[2])), start, end);
  }
  const fields = DAY_TIME.slice(DAY_TIME.indexOf(start), DAY_TIME.indexOf(end) + 1);
  if (fields.length < 2) {
    return undefined;
  }
  const numbers = body.split(/[ :]/);
  if (numbers.length !== fields.length || !numbers.every(n => /^\d+(\.\d*)?$/.test(n))) {
    return undefined;
  }
  let micros = 0n;
  fields.forEach((field, i) => {
    micros += scaled(numbers[i], MICROS[field]);
  });
  return dayTimeLiteral(sign * micros, start, end);
}

/** `value * unit`, for a decimal `value`, in microseconds. */
function scaled(value: string, unit: bigint): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace(/^[+-]/, '').split('.');
  const digits = fraction.slice(0, 9).padEnd(9, '0');
  const result = BigInt(whole || '0') * unit + (BigInt(digits) * unit) / 1_000_000_000n;
  return negative ? -result : result;
}

export function intervalType(start: IntervalUnit, end: IntervalUnit): DataType {
  return T.interval(start, end);
}

const unitName = (start: IntervalUnit, end: IntervalUnit): string =>
  start === end ? start.toUpperCase() : `${start.toUpperCase()} TO ${end.toUpperCase()}`;

function yearMonthLiteral(months: bigint, start: IntervalUnit, end: IntervalUnit): IntervalLiteral {
  const sign = months < 0n ? '-' : '';
  const abs = months < 0n ? -months : months;
  let text: string;
  if (start === end) {
    text = start === 'year' ? `${abs / 12n}` : `${abs}`;
  } else {
    text = `${abs / 12n}-${abs % 12n}`;
  }
  return {
    ok: true,
    type: intervalType(start, end),
    text: `INTERVAL '${sign}${text}' ${unitName(start, end)}`
  };
}

/** Spark's ANSI-style day-time string: the leading field whole, the others two digits. */
function dayTimeLiteral(micros: bigint, start: IntervalUnit, end: IntervalUnit): IntervalLiteral {
  const sign = micros < 0n ? '-' : '';
  let rest = micros < 0n ? -micros : micros;
  const fields = DAY_TIME.slice(DAY_TIME.indexOf(start), DAY_TIME.indexOf(end) + 1);
  const pieces: string[] = [];
  for (const [i, field] of fields.entries()) {
    if (field === 'second') {
      const whole = rest / MICROS.second;
      const fraction = (rest % MICROS.second).toString().padStart(6, '0').replace(/0+$/, '');
      const secs = `${whole < 10n ? '0' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
      pieces.push(secs);
      break;
    }
    const unit = MICROS[field];
    // Below the smallest field, what remains is dropped (it is zero for literals of the type).
    const value = rest / unit;
    rest -= value * unit;
    pieces.push(i === 0 && field === 'day' ? `${value}` : value.toString().padStart(2, '0'));
  }
  let text = pieces[0];
  for (let i = 1; i < pieces.length; i++) {
    text += `${fields[i - 1] === 'day' ? ' ' : ':'}${pieces[i]}`;
  }
  return {
    ok: true,
    type: intervalType(start, end),
    text: `INTERVAL '${sign}${text}' ${unitName(start, end)}`
  };
}
