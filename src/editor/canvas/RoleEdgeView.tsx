import { BaseEdge, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { EdgeLabel } from './edgeLabelLayer.tsx';
import { EdgeModeToggle } from './EdgeModeToggle.tsx';
import type { RoleFlowEdge } from './flowTypes.ts';

/**
 * An edge drawn by kind (inline solid grey, reference dashed violet with a "ref" tag, root and
 * association distinct) and labelled with its role.
 */
export const RoleEdgeView = memo(function RoleEdgeView(props: EdgeProps<RoleFlowEdge>) {
  const { id, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath(props);
  const kind = data?.kind ?? 'inline';
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        className={`role-edge role-edge--${kind}${selected === true ? ' is-selected' : ''}`}
        {...(markerEnd === undefined ? {} : { markerEnd })}
      />
      <EdgeLabel>
        <div
          className={`edge-label edge-label--${kind}${selected === true ? ' is-selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${String(labelX)}px, ${String(labelY)}px)` }}
          title={kind}
          data-testid="canvas.edge-label"
        >
          <span data-testid="canvas.edge-role">{data?.role}</span>
          {kind === 'reference' && <span className="edge-label__tag">ref</span>}
          {selected === true && (kind === 'inline' || kind === 'reference') && <EdgeModeToggle edgeId={id} />}
        </div>
      </EdgeLabel>
    </>
  );
});
