import { useMemo } from 'react';
import { draftStateOf } from '../../shared/consensus/draft-state.ts';
import { alternativeRootName } from '../../shared/doc-layout.ts';
import type { DraftDoc } from '../collab/use-draft-doc.ts';
import { useCommentsContext } from '../comments/use-comments.ts';
import { AdReferendumToConfirm } from '../consensus/AdReferendumToConfirm.tsx';
import { ConsensusMatrix } from '../consensus/ConsensusMatrix.tsx';
import type { Decisions } from '../consensus/use-decisions.ts';
import { useDraftFacts } from '../consensus/use-draft-facts.ts';
import type { RoomContextValue } from './room-context.tsx';

/** The matrix of the text on this screen and the decisions pushed to it, re-derived as either changes. */
export function RoomMatrix(props: {
  room: RoomContextValue;
  draft: DraftDoc;
  decisions: Decisions;
  labels: ReadonlyMap<string, string>;
  onJump: (clauseId: string) => void;
}) {
  const { room, decisions, labels, onJump } = props;
  const facts = useDraftFacts(room.draft, room.texts, decisions.records);
  const { byClause } = useCommentsContext();
  const commentCounts = useMemo(
    () =>
      new Map(
        [...byClause].map(([id, threads]) => [
          id,
          { open: threads.filter((t) => t.resolved === null).length, total: threads.length },
        ]),
      ),
    [byClause],
  );
  // Each clause's words by its id, and each alternative's by its root's name.
  const texts = useMemo(
    () =>
      new Map(
        (facts?.clauses ?? []).flatMap((clause) => [
          [clause.id, clause.text] as const,
          ...(clause.alternatives ?? []).map((a) => [alternativeRootName(clause.id, a.n), a.text] as const),
        ]),
      ),
    [facts],
  );
  if (facts === null || decisions.records === null) return null;
  const { you } = room.draft;
  return (
    <>
      <ConsensusMatrix
        state={draftStateOf(facts, decisions.records.seq)}
        roomLabels={labels}
        texts={texts}
        onJump={onJump}
        commentCounts={commentCounts}
      />
      <AdReferendumToConfirm
        facts={facts}
        actor={{ session: '', role: you.role, delegation: you.delegation }}
        labels={labels}
      />
    </>
  );
}
