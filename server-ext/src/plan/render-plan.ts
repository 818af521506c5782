import type {
  FieldChange,
  JsonValue,
  SpecChange,
  SpecPlanResult,
  SpecProblem
} from '@featurelab/core';

const SYMBOL: Readonly<Record<SpecChange['action'], string>> = {
  create: '+',
  update: '~',
  delete: '-'
};
const OP_SYMBOL: Readonly<Record<FieldChange['op'], string>> = {
  add: '+',
  replace: '~',
  remove: '-'
};
const MAX_INLINE = 160;

/** A plan or apply result for a person at a terminal. */
export function renderPlanResult(result: SpecPlanResult): string {
  if (result.status === 'invalid') {
    return renderProblems(result.problems);
  }
  const lines: string[] = [];
  const verb = result.mode === 'apply' ? 'Applying' : 'Plan for';
  lines.push(
    `${verb} ${safe(result.folder)} against the ${result.registry.kind} registry ${safe(result.registry.location)} (version ${result.baseVersion})`,
    ''
  );
  let kind = '';
  for (const change of result.changes) {
    if (change.kind !== kind) {
      kind = change.kind;
      lines.push(kind);
    }
    lines.push(...renderChange(change));
  }
  const { summary } = result;
  if (result.changes.length > 0) {
    lines.push('');
  }
  lines.push(
    `${result.changes.length === 0 ? 'No changes' : 'Plan'}: ${summary.create} to create, ${summary.update} to update, ${summary.delete} to delete, ${summary.unchanged} unchanged` +
      (summary.destructive > 0
        ? `; ${summary.destructive} destructive${result.forced ? ' (forced)' : ''}.`
        : '.')
  );
  switch (result.status) {
    case 'refused':
      lines.push(
        `Refused: ${summary.destructive} destructive change(s) would break registered sample sets or models. Nothing was ${result.mode === 'apply' ? 'applied' : 'changed'}; review them, then run with --force to apply anyway.`
      );
      break;
    case 'conflict':
      lines.push(
        `Conflict: the registry is at version ${result.conflict?.actualVersion ?? '?'}, but this ${result.mode} expected version ${result.conflict?.expectedVersion ?? '?'}. Nothing was applied; plan again and review.`
      );
      break;
    case 'ok':
      if (result.appliedVersion) {
        const version = result.appliedVersion;
        lines.push(
          `Applied as registry version ${version.version} by ${safe(version.author)} at ${version.createdAt}${version.gitCommit ? ` (git ${version.gitCommit.slice(0, 12)})` : ''}.`
        );
      } else if (result.mode === 'apply' && result.changes.length === 0) {
        lines.push('Nothing to apply.');
      }
      break;
  }
  return lines.join('\n') + '\n';
}

/** Spec problems, one block each: position, pointer, message, hint. */
export function renderProblems(problems: readonly SpecProblem[]): string {
  const lines: string[] = [];
  for (const problem of problems) {
    lines.push(
      `${safe(problem.file)}:${problem.line}:${problem.column}: ${problem.pointer === '' ? '' : `${safe(problem.pointer)}: `}${safe(problem.message)}`
    );
    lines.push(`    hint: ${safe(problem.hint)}`);
    for (const related of problem.related ?? []) {
      lines.push(`    see: ${safe(related.file)}:${related.line}:${related.column}`);
    }
  }
  const files = new Set(problems.map(problem => problem.file)).size;
  lines.push(
    '',
    `${problems.length} problem(s) in ${files} file(s); nothing was compared or applied.`
  );
  return lines.join('\n') + '\n';
}

function renderChange(change: SpecChange): string[] {
  const where = change.file === undefined ? '' : `  (${safe(change.file)}:${change.line ?? 1})`;
  const destructive = change.breaks.length > 0 ? '  [DESTRUCTIVE]' : '';
  const lines = [
    `  ${SYMBOL[change.action]} ${change.action.padEnd(6)} ${safe(change.name)}${where}${destructive}`
  ];
  for (const field of change.fields) {
    lines.push(...renderField(field));
  }
  for (const breaking of change.breaks) {
    lines.push(`      ! ${safe(breaking.reason)}`);
  }
  return lines;
}

function renderField(field: FieldChange): string[] {
  const head = `      ${OP_SYMBOL[field.op]} ${safe(field.label)}`;
  const multiline = [field.old, field.new].some(
    value => typeof value === 'string' && value.includes('\n')
  );
  if (multiline) {
    const lines = (value: JsonValue | undefined): string[] =>
      typeof value === 'string'
        ? value.replace(/\n$/, '').split('\n')
        : value === undefined
          ? []
          : [JSON.stringify(value)];
    return [
      `${head}:`,
      ...lineDiff(lines(field.old), lines(field.new)).map(line => `          ${safe(line)}`)
    ];
  }
  switch (field.op) {
    case 'add':
      return [`${head}: ${inline(field.new)}`];
    case 'remove':
      return [`${head} (was ${inline(field.old)})`];
    case 'replace':
      return [`${head}: ${inline(field.old)} -> ${inline(field.new)}`];
  }
}

/** Texts too long to diff line by line are shown whole, old then new. */
const MAX_DIFF_CELLS = 1_000_000;

/**
 * A line diff of two texts (SQL, descriptions): changed lines with "-" and "+", one line of
 * unchanged context around them, "..." for what is left out.
 */
function lineDiff(before: readonly string[], after: readonly string[]): string[] {
  if (before.length * after.length > MAX_DIFF_CELLS) {
    return [...before.map(line => `- ${line}`), ...after.map(line => `+ ${line}`)];
  }
  // Longest common subsequence table, filled from the end.
  const common: number[][] = Array.from({ length: before.length + 1 }, () =>
    new Array<number>(after.length + 1).fill(0)
  );
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      common[i][j] =
        before[i] === after[j]
          ? common[i + 1][j + 1] + 1
          : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const script: { mark: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      script.push({ mark: ' ', line: before[i] });
      i += 1;
      j += 1;
    } else if (i < before.length && (j === after.length || common[i + 1][j] >= common[i][j + 1])) {
      script.push({ mark: '-', line: before[i] });
      i += 1;
    } else {
      script.push({ mark: '+', line: after[j] });
      j += 1;
    }
  }
  const near = (index: number): boolean =>
    [index - 1, index, index + 1].some(
      other => script[other] !== undefined && script[other].mark !== ' '
    );
  const out: string[] = [];
  script.forEach((entry, index) => {
    if (near(index)) {
      out.push(`${entry.mark} ${entry.line}`);
    } else if (out[out.length - 1] !== '  ...') {
      out.push('  ...');
    }
  });
  return out;
}

function inline(value: JsonValue | undefined): string {
  const text = JSON.stringify(value) ?? 'null';
  return safe(text.length > MAX_INLINE ? `${text.slice(0, MAX_INLINE - 1)}…` : text);
}

/**
 * Text from specs is user input: control characters (ANSI escapes, C1 controls such as the
 * single-byte CSI) are shown escaped so a spec cannot rewrite the reviewer's terminal.
 */
function safe(text: string): string {
  return text.replace(
    CONTROL_CHARACTERS,
    char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

// Every C0 and C1 control except tab and newline.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
