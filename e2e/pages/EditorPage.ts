import type { Locator, Page } from '@playwright/test';

/** A document as the dev bridge returns it; only what the journeys read. */
export interface DocumentSnapshot {
  nodes: Record<string, { id: string; driver: string; name?: string; options: Record<string, unknown> }>;
  links: { parent: string; role: string; child: string; mode: string }[];
  layout: { positions: Record<string, { x: number; y: number }> };
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

  constructor(readonly page: Page) {
    this.canvas = page.getByRole('region', { name: 'Canvas' });
    this.palette = page.getByRole('navigation', { name: 'Palette' });
    this.inspector = page.getByRole('complementary', { name: 'Inspector' });
    this.exportPanel = page.getByRole('region', { name: 'Export' });
    this.diagnostics = page.getByRole('region', { name: 'Diagnostics' });
    this.alert = page.getByRole('alert');
  }

  /** Opens the editor with the dev bridge and waits for the canvas to draw. */
  async open(): Promise<void> {
    await this.page.goto('./?e2e');
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

  async select(name: string): Promise<void> {
    await this.canvasNode(name).click();
  }

  /** Draws an edge from the parent's bottom handle to the child's top handle. */
  async connect(parent: string, child: string): Promise<void> {
    const from = this.canvasNode(parent).locator('.react-flow__handle-bottom');
    await from.dragTo(this.canvasNode(child).locator('.react-flow__handle-top'));
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
