// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseMessage } from '../../shared/protocol.ts';
import { RefusedEdits } from './RefusedEdits.tsx';

afterEach(cleanup);

describe('RefusedEdits after a refused client id', () => {
  it('says the writer id was in use and the room reloaded with a new one, and keeps the words to copy', () => {
    render(
      <RefusedEdits
        refused={[{ clauseId: 'c1', text: 'my words' }]}
        reason={CloseMessage.clientIdTaken}
        labelOf={() => 'Operative 1'}
        onDismiss={() => {}}
      />,
    );
    expect(screen.getByRole('alert').textContent).toContain('writer id was already in use by another participant');
    expect(screen.getByLabelText('Your text of Operative 1')).toHaveProperty('value', 'my words');
  });

  it('speaks of a frozen clause for any other refusal', () => {
    render(
      <RefusedEdits refused={[{ clauseId: 'c1', text: 'x' }]} labelOf={() => 'Operative 1'} onDismiss={() => {}} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('after the clause was frozen');
  });
});
