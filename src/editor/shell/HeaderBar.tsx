import { catalogue } from '../../model/index.ts';

/** The title bar. */
export function HeaderBar() {
  return (
    <header className="header-bar">
      <h1>blockgraph</h1>
      <span className="header-bar__tagline">QEMU block-device graph editor · schema of QEMU {catalogue.qemuVersion}</span>
    </header>
  );
}
