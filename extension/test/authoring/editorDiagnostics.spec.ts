import { describe, expect, it } from 'vitest';

import { toEditorDiagnostics } from '../../src/authoring/editorDiagnostics.js';
import type { IAnalysis, IAnalysisDiagnostic } from '../../src/authoring/protocol.js';
import { findSqlRegions } from '../../src/authoring/sqlRegions.js';

function analysis(...diagnostics: IAnalysisDiagnostic[]): IAnalysis {
  return { relations: [], operators: [], diagnostics };
}

function error(from: number, to: number, message = 'bad'): IAnalysisDiagnostic {
  return { severity: 'error', message, range: { from, to }, code: 'UNRESOLVED_COLUMN' };
}

describe('toEditorDiagnostics', () => {
  const source = '%%sql\nSELECT countyr FROM demo.users';
  const [region] = findSqlRegions(source);

  it('maps ranges into the cell and keeps severity, message and code', () => {
    const from = region.text.indexOf('countyr');
    const [d] = toEditorDiagnostics(
      analysis(error(from, from + 7, 'Did you mean `country`?')),
      region,
      source.length
    );
    expect(source.slice(d.from, d.to)).toBe('countyr');
    expect(d).toMatchObject({
      severity: 'error',
      message: 'Did you mean `country`?',
      source: 'Spark SQL UNRESOLVED_COLUMN'
    });
  });

  it('clamps ranges into the region and the document and widens empty ones', () => {
    const out = toEditorDiagnostics(
      analysis(error(-5, 2), error(400, 900), error(3, 3), { ...error(0, 0), severity: 'warning' }),
      region,
      source.length
    );
    for (const d of out) {
      expect(d.from).toBeGreaterThanOrEqual(region.sourceRange.from);
      expect(d.to).toBeLessThanOrEqual(source.length);
      expect(d.to).toBeGreaterThan(d.from);
    }
    expect(out[1]).toMatchObject({ from: source.length - 1, to: source.length });
    expect(out[2]).toMatchObject({ from: region.toSource(3), to: region.toSource(3) + 1 });
    expect(out[3].severity).toBe('warning');
  });

  it('keeps ranges inside a document shorter than the analyzed text (edited since)', () => {
    const [d] = toEditorDiagnostics(analysis(error(10, 20)), region, 12);
    expect(d.from).toBeLessThanOrEqual(12);
    expect(d.to).toBeLessThanOrEqual(12);
  });

  it('maps through escapes of a spark.sql string', () => {
    const python = 'spark.sql("SELECT \\"x\\" AS a, nope FROM t")';
    const [stringRegion] = findSqlRegions(python);
    const from = stringRegion.text.indexOf('nope');
    const [d] = toEditorDiagnostics(analysis(error(from, from + 4)), stringRegion, python.length);
    expect(python.slice(d.from, d.to)).toBe('nope');
  });

  it('leaves out "not analyzed" warnings over whole DDL/DML statements, keeps those in queries', () => {
    const ddl = '%%sql\nCREATE TABLE t AS SELECT 1;\nSELECT 1';
    const [ddlRegion] = findSqlRegions(ddl);
    const warning = (from: number, to: number): IAnalysisDiagnostic => ({
      severity: 'warning',
      message: 'not analyzed yet',
      range: { from, to },
      code: 'NOT_ANALYZED_YET'
    });
    const statementEnd = ddlRegion.text.indexOf(';');
    const queryStart = ddlRegion.text.lastIndexOf('SELECT');
    const out = toEditorDiagnostics(
      analysis(warning(0, statementEnd), warning(queryStart, queryStart + 8)),
      ddlRegion,
      ddl.length
    );
    expect(out.map(d => ddl.slice(d.from, d.to))).toEqual(['SELECT 1']);
  });
});
