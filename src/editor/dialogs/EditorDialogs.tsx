import { ConnectDialog } from '../connect/ConnectDialog.tsx';
import { HelpSheet } from '../help/HelpSheet.tsx';
import { useDialogStore } from './dialogStore.ts';

/** The open modal dialog, if any: the help sheet or Connect…; each is mounted only while open. */
export function EditorDialogs() {
  const open = useDialogStore((s) => s.open);
  if (open === 'help') return <HelpSheet />;
  if (open === 'connect') return <ConnectDialog />;
  return null;
}
