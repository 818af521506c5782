/**
 * The one place the CLI writes human- or machine-readable output. `serve` never uses it:
 * there stdout belongs to the JSON-RPC stream.
 */
export function printOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Messages for a person running the CLI (errors, usage). */
export function printErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
