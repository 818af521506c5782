import { readFileSync } from 'node:fs';
import type { NotebookCode } from '@featurelab/core';
import { JobCodeError } from './errors.js';

/**
 * The Python source of a notebook job: one code cell, the code cells up to one, or all of
 * them, joined as a script. IPython magics and shell escapes (`%`, `!`) have no meaning
 * outside a kernel; they are commented out rather than dropped, so line numbers in tracebacks
 * still match the cells.
 *
 * @throws JobCodeError when the file is not a notebook or the cell is not a code cell.
 */
export function notebookSource(file: string, code: NotebookCode): string {
  const cells = readCells(file);
  const selected =
    code.cell === undefined ? cells : selectCells(cells, code.cell, code.upTo === true, file);
  return selected
    .filter(cell => cell.cell_type === 'code')
    .map(cell => commentOutMagics(cellText(cell.source)))
    .join('\n\n');
}

interface Cell {
  readonly cell_type: string;
  readonly source: unknown;
}

function readCells(file: string): Cell[] {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new JobCodeError(`cannot read the notebook ${file}`, {
      hint: 'Save the notebook and check that it is a valid .ipynb file.',
      cause: error
    });
  }
  const cells = (document as { cells?: unknown }).cells;
  if (!Array.isArray(cells) || !cells.every(isCell)) {
    throw new JobCodeError(`${file} is not a Jupyter notebook (no cells)`, {
      hint: 'Submit an .ipynb file, or submit the code as a file.'
    });
  }
  return cells;
}

function selectCells(cells: Cell[], index: number, upTo: boolean, file: string): Cell[] {
  const cell = cells[index];
  if (cell === undefined || cell.cell_type !== 'code') {
    throw new JobCodeError(
      `cell ${index} of ${file} is ${cell === undefined ? 'missing' : `a ${cell.cell_type} cell`}`,
      { hint: `Pick a code cell: the notebook has ${cells.length} cells, counted from 0.` }
    );
  }
  return upTo ? cells.slice(0, index + 1) : [cell];
}

function isCell(value: unknown): value is Cell {
  return (
    typeof value === 'object' && value !== null && typeof (value as Cell).cell_type === 'string'
  );
}

function cellText(source: unknown): string {
  if (typeof source === 'string') {
    return source;
  }
  return Array.isArray(source) ? source.map(String).join('') : '';
}

function commentOutMagics(text: string): string {
  return text.replace(/^(\s*)([%!])/gm, '$1# $2');
}
