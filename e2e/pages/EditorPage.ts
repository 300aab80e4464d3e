import { expect, type Locator, type Page } from '@playwright/test';

/** A document as the dev bridge returns it; only what the journeys read. */
export interface DocumentSnapshot {
  frontends?: Record<string, { id: string; kind: string; root: string | null }>;
  nodes: Record<string, { id: string; driver: string; name?: string; options: Record<string, unknown> }>;
  links: { parent: string; role: string; child: string; mode: string }[];
  layout: { positions: Record<string, { x: number; y: number }>; collapsed?: string[] };
}

interface BridgeWindow {
  __blockgraph?: { getDocument: () => DocumentSnapshot };
}

/** The blockgraph editor, by accessible roles and names. */
export class EditorPage {
  readonly canvas: Locator;
  readonly palette: Locator;
  readonly inspector: Locator;
  readonly exportPanel: Locator;
  readonly diagnostics: Locator;
  readonly alert: Locator;
  /** The notice about files, links and autosave (a status region, apart from the alert about edits). */
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByRole('region', { name: 'Canvas' });
    this.palette = page.getByRole('navigation', { name: 'Palette' });
    this.inspector = page.getByRole('complementary', { name: 'Inspector' });
    this.exportPanel = page.getByRole('region', { name: 'Export' });
    this.diagnostics = page.getByRole('region', { name: 'Diagnostics' });
    this.alert = page.getByRole('alert');
    this.notice = page.getByRole('status', { name: 'Notice' });
  }

  /** The editor's toolbar (in the header): arrow keys move between its buttons. */
  toolbar(): Locator {
    return this.page.getByRole('toolbar', { name: 'Editor' });
  }

  /** A toolbar button by its accessible name (`Export SVG`, `Help`, `Connect…`, or a RegExp such as /^Theme/). */
  toolbarButton(name: string | RegExp): Locator {
    return this.toolbar().getByRole('button', { name, exact: typeof name === 'string' });
  }

  /** An open modal dialog by its title: `Keyboard shortcuts`, `Connect…`. */
  dialog(name: string): Locator {
    return this.page.getByRole('dialog', { name, exact: true });
  }

  /** A header button by its accessible name: `Undo`, `Redo`, `Open`, `Save`, `Share`, `Import`, `Layout`, `Fit view`, `Minimap`. */
  headerButton(
    name: 'Undo' | 'Redo' | 'Open' | 'Save' | 'Share' | 'Import' | 'Layout' | 'Fit view' | 'Minimap',
  ): Locator {
    return this.page.getByRole('banner').getByRole('button', { name, exact: true });
  }

  /** Presses a shortcut (`Control+z`) with the focus wherever it is. */
  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Adds a node to the selection, as Ctrl+click does. */
  async addToSelection(name: string): Promise<void> {
    await this.canvasNode(name).click({ modifiers: ['Control'] });
  }

  /**
   * Draws a selection box with Shift held, from a screen offset above-left of the first node to
   * one below-right of the last, as a user drags on empty canvas.
   */
  async boxSelect(from: string, to: string, margin = 12): Promise<void> {
    const a = await this.canvasNode(from).boundingBox();
    const b = await this.canvasNode(to).boundingBox();
    if (a === null || b === null) throw new Error(`${from} or ${to} is not on screen`);
    await this.page.keyboard.down('Shift');
    await this.page.mouse.move(Math.min(a.x, b.x) - margin, Math.min(a.y, b.y) - margin);
    await this.page.mouse.down();
    await this.page.mouse.move(
      Math.max(a.x + a.width, b.x + b.width) + margin,
      Math.max(a.y + a.height, b.y + b.height) + margin,
      {
        steps: 8,
      },
    );
    await this.page.mouse.up();
    await this.page.keyboard.up('Shift');
  }

  /** The canvas nodes drawn as selected, by accessible name, sorted. */
  async selectedNodes(): Promise<string[]> {
    const labels = await this.canvas
      .locator('.react-flow__node.selected')
      .evaluateAll((nodes: { getAttribute: (name: string) => string | null }[]) =>
        nodes.map((node) => node.getAttribute('aria-label') ?? ''),
      );
    return labels.sort();
  }

  /** The in-place node-name field (F2) of a block node, by the node's accessible name. */
  renameField(name: string): Locator {
    return this.page.getByRole('textbox', { name: `node-name of ${name}`, exact: true });
  }

  /** Clicks Share and reads the link from the share panel. */
  async shareLink(): Promise<string> {
    await this.headerButton('Share').click();
    const field = this.page.getByRole('textbox', { name: 'Share link', exact: true });
    await field.waitFor();
    return field.inputValue();
  }

  /** The document autosave keeps in localStorage, parsed, or null. */
  async storedDocument(): Promise<DocumentSnapshot | null> {
    const text = await this.page.evaluate(() => localStorage.getItem('blockgraph.autosave'));
    return text === null ? null : (JSON.parse(text) as DocumentSnapshot);
  }

  /** Opens the editor with the dev bridge (and, given one, a `#doc=` fragment) and waits for the canvas to draw. */
  async open(fragment = ''): Promise<void> {
    await this.page.goto(`./?e2e${fragment}`);
    await this.canvas.locator('.react-flow__node').first().waitFor();
  }

  /** A node, frontend or object on the canvas by its accessible name: `disk (qcow2)`. */
  canvasNode(name: string): Locator {
    return this.canvas.getByRole('group', { name, exact: true });
  }

  /** The role labels of the canvas edges whose role (`file`, `backing`, `root`…) is exactly this text. */
  edgeLabels(role: string): Locator {
    const exact = this.page.getByTestId('canvas.edge-role').filter({ hasText: new RegExp(`^${escapeRegExp(role)}$`) });
    return this.canvas.getByTestId('canvas.edge-label').filter({ has: exact });
  }

  /** An edge on the canvas by its accessible name: `disk → disk-file (file)`. */
  canvasEdge(parent: string, child: string, role: string): Locator {
    return this.canvas.getByRole('group', { name: `${parent} → ${child} (${role})`, exact: true });
  }

  /** Selects an edge from the keyboard (a straight edge has no area to click): focus it, press Enter. */
  async selectEdge(parent: string, child: string, role: string): Promise<void> {
    await this.canvasEdge(parent, child, role).focus();
    await this.page.keyboard.press('Enter');
  }

  paletteButton(name: string): Locator {
    return this.palette.getByRole('button', { name, exact: true });
  }

  /** Searches the palette for a driver, frontend or object type and clicks it. */
  async addFromPalette(name: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Search drivers' }).fill(name);
    await this.paletteButton(name).click();
  }

  /**
   * Searches the palette and drags the entry onto the canvas, dropping it at `at` (pixels from the
   * canvas's top-left corner); returns the id of what it added.
   */
  async dropFromPalette(name: string, at: { x: number; y: number }): Promise<string> {
    const before = await this.document();
    await this.page.getByRole('searchbox', { name: 'Search drivers' }).fill(name);
    await this.paletteButton(name).dragTo(this.canvas, { targetPosition: at });
    await expect.poll(async () => addedIds(before, await this.document())).toHaveLength(1);
    return addedIds(before, await this.document())[0] ?? '';
  }

  async select(name: string): Promise<void> {
    await this.canvasNode(name).click();
  }

  /**
   * A node's output handle for a child role (`file`, `children.1`, `children` for a list's "add"
   * handle), or without a role its first handle with nothing connected (a frontend's root handle).
   */
  roleHandle(node: string, role?: string): Locator {
    const handles = this.canvasNode(node);
    if (role !== undefined) return handles.locator(`[data-handleid="role:${role}"]`);
    return handles.locator('.react-flow__handle-bottom:not(.is-filled)').first();
  }

  /** A node's input handle, where its parents attach. */
  inputHandle(node: string): Locator {
    return this.canvasNode(node).locator('.react-flow__handle-top');
  }

  /** Draws an edge from the parent's role handle (see `roleHandle`) to the child's input handle. */
  async connect(parent: string, child: string, role?: string): Promise<void> {
    await this.roleHandle(parent, role).dragTo(this.inputHandle(child));
  }

  /** Starts drawing an edge from `from` and holds it over `over`, the mouse button still down; `drop` ends it. */
  async holdConnection(from: Locator, over: Locator): Promise<void> {
    const start = await from.boundingBox();
    const end = await over.boundingBox();
    if (start === null || end === null) throw new Error('a handle is not on screen');
    await this.page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  }

  /** Releases the mouse button: the edge being drawn is dropped where the pointer is. */
  async drop(): Promise<void> {
    await this.page.mouse.up();
  }

  /** The hint next to the pointer while an edge is drawn: what the drop makes, or why it is refused. */
  connectionHint(): Locator {
    return this.canvas.getByRole('status', { name: 'Connection' });
  }

  /** Drags a canvas node by a screen offset, in small steps as a user would. */
  async drag(name: string, dx: number, dy: number): Promise<void> {
    const box = await this.canvasNode(name).boundingBox();
    if (box === null) throw new Error(`${name} is not on screen`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    await this.page.mouse.move(x + dx, y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  /** An inspector field by its label (the option name as QEMU spells it). */
  option(name: string): Locator {
    return this.inspector.getByLabel(name, { exact: true });
  }

  /** The inspector's row of an effective generic option (`cache.direct`): option, value, origin. */
  effectiveOption(name: string): Locator {
    const section = this.inspector.getByRole('region', { name: 'Effective options' });
    return section.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name, exact: true }) });
  }

  /** A checkbox of a nested option group in the inspector: `groupOption('cache', 'direct')`. */
  groupOption(group: string, name: string): Locator {
    return this.inspector.getByRole('group', { name: group, exact: true }).getByLabel(name, { exact: true });
  }

  /** The diagnostics panel's heading, whose text ends with the count. */
  diagnosticsHeading(): Locator {
    return this.diagnostics.getByRole('heading', { name: /^Diagnostics/ });
  }

  /** The diagnostics entries (buttons) naming a node, optionally with a message. */
  diagnosticEntries(node: string, message?: string): Locator {
    const entries = this.diagnostics.getByRole('button').filter({ hasText: node });
    return message === undefined ? entries : entries.filter({ hasText: message });
  }

  /** An export panel tab by its accessible name: `QMP`, `-blockdev`, `-drive`, `json:`, `command line`, `document`. */
  exportTab(name: string): Locator {
    return this.exportPanel.getByRole('tab', { name, exact: true });
  }

  /** The visible export tab's panel: its options, Copy and Download, output, notes (and the QMP rollback). */
  exportTabPanel(): Locator {
    return this.exportPanel.getByRole('tabpanel');
  }

  /** The import dialog (Import button, a paste of foreign text on the canvas, a dropped text file). */
  importDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import', exact: true });
  }

  /** The QMP script shown in the export panel. */
  async qmpText(): Promise<string> {
    return (await this.exportPanel.getByTestId('export.qmp').textContent()) ?? '';
  }

  /** The editor's document, read through the dev bridge. */
  async document(): Promise<DocumentSnapshot> {
    return this.page.evaluate(() => {
      const bridge = (globalThis as BridgeWindow).__blockgraph;
      if (bridge === undefined) throw new Error('dev bridge missing: open the editor with ?e2e');
      return bridge.getDocument();
    });
  }
}

/** Ids of block nodes and frontends that `after` has and `before` had not. */
function addedIds(before: DocumentSnapshot, after: DocumentSnapshot): string[] {
  const ids = (doc: DocumentSnapshot) => [...Object.keys(doc.nodes), ...Object.keys(doc.frontends ?? {})];
  const known = new Set(ids(before));
  return ids(after).filter((id) => !known.has(id));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
