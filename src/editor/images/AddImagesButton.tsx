import { useId, useRef } from 'react';
import { useEditorStore } from '../store/editorStore.ts';
import { readImageHeaders } from './readImages.ts';

/** "Add image files…": a button over a hidden multiple file input; only the files' headers are read. */
export function AddImagesButton() {
  const input = useRef<HTMLInputElement>(null);
  const addImages = useEditorStore((s) => s.addImages);
  const inputId = useId();
  return (
    <>
      <button
        type="button"
        className="header-bar__button"
        aria-controls={inputId}
        onClick={() => {
          input.current?.click();
        }}
      >
        Add image files…
      </button>
      <input
        ref={input}
        id={inputId}
        type="file"
        multiple
        hidden
        aria-label="Image files"
        onChange={(event) => {
          const { files } = event.currentTarget;
          if (files === null || files.length === 0) return;
          void readImageHeaders(Array.from(files)).then(addImages);
          event.currentTarget.value = '';
        }}
      />
    </>
  );
}
