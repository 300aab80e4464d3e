import { catalogue } from '../../model/index.ts';
import { AddImagesButton } from '../images/AddImagesButton.tsx';
import { ViewButtons } from '../view/ViewButtons.tsx';
import { ImportButton } from '../importDialog/ImportButton.tsx';
import { PictureButtons } from '../picture/PictureButtons.tsx';
import { ThemeButton } from '../theme/ThemeButton.tsx';
import { DialogButtons } from '../toolbar/DialogButtons.tsx';
import { Toolbar } from '../toolbar/Toolbar.tsx';
import { FileButtons } from './FileButtons.tsx';
import { HistoryButtons } from './HistoryButtons.tsx';

/**
 * The title bar and the editor's toolbar (arrow keys move between its buttons): undo and redo, open, save
 * and share, import, the button that adds image files, picture export, Connect… and Help, the theme.
 */
export function HeaderBar() {
  return (
    <header className="header-bar">
      <h1>blockgraph</h1>
      <span className="header-bar__tagline">
        QEMU block-device graph editor · schema of QEMU {catalogue.qemuVersion}
      </span>
      <Toolbar label="Editor" className="header-bar__actions">
        <HistoryButtons />
        <FileButtons />
        <ImportButton />
        <AddImagesButton />
        <ViewButtons />
        <PictureButtons />
        <DialogButtons />
        <ThemeButton />
      </Toolbar>
    </header>
  );
}
