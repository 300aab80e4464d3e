import type { BlockNode } from '../document.ts';
import type { EffectiveOptions } from '../inherit/resolveOptions.ts';
import { INHERITED_OPTIONS } from '../inherit/rules.ts';
import { withValueAt } from '../json.ts';

/**
 * Writes the options a node inherited (or was forced to) into its own options, so that it keeps
 * them when it loses the parent that defined it inline: QEMU never re-evaluates them.
 */
export function pinOptions(node: BlockNode, effective: EffectiveOptions | undefined): BlockNode {
  if (effective === undefined) return node;
  let options = node.options;
  for (const option of INHERITED_OPTIONS) {
    const { value, origin } = effective[option];
    if (origin.kind === 'inherited' || origin.kind === 'forced')
      options = withValueAt(options, option.split('.'), value);
  }
  return options === node.options ? node : { ...node, options };
}
