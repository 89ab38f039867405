/**
 * The collaboration wire protocol shared by server and client.
 *
 * Document messages follow the standard y-websocket protocol, so the stock `WebsocketProvider`
 * works unchanged. Bump {@link PROTOCOL_VERSION} when Mufakat adds or changes a message type.
 */
export const PROTOCOL_VERSION = 1;

/** First varUint of every binary frame on `/collab/:draftId` (y-websocket's numbering). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Second varUint of a `sync` message (y-protocols/sync numbering). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/**
 * WebSocket close codes. The y-websocket client stops reconnecting only on 4400-4499, so every
 * refusal that retrying cannot fix uses one of these; anything else makes the client retry.
 */
export const CloseCode = {
  /** A frame that is not a valid message, or an update Yjs cannot apply. */
  malformed: 4400,
  /** No valid session cookie for this server. */
  notAuthenticated: 4401,
  /** The session may not do this: another draft, a read-only role, a frozen clause, adoption. */
  forbidden: 4403,
  /** No draft with this id. */
  unknownDraft: 4404,
  /** A frame larger than the configured limit. */
  tooLarge: 4413,
  /** More messages than the rate limit allows. */
  tooManyMessages: 4429,
  /** The server is shutting down; the client reconnects on its own. */
  goingAway: 1001,
  /** The server could not store an update; the client reconnects and resends it. */
  internalError: 1011,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Human-readable reasons sent with each close code (at most 123 bytes, the WebSocket limit). */
export const CloseReason: Record<CloseCode, string> = {
  [CloseCode.malformed]: 'Malformed message: the update could not be read or applied.',
  [CloseCode.notAuthenticated]: 'Not signed in: open your link again to join this draft.',
  [CloseCode.forbidden]: 'Not allowed: your role cannot make this change to this draft.',
  [CloseCode.unknownDraft]: 'No such draft: check the link you were given.',
  [CloseCode.tooLarge]: 'Message too large: the change exceeds the size limit.',
  [CloseCode.tooManyMessages]: 'Too many messages: slow down and reconnect.',
  [CloseCode.goingAway]: 'The server is restarting; reconnecting.',
  [CloseCode.internalError]: 'The server could not store a change; reconnecting to resend it.',
};

/**
 * Close reasons more precise than a code's own (`CloseReason`), that a client acts on by their
 * words (at most 123 bytes each).
 */
export const CloseMessage = {
  /**
   * 4403: the update carried text under a Yjs client id that another session already writes
   * with (a forged authorship, or a random 1-in-2^32 collision). The honest client reloads the
   * draft into a fresh Y.Doc, which picks a new random client id, and offers its unsent words to copy.
   */
  clientIdTaken:
    'Your edit was refused: its writer id belongs to another participant. The draft reloads; copy your words.',
} as const;
