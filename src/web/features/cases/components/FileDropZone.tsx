import { Button, FileButton, Stack, Text } from '@mantine/core';
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  /** The group's visible name, e.g. "Add attachments". */
  legend: string;
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  /** The files already picked, shown under the drop area. */
  children?: ReactNode;
};

/**
 * Files are dropped on the area or picked with its button. The hidden file input is named "Add
 * attachments", so a person using a keyboard or a test can hand it files directly.
 */
export function FileDropZone({ legend, onFiles, disabled = false, children }: Props) {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const resetRef = useRef<() => void>(null);

  const accept = (files: File[]) => {
    resetRef.current?.();
    if (!disabled && files.length > 0) onFiles(files);
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setDragging(true);
  };
  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    // Moving onto a child of the area is not leaving it.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    accept(Array.from(event.dataTransfer.files));
  };

  return (
    <fieldset className="file-fieldset">
      <legend className="file-legend">{legend}</legend>
      <Stack gap="sm">
        <div className="drop-zone" data-dragging={dragging || undefined} onDragOver={onDragOver} onDragEnter={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
          <Text>{t('attachments.dropHere')}</Text>
          <FileButton multiple onChange={accept} resetRef={resetRef} disabled={disabled} inputProps={{ 'aria-label': t('attachments.add') }}>
            {(props) => (
              <Button variant="default" disabled={disabled} {...props}>
                {t('attachments.choose')}
              </Button>
            )}
          </FileButton>
        </div>
        {children}
      </Stack>
    </fieldset>
  );
}
