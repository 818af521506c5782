import type { CheckStatus, DoctorReport } from '../doctor/checks.js';

const STATUS_LABEL: Readonly<Record<CheckStatus, string>> = {
  ok: 'ok  ',
  warn: 'WARN',
  fail: 'FAIL'
};

/** The doctor report for a person. */
export function formatDoctorReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map(check => check.name.length));
  const lines = [`Featurelab doctor: workspace ${report.workspace}, config ${report.config}`, ''];
  for (const check of report.checks) {
    const found = check.found.split('\n');
    lines.push(`  ${STATUS_LABEL[check.status]}  ${check.name.padEnd(width)}  ${found[0]}`);
    const indent = ' '.repeat(width + 10);
    for (const line of found.slice(1)) {
      lines.push(`${indent}${line}`);
    }
    if (check.fix && check.status !== 'ok') {
      lines.push(`${indent}fix: ${check.fix}`);
    }
  }
  const failed = report.checks.filter(check => check.status === 'fail').length;
  const warned = report.checks.filter(check => check.status === 'warn').length;
  lines.push(
    '',
    failed > 0
      ? `${failed} check(s) failed, ${warned} warning(s).`
      : `All checks passed${warned > 0 ? `, ${warned} warning(s)` : ''}.`
  );
  return lines.join('\n') + '\n';
}
