import { catalogue } from '../../model/index.ts';
import { AddImagesButton } from '../images/AddImagesButton.tsx';

/** The title bar, with the button that adds image files. */
export function HeaderBar() {
  return (
    <header className="header-bar">
      <h1>blockgraph</h1>
      <span className="header-bar__tagline">
        QEMU block-device graph editor · schema of QEMU {catalogue.qemuVersion}
      </span>
      <AddImagesButton />
    </header>
  );
}
