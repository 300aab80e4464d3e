/** The pure domain model of blockgraph: documents, drivers, the QAPI catalogue and edits. */
export type { JsonObject, JsonValue } from './json.ts';
export { isJsonObject, withValueAt } from './json.ts';
export { byteCountText, parseByteCount } from './sizes.ts';
export type { Diagnostic, DiagnosticCode } from './diagnostics.ts';
export { diagnostic, formatDiagnostic } from './diagnostics.ts';
export type { Result } from './result.ts';
export { ok, fail } from './result.ts';
export type { BlockGraph, BlockNode, ChildLink, Frontend, Layout, LinkMode, Position, QomObject } from './document.ts';
export {
  DOCUMENT_VERSION,
  childLinks,
  emptyGraph,
  inlineParent,
  isIdTaken,
  isNodeNameTaken,
  parentLinks,
  uniqueId,
} from './document.ts';
export { MAX_NODE_NAME_LENGTH, isWellFormedId } from './names.ts';
export type { FrontendKind, FrontendSpec } from './frontends.ts';
export { FRONTENDS, OBJECT_TYPES, frontendSpec } from './frontends.ts';
export type { ChildRoleSpec, DriverCategory, DriverSpec, RoleFlag } from './drivers/defineDriver.ts';
export type { DriverName } from './drivers/index.ts';
export { DRIVERS, driverSpec } from './drivers/index.ts';
export type { Catalogue, ChildMemberSpec, DriverSchema } from './schema/buildCatalogue.ts';
export { buildCatalogue } from './schema/buildCatalogue.ts';
export { catalogue, schemaDump } from './schema/catalogue.ts';
export type { OptionSpec, OptionType, StructSpec } from './schema/optionTypes.ts';
export { assertNever, describeType, isChildLink } from './schema/optionTypes.ts';
export { checkValue, membersOf } from './schema/checkValue.ts';
export type { RoleRef } from './roles.ts';
export { childMemberOf, childRoleOf, parseRole } from './roles.ts';
export { childrenFirst, childrenIndex, reaches } from './graphWalk.ts';
export type { AddNodeArgs, Added } from './edits/addNode.ts';
export { addNode } from './edits/addNode.ts';
export type { ConnectChildArgs } from './edits/connectChild.ts';
export { connectChild } from './edits/connectChild.ts';
export type { SetOptionArgs } from './edits/setOption.ts';
export { setOption } from './edits/setOption.ts';
export { removeNode } from './edits/removeNode.ts';
export type { RenameNodeArgs } from './edits/renameNode.ts';
export { renameNode } from './edits/renameNode.ts';
export { disconnectChild, setLinkMode } from './edits/disconnectChild.ts';
export type { MoveChildArgs } from './edits/moveChild.ts';
export { moveChild } from './edits/moveChild.ts';
export { addFrontend, addObject, moveTo, setFrontendRoot } from './edits/frontendsAndObjects.ts';
export { layoutLayers } from './layoutLayers.ts';
export { loadDocument, loadDocumentText } from './loadDocument.ts';
export type { ChecksCache } from './validateDocument.ts';
export { createChecksCache, validateDocument } from './validateDocument.ts';
export { qapiTypeName } from './schema/optionTypes.ts';
export type { KnownDefault } from './schema/knownDefaults.ts';
export { KNOWN_DEFAULTS } from './schema/knownDefaults.ts';
export type { Effective, EffectiveOptions, GivenOptions, Provenance } from './inherit/resolveOptions.ts';
export type { OptionsCache } from './inherit/resolveOptions.ts';
export { createOptionsCache, explicitOptions, resolveOptions } from './inherit/resolveOptions.ts';
export type { InheritRule, InheritedOption, RoleClass } from './inherit/rules.ts';
export { INHERITED_OPTIONS, INHERIT_RULES } from './inherit/rules.ts';
export type { Resolved, ResolvedEdge, ResolvedNode } from './resolve/resolveDocument.ts';
export { resolveDocument } from './resolve/resolveDocument.ts';
export type { ImageHeader } from './images/probeImage.ts';
export { HEADER_BYTES, probeImage } from './images/probeImage.ts';
export { checkGraph } from './checkGraph.ts';
export type { Outcome, QmpCommand, QmpError, QmpReply } from './qmp/index.ts';
export { QEMU_TEXT, addBlockdev, parseQmpScript, simulateQmp } from './qmp/index.ts';
export type { CommandLineResolved, ResolvedBackend } from './cmdline/index.ts';
export { commandLineOptions, resolveCommandLine, splitCommandLine } from './cmdline/index.ts';
export type { DriveSpec, QemuOpt, QemuOpts, WordPosition } from './cmdline/index.ts';
export { DRIVE_SHORTCUTS, FLAGS, driveSpec, parseKeyval, parseQemuJson, parseQemuOpts } from './cmdline/index.ts';
export { visitStructArgs } from './qapi/qapiVisit.ts';
export { findProtocol, openTraits } from './open/openTraits.ts';
export { flatten } from './open/qdict.ts';
export { JsonReader, JsonTextError, lineColumn } from './qmp/jsonText.ts';
export type { ImageSource } from './open/index.ts';
export { imagesFrom } from './open/index.ts';
export type { EdgePerms, Perm, PermissionError, PermissionUser, Permissions } from './perms/index.ts';
export { computePermissions, edgeKey, frontendUsers } from './perms/index.ts';
