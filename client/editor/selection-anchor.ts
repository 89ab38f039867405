import { $getAnchorAndFocusForUserState, type Binding, type UserState } from '@lexical/yjs';
import {
  $getNodeByKey,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  type NodeKey,
  type Point,
} from 'lexical';
import * as Y from 'yjs';

/** This person's selection as places in the shared text: items, not offsets. */
export interface AnchoredSelection {
  anchor: Y.RelativePosition;
  focus: Y.RelativePosition;
}

/** What Lexical's binding keeps on its collab nodes, reached the way its own cursor code does. */
interface CollabElementInternals {
  _xmlText: Y.XmlText;
}
interface CollabTextInternals {
  _parent: CollabElementInternals;
  getOffset(): number;
}

/**
 * This person's selection in the clause as Yjs relative positions, each tied to the character
 * beside it rather than to an offset (call inside a read or an update of the editor, with the
 * binding in step with it).
 *
 * A caret sticks to the character on its left: to the person's own last character while they
 * type. Lexical's binding ties a caret to the character on its right, which at the end of a
 * paragraph is the end itself: a character another delegation types there then lands left of
 * the caret, and the next key goes after it (the letters of two people typing at one point
 * interleave). A range keeps its start on its first character and its end on its last, so that
 * what others type at either edge stays outside it, as Lexical does for ranges.
 */
export function $anchorSelection(binding: Binding): AnchoredSelection | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return null;
  const collapsed = selection.isCollapsed();
  const backward = !collapsed && selection.isBackward();
  const anchor = relativePositionOf(binding, selection.anchor, collapsed || backward ? -1 : 0);
  const focus = relativePositionOf(binding, selection.focus, collapsed || !backward ? -1 : 0);
  return anchor === null || focus === null ? null : { anchor, focus };
}

/**
 * Puts the selection back where `anchored` says, after a change from someone else was applied
 * (call inside an update). Returns false, changing nothing, when a place no longer resolves to a
 * node of this editor (the paragraph holding it was deleted): Lexical's own recovery then stands.
 */
export function $restoreSelection(binding: Binding, anchored: AnchoredSelection): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return false;
  const { anchorKey, anchorOffset, focusKey, focusOffset } = $getAnchorAndFocusForUserState(binding, {
    anchorPos: anchored.anchor,
    focusPos: anchored.focus,
  } as UserState);
  const anchor = anchorKey === null ? null : $pointAt(anchorKey, anchorOffset);
  const focus = focusKey === null ? null : $pointAt(focusKey, focusOffset);
  if (anchor === null || focus === null) return false;
  if (!samePoint(selection.anchor, anchor)) selection.anchor.set(anchor.key, anchor.offset, anchor.type);
  if (!samePoint(selection.focus, focus)) selection.focus.set(focus.key, focus.offset, focus.type);
  return true;
}

type PointTarget = { key: NodeKey; offset: number; type: 'text' | 'element' };

function samePoint(point: Point, target: PointTarget): boolean {
  return point.key === target.key && point.offset === target.offset && point.type === target.type;
}

/** A Lexical point for a node and offset the binding resolved, if the node is still in the editor. */
function $pointAt(key: NodeKey, offset: number): PointTarget | null {
  const node = $getNodeByKey(key);
  if (node === null || !node.isAttached()) return null;
  if ($isTextNode(node)) return { key, offset: Math.min(offset, node.getTextContentSize()), type: 'text' };
  if ($isElementNode(node)) return { key, offset: Math.min(offset, node.getChildrenSize()), type: 'element' };
  // A line break: the place before it in its paragraph.
  const parent = node.getParent();
  return parent === null ? null : { key: parent.getKey(), offset: node.getIndexWithinParent(), type: 'element' };
}

/**
 * The index of a Lexical point in the Y.XmlText of its paragraph, where each text run is its
 * properties map followed by its characters and every other node counts one, as the binding
 * lays them out; then the relative position there, tied left (assoc < 0) or right.
 */
function relativePositionOf(binding: Binding, point: Point, assoc: number): Y.RelativePosition | null {
  // The root's collab node is not in the map; a point on the root (an empty clause) is on it.
  const collabNode = (point.key === 'root' ? binding.root : binding.collabNodeMap.get(point.key)) as unknown;
  if (collabNode === undefined) return null;
  if (point.type === 'text') {
    const text = collabNode as CollabTextInternals;
    const runOffset = text.getOffset();
    if (runOffset === -1) return null;
    return Y.createRelativePositionFromTypeIndex(text._parent._xmlText, runOffset + 1 + point.offset, assoc);
  }
  const element = point.getNode();
  if (!$isElementNode(element)) return null;
  let index = 0;
  for (const child of element.getChildren().slice(0, point.offset)) {
    index += $isTextNode(child) ? child.getTextContentSize() + 1 : 1;
  }
  return Y.createRelativePositionFromTypeIndex((collabNode as CollabElementInternals)._xmlText, index, assoc);
}
