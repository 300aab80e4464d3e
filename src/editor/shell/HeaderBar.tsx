import { catalogue } from '../../model/index.ts';
import { AddImagesButton } from '../images/AddImagesButton.tsx';
import { FileButtons } from './FileButtons.tsx';
import { HistoryButtons } from './HistoryButtons.tsx';

/** The title bar: undo and redo, open, save and share, and the button that adds image files. */
export function HeaderBar() {
  return (
    <header className="header-bar">
      <h1>blockgraph</h1>
      <span className="header-bar__tagline">
        QEMU block-device graph editor · schema of QEMU {catalogue.qemuVersion}
      </span>
      <div className="header-bar__actions">
        <HistoryButtons />
        <FileButtons />
        <AddImagesButton />
      </div>
    </header>
  );
}
