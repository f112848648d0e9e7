import { TABLE_OWNERS, SQL_SCAN_EXEMPT, type TableOwner } from './table-owners';

export interface SourceFile {
  /** Path from the repository root, with `/` separators. */
  path: string;
  text: string;
}

export interface SqlOwnershipViolation {
  path: string;
  line: number;
  table: string;
  kind: 'write' | 'read';
  /** The owner's files, for the message. */
  owner: readonly string[];
}

// Any case (SQL in lower case counts too); comments are blanked first, so prose about a table does not match.
const WRITE = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([a-z_][a-z0-9_]*)"?/gi;
const READ = /\b(?:FROM|JOIN)\s+"?([a-z_][a-z0-9_]*)"?/gi;
// Block comments, and line comments not preceded by `:` or a quote (so `https://…` in a string stays).
const COMMENT = /\/\*[\s\S]*?\*\/|(?<![:'"`\\])\/\/[^\n]*/g;

/** The text with its comments replaced by spaces (newlines kept, so line numbers stay right). */
export function blankComments(text: string): string {
  return text.replace(COMMENT, (c) => c.replace(/[^\n]/g, ' '));
}

export function isSqlScanExempt(path: string): boolean {
  return (
    SQL_SCAN_EXEMPT.prefixes.some((p) => path.startsWith(p)) || SQL_SCAN_EXEMPT.suffixes.some((s) => path.endsWith(s))
  );
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * SQL naming a known table outside the files its owner declares (writes outside `files`; reads outside `files`
 * and `readers`). Exempt paths (migrations, specs, test/, bench/) are skipped.
 */
export function sqlOwnershipViolations(
  files: readonly SourceFile[],
  owners: Readonly<Record<string, TableOwner>> = TABLE_OWNERS,
): SqlOwnershipViolation[] {
  const out: SqlOwnershipViolation[] = [];
  for (const file of files) {
    if (isSqlScanExempt(file.path)) continue;
    const text = blankComments(file.text);
    const writes = new Set<number>();
    for (const m of text.matchAll(WRITE)) {
      const owner = owners[m[1].toLowerCase()];
      // The table name's position, so the FROM of a DELETE FROM is not counted again as a read.
      writes.add(m.index + m[0].length);
      if (!owner || owner.files.includes(file.path)) continue;
      out.push({ path: file.path, line: lineOf(text, m.index), table: m[1], kind: 'write', owner: owner.files });
    }
    for (const m of text.matchAll(READ)) {
      const owner = owners[m[1].toLowerCase()];
      if (!owner || writes.has(m.index + m[0].length)) continue;
      if (owner.files.includes(file.path) || owner.readers?.includes(file.path)) continue;
      out.push({ path: file.path, line: lineOf(text, m.index), table: m[1], kind: 'read', owner: owner.files });
    }
  }
  return out;
}

/** Owners whose files are not all inside their declared module directory. */
export function ownersSpanningModules(owners: Readonly<Record<string, TableOwner>> = TABLE_OWNERS): string[] {
  return Object.entries(owners)
    .filter(([, o]) => o.files.length === 0 || o.files.some((f) => !f.startsWith(`${o.module}/`)))
    .map(([table]) => table);
}
