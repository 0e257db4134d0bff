/** A value a query takes as a parameter. */
export type SqlValue = string | number | bigint | null;

/**
 * A piece of SQL with its parameters, written with `?` placeholders and rendered for each
 * driver (`?` for SQLite, `$1, $2…` for PostgreSQL). The stores build their queries from
 * these so that one query serves both: the text never holds a value, so it never needs
 * quoting, and `?` never appears in it but as a placeholder.
 */
export class Sql {
  readonly text: string;
  readonly parameters: readonly SqlValue[];

  constructor(text: string, parameters: readonly SqlValue[] = []) {
    const placeholders = text.split('?').length - 1;
    if (placeholders !== parameters.length)
      throw new Error(`SQL with ${placeholders} placeholders got ${parameters.length} parameters`);
    this.text = text;
    this.parameters = parameters;
  }

  /** Joins fragments with a separator (` AND `, `, `). */
  static join(fragments: readonly Sql[], separator: string): Sql {
    return new Sql(
      fragments.map((fragment) => fragment.text).join(separator),
      fragments.flatMap((fragment) => fragment.parameters),
    );
  }

  /** The text for PostgreSQL: `$1`, `$2`, … in place of `?`. */
  numbered(): string {
    let index = 0;
    return this.text.replace(/\?/g, () => `$${++index}`);
  }
}

/** `sql\`started_at >= ${from}\``: a fragment whose interpolations are parameters (or nested fragments). */
export function sql(strings: TemplateStringsArray, ...values: readonly (SqlValue | Sql)[]): Sql {
  let text = strings[0]!;
  const parameters: SqlValue[] = [];
  values.forEach((value, index) => {
    if (value instanceof Sql) {
      text += value.text;
      parameters.push(...value.parameters);
    } else {
      text += '?';
      parameters.push(value);
    }
    text += strings[index + 1]!;
  });
  return new Sql(text, parameters);
}
