import type * as React from 'react';
import { Button, Flex, Modal, Typography } from '@strapi/design-system';
import { useT } from '../utils/useT';

type Props = { title: string; submitLabel: string; busy: boolean; error?: string; onSubmit: () => void; onClose: () => void; children: React.ReactNode };

/** The agents' form dialogs (answer, paper contribution): fields, the server's refusal said in the dialog, cancel and submit. */
export function FormDialog({ title, submitLabel, busy, error, onSubmit, onClose, children }: Props) {
  const t = useT();
  return (
    <Modal.Root open onOpenChange={(open: boolean) => (!open ? onClose() : undefined)}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{title}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {children}
            {error ? (
              <Typography role="alert" textColor="danger600">
                {error}
              </Typography>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('decision.cancel')}</Button>
          </Modal.Close>
          <Button loading={busy} onClick={onSubmit}>
            {submitLabel}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
}
