import {
  ChairStatementBanner,
  ChairStatementDialog,
  CirculateDialog,
  SilenceBanner,
} from '../consensus/SilencePanel.tsx';
import type { Decisions } from '../consensus/use-decisions.ts';
import { useDraftFacts } from '../consensus/use-draft-facts.ts';
import { DisclosureMenu } from '../ui/DisclosureMenu.tsx';
import type { RoomContextValue } from './room-context.tsx';

export type SilenceDialog = 'circulate' | 'statement' | null;

/**
 * The room's part of the silence procedure and of the Chairman's Statement: the banner, and the
 * chair's dialogs when asked for. Its own component, so that the facts it derives from the text
 * (once a second at most while people type) re-render it alone.
 */
export function RoomSilence({
  room,
  decisions,
  dialog,
  onCloseDialog,
}: {
  room: RoomContextValue;
  decisions: Decisions;
  dialog: SilenceDialog;
  onCloseDialog: () => void;
}) {
  const facts = useDraftFacts(room.draft, room.texts, decisions.records, 1000);
  if (facts === null) return null;
  const actor = { session: '', role: room.draft.you.role, delegation: room.draft.you.delegation };
  return (
    <>
      {facts.chairStatement != null && <ChairStatementBanner draftId={facts.draft.id} />}
      <SilenceBanner facts={facts} actor={actor} />
      {dialog === 'circulate' && <CirculateDialog facts={facts} actor={actor} onClose={onCloseDialog} />}
      {dialog === 'statement' && <ChairStatementDialog facts={facts} actor={actor} onClose={onCloseDialog} />}
    </>
  );
}

/**
 * The chair's other ways to conclude, beside Adopt, in one menu so that the header stays one
 * line on a phone: circulate under silence, or issue a Chairman's Statement.
 */
export function ConcludeMenu({ onChoose }: { onChoose: (dialog: SilenceDialog) => void }) {
  return (
    <DisclosureMenu text="More…" label="More ways to conclude" className="export-menu">
      {(close) => (
        <>
          <button
            type="button"
            onClick={() => {
              close();
              onChoose('circulate');
            }}
          >
            Circulate under silence…
          </button>
          <button
            type="button"
            onClick={() => {
              close();
              onChoose('statement');
            }}
          >
            Issue as Chairman's Statement…
          </button>
        </>
      )}
    </DisclosureMenu>
  );
}
