/**
 * The tooltip of a node's problem marker: how many, where when not on the node itself, then each.
 *
 * @example problemsTitle(['a', 'b'], 'in the hidden layers') // '2 problems in the hidden layers: a; b'
 */
export function problemsTitle(problems: readonly string[], where?: string): string {
  const count = problems.length === 1 ? '1 problem' : `${String(problems.length)} problems`;
  return `${count}${where === undefined ? '' : ` ${where}`}: ${problems.join('; ')}`;
}
