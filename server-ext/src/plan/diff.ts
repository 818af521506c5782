import type { FieldChange, JsonValue } from '@featurelab/core';
import { formatPointer } from '../specs/yaml-file.js';

/** Members of these lists are matched by this field, not by position. */
const LIST_KEYS = ['name', 'featureGroup'] as const;

/**
 * Field-by-field differences between two specs (plain JSON). Lists of named members
 * (features, join keys, feature selections) are matched by name, so inserting a feature shows
 * as one addition rather than a change of every later feature; a new order of the same
 * members shows as one change of the list's order.
 */
export function diffSpecs(before: unknown, after: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(before, after, { old: [], new: [], label: '' }, changes);
  return changes;
}

interface Where {
  readonly old: readonly (string | number)[];
  readonly new: readonly (string | number)[];
  readonly label: string;
}

function walk(before: unknown, after: unknown, where: Where, changes: FieldChange[]): void {
  if (jsonEqual(before, after)) {
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const child = {
        old: [...where.old, key],
        new: [...where.new, key],
        label: joinLabel(where.label, key)
      };
      if (!(key in after)) {
        changes.push({
          op: 'remove',
          pointer: formatPointer(child.old),
          label: child.label,
          old: before[key] as JsonValue
        });
      } else if (!(key in before)) {
        changes.push({
          op: 'add',
          pointer: formatPointer(child.new),
          label: child.label,
          new: after[key] as JsonValue
        });
      } else {
        walk(before[key], after[key], child, changes);
      }
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const key = LIST_KEYS.find(
      candidate => isKeyedList(before, candidate) && isKeyedList(after, candidate)
    );
    if (key !== undefined) {
      walkKeyedList(
        before as Record<string, unknown>[],
        after as Record<string, unknown>[],
        key,
        where,
        changes
      );
      return;
    }
    if (before.every(isScalar) && after.every(isScalar)) {
      // Tags, table lists: the whole list before and after reads best.
      changes.push({
        op: 'replace',
        pointer: formatPointer(where.new),
        label: where.label,
        old: before as JsonValue,
        new: after as JsonValue
      });
      return;
    }
    const common = Math.min(before.length, after.length);
    for (let index = 0; index < common; index += 1) {
      walk(
        before[index],
        after[index],
        {
          old: [...where.old, index],
          new: [...where.new, index],
          label: `${where.label}[${index}]`
        },
        changes
      );
    }
    for (let index = common; index < before.length; index += 1) {
      changes.push({
        op: 'remove',
        pointer: formatPointer([...where.old, index]),
        label: `${where.label}[${index}]`,
        old: before[index] as JsonValue
      });
    }
    for (let index = common; index < after.length; index += 1) {
      changes.push({
        op: 'add',
        pointer: formatPointer([...where.new, index]),
        label: `${where.label}[${index}]`,
        new: after[index] as JsonValue
      });
    }
    return;
  }
  changes.push({
    op: 'replace',
    pointer: formatPointer(where.new),
    label: where.label || '(document)',
    old: before as JsonValue,
    new: after as JsonValue
  });
}

function walkKeyedList(
  before: Record<string, unknown>[],
  after: Record<string, unknown>[],
  key: string,
  where: Where,
  changes: FieldChange[]
): void {
  // Spark column and table names ignore case, so a case-only rename is an update of the member.
  const name = (member: Record<string, unknown>): string => String(member[key]).toLowerCase();
  const afterIndex = new Map(after.map((member, index) => [name(member), index]));
  const beforeIndex = new Map(before.map((member, index) => [name(member), index]));
  const label = (member: Record<string, unknown>): string =>
    `${where.label}[${String(member[key])}]`;
  before.forEach((member, index) => {
    const match = afterIndex.get(name(member));
    if (match === undefined) {
      changes.push({
        op: 'remove',
        pointer: formatPointer([...where.old, index]),
        label: label(member),
        old: member as JsonValue
      });
    } else {
      walk(
        member,
        after[match],
        { old: [...where.old, index], new: [...where.new, match], label: label(after[match]) },
        changes
      );
    }
  });
  after.forEach((member, index) => {
    if (!beforeIndex.has(name(member))) {
      changes.push({
        op: 'add',
        pointer: formatPointer([...where.new, index]),
        label: label(member),
        new: member as JsonValue
      });
    }
  });
  const keptBefore = before.filter(member => afterIndex.has(name(member)));
  const keptAfter = after.filter(member => beforeIndex.has(name(member)));
  if (!jsonEqual(keptBefore.map(name), keptAfter.map(name))) {
    const names = (members: Record<string, unknown>[]): string[] =>
      members.map(member => String(member[key]));
    changes.push({
      op: 'replace',
      pointer: formatPointer(where.new),
      label: `${where.label} (order)`,
      old: names(keptBefore),
      new: names(keptAfter)
    });
  }
}

function isKeyedList(list: readonly unknown[], key: string): boolean {
  const names = new Set<string>();
  for (const member of list) {
    if (!isRecord(member) || typeof member[key] !== 'string') {
      return false;
    }
    names.add(member[key].toLowerCase());
  }
  return names.size === list.length;
}

function joinLabel(label: string, key: string): string {
  return label === '' ? key : `${label}.${key}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(key => key in b && jsonEqual(a[key], b[key]))
    );
  }
  return false;
}
