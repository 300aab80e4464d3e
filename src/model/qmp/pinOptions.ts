import type { BlockNode } from '../document.ts';
import type { EffectiveOptions } from '../inherit/resolveOptions.ts';
import { INHERITED_OPTIONS, type InheritedOption } from '../inherit/rules.ts';
import { withValueAt } from '../json.ts';

/**
 * Writes the options a node inherited (or was forced to) into its own options, so that it keeps
 * them when it loses the parent that defined it inline: QEMU never re-evaluates them.
 */
export function pinOptions(node: BlockNode, effective: EffectiveOptions | undefined): BlockNode {
  if (effective === undefined) return node;
  let options = node.options;
  for (const option of inheritedOptions(effective)) {
    options = withValueAt(options, option.split('.'), effective[option].value);
  }
  return options === node.options ? node : { ...node, options };
}

/** The options pinOptions writes: those the node has from its parent (inherited or forced). */
export function inheritedOptions(effective: EffectiveOptions | undefined): InheritedOption[] {
  if (effective === undefined) return [];
  return INHERITED_OPTIONS.filter(
    (o) => effective[o].origin.kind === 'inherited' || effective[o].origin.kind === 'forced',
  );
}
