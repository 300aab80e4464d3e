import {
  assertNever,
  isJsonObject,
  membersOf,
  type JsonObject,
  type JsonValue,
  type OptionSpec,
  type StructSpec,
} from '../../model/index.ts';
import { BoolField } from './BoolField.tsx';
import { EnumField } from './EnumField.tsx';
import { TextField } from './TextField.tsx';
import { isEditableOption } from './optionValue.ts';

const NO_OPTIONS: JsonObject = {};

/**
 * The fields of a struct's members, generated from the QAPI schema: the base members and those of the
 * union case its tag selects. `path` is the struct's own path (empty for the node's options).
 */
export function OptionList(props: { nodeId: string; struct: StructSpec; value: JsonObject; path: readonly string[] }) {
  const { nodeId, struct, value, path } = props;
  const members = membersOf(struct, value).filter((spec) => isEditableOption(spec, path.length));
  return (
    <div className="option-list">
      {members.map((spec) => (
        <OptionField key={spec.name} nodeId={nodeId} spec={spec} path={[...path, spec.name]} value={value[spec.name]} />
      ))}
    </div>
  );
}

/** The field for one option, chosen by its schema type; nested structs become nested groups. */
function OptionField(props: {
  nodeId: string;
  spec: OptionSpec;
  path: readonly string[];
  value: JsonValue | undefined;
}) {
  const { spec } = props;
  const { type } = spec;
  switch (type.kind) {
    case 'bool':
      return <BoolField {...props} />;
    case 'enum':
      return <EnumField {...props} type={type} />;
    case 'int':
    case 'number':
    case 'str':
    case 'array':
    case 'alternate':
    case 'any':
      return <TextField {...props} />;
    case 'struct':
      return (
        <fieldset className="field-group" data-testid={`inspector.group.${props.path.join('.')}`}>
          <legend>
            {spec.name}
            {spec.required && (
              <span className="field__required" aria-hidden="true">
                *
              </span>
            )}
          </legend>
          <OptionList
            nodeId={props.nodeId}
            struct={type.struct}
            value={isJsonObject(props.value) ? props.value : NO_OPTIONS}
            path={props.path}
          />
        </fieldset>
      );
    case 'child':
    case 'null':
      return null;
    default:
      return assertNever(type);
  }
}
